"""Status by section as an inline SVG chart (stacked horizontal bars): no script, no external asset."""

from __future__ import annotations

from html import escape

from anyang_tasks.schemas.monthly import SectionTotals

COLOURS = {"green": "#2e7d32", "yellow": "#f9a825", "red": "#c62828", "done": "#1565c0"}
LABELS = {"green": "绿灯", "yellow": "黄灯", "red": "红灯", "done": "已完成"}
LABEL_WIDTH, BAR_WIDTH, ROW = 230, 440, 26


def status_by_section(sections: list[SectionTotals]) -> str:
    height = ROW * len(sections) + 50
    widest = max((s.total for s in sections), default=1) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="各部分任务状态" '
             f'viewBox="0 0 {LABEL_WIDTH + BAR_WIDTH + 60} {height}" width="100%" class="chart">']
    for i, s in enumerate(sections):
        y = 10 + i * ROW
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
                     f'{escape(s.section[:16])}</text>')
        x = LABEL_WIDTH
        for light in COLOURS:
            n = getattr(s, light)
            if n:
                w = BAR_WIDTH * n / widest
                parts.append(f'<rect class="bar-{light}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="18" '
                             f'fill="{COLOURS[light]}"><title>{escape(s.section)} {LABELS[light]} {n}</title></rect>')
                x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 15}" font-size="12">{s.total}</text>')
    y = height - 20
    for i, light in enumerate(COLOURS):
        parts.append(f'<rect x="{LABEL_WIDTH + i * 90}" y="{y}" width="12" height="12" fill="{COLOURS[light]}"/>'
                     f'<text x="{LABEL_WIDTH + i * 90 + 16}" y="{y + 11}" font-size="12">{LABELS[light]}</text>')
    parts.append("</svg>")
    return "".join(parts)
