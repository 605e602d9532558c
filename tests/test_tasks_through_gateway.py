"""The tasks service through the gateway on the real platform, with the demo clients of clients.dev.yaml."""

from __future__ import annotations

import io
import time

import pypdf
import pytest


def test_a_fresh_start_without_demo_data_serves_the_whole_register(platform):
    body = platform.client.get("/tasks/tasks", params={"limit": 500}).json()
    assert body["total"] == 99 + 12 + 3 + 45
    ids = [t["id"] for t in body["items"]]
    assert {f"GWR2023-{n}" for n in range(1, 100)} <= set(ids)
    for task_id in ids:
        r = platform.client.get(f"/tasks/tasks/{task_id}")
        assert r.status_code == 200 and r.json()["id"] == task_id and (r.json()["units"] or r.json()["groups"])
    assert platform.client.get("/tasks/tasks/GWR2023-100").status_code == 404


def test_units_report_counties_act_as_units_and_city_leaders_read_everything(platform):
    fgw, linzhou, leader = platform.auth("dept-fgw"), platform.auth("county-linzhou"), platform.auth("city-leader")
    gw = platform.client
    plan = gw.put("/tasks/tasks/GWR2023-69/plan", headers=linzhou, json={
        "milestones": [{"due_on": "2023-06-30", "description": "新增新能源装机20万千瓦"}],
        "measures": "推进风电光伏项目", "responsible_person": "林州市发改委主任"})
    assert plan.status_code == 201 and plan.headers["location"] == "/tasks/tasks/GWR2023-69/plans/410581"
    for who, percent in ((fgw, 35), (linzhou, 40)):
        r = gw.post("/tasks/tasks/GWR2023-69/reports", headers=who, json={
            "kind": "monthly", "period": "2023-05", "progress": "推进中", "percent": percent,
            "target_values": {"1": "18"}, "problems": "并网指标紧张"})
        assert r.status_code == 201, r.text
    # task 69 has no single lead: every unit reads its own only; the city leader reads all
    assert {r["unit_code"] for r in gw.get("/tasks/tasks/GWR2023-69/reports", headers=leader).json()["items"]} == {
        "fgw", "410581"}
    status = gw.get("/tasks/tasks/GWR2023-69/status", headers=leader, params={"as_of": "2023-05-31"}).json()
    assert status["light"] in ("green", "yellow", "red") and status["facts"]["as_of"] == "2023-05-31"
    assert gw.get("/tasks/overdue", headers=leader).json()["by_unit"]
    assert gw.get("/tasks/monthly-reports/2023-05", headers=leader).status_code == 200
    assert gw.post("/tasks/monthly-reports/2023-05/publication", headers=leader).status_code == 403
    assert gw.get("/tasks/monthly-reports/2023-05", headers=platform.auth("dept-yjj")).status_code == 403


def test_the_monthly_report_opens_as_html_and_pdf_through_the_gateway(demo_platform):
    gw, leader = demo_platform.client, demo_platform.auth("city-leader")
    report = gw.get("/tasks/monthly-reports/2023-03", headers=leader).json()
    assert report["totals"]["done"] >= 1 and report["overdue_units"]
    html = gw.get("/tasks/monthly-reports/2023-03/html", headers=leader)
    assert html.status_code == 200 and "<svg" in html.text
    pdf = gw.get("/tasks/monthly-reports/2023-03/pdf", headers=leader)
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "2023年3月重点工作落实情况督查报告" in text and "各部分任务状态" in text
    published = gw.post("/tasks/monthly-reports/2023-03/publication", headers=demo_platform.auth("dept-dcs"))
    assert published.status_code in (201, 409)
    public = gw.get("/tasks/public/monthly-summaries/2023-03")
    assert public.status_code == 200 and "部分项目用地指标未落实" not in public.text


@pytest.mark.heavy
async def test_the_monthly_report_renders_in_chromium_with_its_chart(demo_platform, browser_page):
    started = time.monotonic()
    await browser_page.set_extra_http_headers(demo_platform.auth("city-leader"))
    response = await browser_page.goto(f"{demo_platform.url}/tasks/monthly-reports/2023-03/html")
    assert response.status == 200
    assert await browser_page.title() == "2023年3月重点工作落实情况督查报告"
    assert await browser_page.locator("#chart svg").count() == 1
    bars = browser_page.locator("#chart svg rect[class^='bar-']")
    assert await bars.count() >= 12
    box = await browser_page.locator("#chart svg").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100  # the chart is drawn, not an empty box
    assert int(await browser_page.locator("#done").inner_text()) >= 1
    assert await browser_page.locator("#tasks tbody tr").count() == 159
    assert not browser_page.blocked_requests and not browser_page.page_errors
    print(f"browser check: {time.monotonic() - started:.2f}s")
