"""The monthly supervision report: JSON, an HTML page with no external assets and an inline SVG chart, a PDF
whose text reads back; the published summary without internal problems."""

from __future__ import annotations

import io
import re
from datetime import datetime

import pypdf
import pytest

from govkit.clock import SHANGHAI, travel_to


@pytest.fixture
async def march(tasks, who):
    """The demo reports of March 2023 (tasks 1–8 reported, 7 done, 9–12 silent)."""
    await tasks.app.state.spec.demo_loader(tasks.app)
    await tasks.app.state.spec.demo_loader(tasks.app)  # idempotent
    travel_to(datetime(2023, 4, 3, 10, tzinfo=SHANGHAI))
    yield tasks
    travel_to(None)


async def test_the_monthly_report_covers_every_task_with_totals_by_section_and_unit(march, who):
    r = await march.get("/monthly-reports/2023-03", headers=who.supervisor)
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["as_of"] == "2023-03-31" and report["totals"]["total"] == 159
    assert sum(s["total"] for s in report["by_section"]) == 159
    lines = {t["task_id"]: t for t in report["tasks"]}
    assert lines["GWR2023-7"]["light"] == "done"
    assert lines["GWR2023-1"]["percent"] == 30 and lines["GWR2023-1"]["problems"] == "部分项目用地指标未落实"
    assert [(g["metric"], g["actual"]) for g in lines["GWR2023-1"]["targets"]] == [
        ("签约项目", "46"), ("开工项目", "38"), ("投产项目", "21")]
    assert lines["GWR2023-3"]["light"] in ("yellow", "red") and lines["GWR2023-9"]["overdue_units"]
    assert lines["BE2023-A2"]["light"] == "red"  # 1月底前, nothing reported
    section = next(s for s in report["by_section"] if s["section"] == "一、全力稳定经济运行")
    assert section["total"] == 12 and section["done"] == 1
    fgw = next(u for u in report["by_unit"] if u["unit_code"] == "fgw")
    assert fgw["tasks"] > 40 and fgw["overdue_duties"] > 0
    assert report["overdue_units"][0]["overdue_duties"] >= report["overdue_units"][-1]["overdue_duties"]
    assert "绿" in report["rule"]
    assert (await march.get("/monthly-reports/2023-03", headers=who.leader)).status_code == 200
    assert (await march.get("/monthly-reports/2023-03", headers=who.fgw)).status_code == 403
    assert (await march.get("/monthly-reports/2023-13", headers=who.supervisor)).status_code == 422


async def test_the_html_document_is_self_contained_with_an_svg_chart(march, who):
    r = await march.get("/monthly-reports/2023-03/html", headers=who.leader)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "2023年3月重点工作落实情况督查报告" in page and "<svg" in page and 'class="bar-done"' in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page) and "<script" not in page and "<link" not in page


async def test_the_pdf_reads_back_with_its_totals_and_units(march, who):
    r = await march.get("/monthly-reports/2023-03/pdf", headers=who.supervisor)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(r.content)).pages)
    assert "2023年3月重点工作落实情况督查报告" in text
    assert "共 159 项任务" in text and "逾期未报送单位" in text and "市发展改革委" in text
    assert "签约项目" in text


async def test_the_published_summary_is_public_and_keeps_internal_problems_out(march, who):
    assert (await march.post("/monthly-reports/2023-03/publication", headers=who.leader)).status_code == 403
    r = await march.post("/monthly-reports/2023-03/publication", headers=who.supervisor)
    assert r.status_code == 201 and r.headers["location"] == "/public/monthly-summaries/2023-03"
    assert (await march.post("/monthly-reports/2023-03/publication", headers=who.supervisor)).status_code == 409
    public = (await march.get("/public/monthly-summaries/2023-03")).json()
    lines = {t["task_id"]: t for t in public["report"]["tasks"]}
    assert lines["GWR2023-1"]["latest_progress"] and lines["GWR2023-1"]["problems"] is None
    assert "部分项目用地指标未落实" not in str(public)
    listing = (await march.get("/public/monthly-summaries")).json()
    assert listing["total"] == 1 and listing["items"][0]["period"] == "2023-03"
    assert (await march.get("/public/monthly-summaries/2023-04")).status_code == 404


async def test_without_its_font_the_pdf_is_a_clear_503_and_the_html_still_works(march, who):
    march.app.state.settings.report_font = "/nonexistent/font.ttc"
    r = await march.get("/monthly-reports/2023-03/pdf", headers=who.supervisor)
    assert r.status_code == 503 and "字体" in r.json()["detail"]
    assert (await march.get("/monthly-reports/2023-03/html", headers=who.supervisor)).status_code == 200
