"""Rendering the monthly report: HTML (jinja2, inline SVG, inline CSS) and PDF (fpdf2, CJK TrueType font)."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import jinja2
from fpdf import FPDF

from anyang_tasks.documents.chart import COLOURS, LABELS, status_by_section
from anyang_tasks.schemas.monthly import MonthlyReport
from govkit.errors import ProblemError


class PdfUnavailable(ProblemError):
    """503: the CJK font the PDF needs is not installed where the setting report_font points."""

    status = 503
    code = "pdf-font-missing"

COMPARISON = {"ge": "≥", "gt": ">", "le": "≤", "about": "约"}


def title(report: MonthlyReport) -> str:
    year, month = report.period.split("-")
    return f"{year}年{int(month)}月重点工作落实情况督查报告"


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent), autoescape=True)
    env.filters["number"] = _number
    return env.get_template("monthly.html.j2")


def html(report: MonthlyReport) -> str:
    return _template().render(r=report, title=title(report), chart=status_by_section(report.by_section),
                              comparison=COMPARISON)


def pdf(report: MonthlyReport, font_path: str) -> bytes:
    if not Path(font_path).is_file():
        raise PdfUnavailable(f"PDF 所需中文字体未安装（{font_path}）；可改用网页版",
                             f"The PDF's CJK font is not installed ({font_path}); the HTML version works")
    doc = FPDF(orientation="P", unit="mm", format="A4")
    doc.set_auto_page_break(True, margin=15)
    doc.add_font("cjk", fname=font_path)
    doc.add_font("cjk", style="B", fname=font_path)  # table headings ask for bold: the same face
    doc.add_page()
    doc.set_font("cjk", size=16)
    doc.cell(0, 10, title(report), new_x="LMARGIN", new_y="NEXT", align="C")
    doc.set_font("cjk", size=10)
    t = report.totals
    doc.multi_cell(0, 6, f"统计截至 {report.as_of}；共 {t.total} 项任务：绿灯 {t.green}，黄灯 {t.yellow}，"
                         f"红灯 {t.red}，已完成 {t.done}。", new_x="LMARGIN", new_y="NEXT")
    _chart(doc, report)
    _heading(doc, "分部分统计")
    _table(doc, ["部分", "绿灯", "黄灯", "红灯", "已完成", "合计"], [80, 20, 20, 20, 20, 20],
           [[s.section, s.green, s.yellow, s.red, s.done, s.total] for s in report.by_section])
    _heading(doc, "逾期未报送单位")
    _table(doc, ["单位", "逾期事项", "承担任务"], [110, 35, 35],
           [[u.unit_name, u.overdue_duties, u.tasks] for u in report.overdue_units] or [["无", "", ""]])
    _heading(doc, "目标完成情况")
    _table(doc, ["任务", "指标", "目标", "已报完成"], [25, 85, 40, 30],
           [[line.ref, g.metric, f"{COMPARISON[g.comparison]}{_number(g.value)}{g.unit_of_measure}", g.actual or "—"]
            for line in report.tasks for g in line.targets])
    _heading(doc, "任务清单")
    _table(doc, ["编号", "任务", "状态", "进度"], [25, 115, 25, 15],
           [[line.ref, line.text[:40], line.light_label[:2], f"{line.percent}%"] for line in report.tasks])
    return bytes(doc.output())


def _heading(doc: FPDF, text: str) -> None:
    doc.ln(3)
    doc.set_font("cjk", size=12)
    doc.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    doc.set_font("cjk", size=9)


def _table(doc: FPDF, header: list[str], widths: list[int], rows: list[list]) -> None:
    with doc.table(col_widths=widths, text_align="LEFT", line_height=5) as table:
        table.row(header)
        for row in rows:
            table.row([str(c) for c in row])


def _chart(doc: FPDF, report: MonthlyReport) -> None:
    """The same status-by-section chart, drawn with rectangles."""
    _heading(doc, "各部分任务状态")
    widest = max((s.total for s in report.by_section), default=1) or 1
    for s in report.by_section:
        y = doc.get_y()
        doc.set_xy(10, y)
        doc.cell(60, 5, s.section[:16])
        x = 72.0
        for light, colour in COLOURS.items():
            n = getattr(s, light)
            if n:
                w = 110 * n / widest
                doc.set_fill_color(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))
                doc.rect(x, y + 0.5, w, 4, style="F")
                x += w
        doc.set_xy(x + 2, y)
        doc.cell(10, 5, str(s.total), new_x="LMARGIN", new_y="NEXT")
    doc.ln(1)
    doc.cell(0, 5, "  ".join(f"{LABELS[k]}" for k in COLOURS), new_x="LMARGIN", new_y="NEXT")
