"""Reporting duties, overdue views, the traffic light, and who reads which report (spec tasks: Reporting
duties, Supervision, Access)."""

from __future__ import annotations

from datetime import datetime

import pytest

from govkit.clock import SHANGHAI, travel_to

PLAN = {"milestones": [{"due_on": "2023-06-30", "description": "上半年签约项目50个"}],
        "measures": "建立项目台账，按月调度", "responsible_person": "张三"}


def monthly(period: str, percent: int, **extra) -> dict:
    return {"kind": "monthly", "period": period, "progress": f"完成{percent}%", "percent": percent} | extra


@pytest.fixture
def on():
    """Move the service clock to a day in Shanghai (back to real time after the test)."""
    def go(day: str) -> None:
        travel_to(datetime.fromisoformat(day).replace(hour=10, tzinfo=SHANGHAI))
    yield go
    travel_to(None)


async def test_a_unit_files_its_plan_by_february_17_and_may_replace_it(tasks, who, on):
    on("2023-02-16")
    r = await tasks.put("/tasks/GWR2023-2/plan", headers=who.fgw, json=PLAN)
    assert r.status_code == 201 and r.headers["location"] == "/tasks/GWR2023-2/plans/fgw"
    assert r.json()["late"] is False
    on("2023-02-20")
    again = await tasks.put("/tasks/GWR2023-2/plan", headers=who.fgw, json=PLAN | {"responsible_person": "李四"})
    assert again.status_code == 200 and again.json()["late"] is True
    assert (await tasks.get("/tasks/GWR2023-2/plans/fgw", headers=who.leader)).json()["responsible_person"] == "李四"
    assert (await tasks.put("/tasks/GWR2023-2/plan", headers=who.swj, json=PLAN)).status_code == 403  # not its task
    assert (await tasks.put("/tasks/BE2023-A2/plan", headers=who.fgw, json=PLAN)).status_code == 422  # annex entry


async def test_monthly_reports_are_due_on_the_25th_and_december_is_the_annual_report(tasks, who, on):
    on("2023-03-25")  # a Saturday: still on time (the text names a date)
    r = await tasks.post("/tasks/GWR2023-2/reports", headers=who.fgw, json=monthly("2023-03", 20,
                                                                                 target_values={"1": "120"}))
    assert r.status_code == 201 and r.json()["due"] == "2023-03-25" and r.json()["late"] is False
    assert r.headers["location"] == f"/tasks/GWR2023-2/reports/{r.json()['id']}"
    assert (await tasks.post("/tasks/GWR2023-2/reports", headers=who.fgw,
                             json=monthly("2023-03", 25))).status_code == 409
    on("2023-04-26")
    late = await tasks.post("/tasks/GWR2023-2/reports", headers=who.fgw, json=monthly("2023-04", 30))
    assert late.json()["late"] is True
    dec = await tasks.post("/tasks/GWR2023-2/reports", headers=who.fgw, json=monthly("2023-12", 90))
    assert dec.status_code == 422 and "全年" in dec.json()["detail"]
    assert (await tasks.post("/tasks/GWR2023-2/reports", headers=who.fgw,
                             json=monthly("2023-13", 40))).status_code == 422
    bad_target = await tasks.post("/tasks/GWR2023-2/reports", headers=who.fgw,
                                  json=monthly("2023-05", 40, target_values={"9": "1"}))
    assert bad_target.status_code == 422
    annual = await tasks.post("/tasks/GWR2023-2/reports", headers=who.fgw, json={
        "kind": "annual", "period": "2023", "progress": "全年完成", "percent": 100, "completed": True})
    assert annual.status_code == 201 and annual.json()["due"] == "2023-12-25"
    wrong = await tasks.post("/tasks/BE2023-A2/reports", headers=who.fgw, json=monthly("2023-01", 50))
    assert wrong.status_code == 422  # an annex entry is followed by its own date: a completion report


async def test_overdue_duties_per_unit_and_per_task(tasks, who, on):
    on("2023-02-16")
    await tasks.put("/tasks/GWR2023-2/plan", headers=who.fgw, json=PLAN)
    on("2023-03-25")
    await tasks.post("/tasks/GWR2023-2/reports", headers=who.fgw, json=monthly("2023-03", 20))
    on("2023-03-27")
    mine = (await tasks.get("/overdue", headers=who.fgw)).json()
    assert mine["as_of"] == "2023-03-27"
    fgw_on_2 = [(d["kind"], d["period"]) for d in mine["duties"] if d["task_id"] == "GWR2023-2"]
    assert fgw_on_2 == [("monthly", "2023-02")]  # plan filed, March filed, February missing
    assert {d["unit_code"] for d in mine["duties"]} == {"fgw"}
    assert mine["by_unit"]["fgw"] == len(mine["duties"])
    everyone = (await tasks.get("/overdue", headers=who.supervisor)).json()
    assert everyone["by_task"]["GWR2023-2"] == 1 and everyone["by_unit"]["410581"] > 0  # counties act as units
    annex = [d for d in everyone["duties"] if d["task_id"] == "BE2023-A2"]
    assert {(d["unit_code"], d["kind"], d["due"]) for d in annex} == {("fgw", "completion", "2023-01-31"),
                                                                      ("ggzy", "completion", "2023-01-31")}
    assert (await tasks.get("/overdue", headers=who.enterprise)).status_code == 403


async def test_the_traffic_light_answers_with_its_facts(tasks, who, on):
    on("2023-03-25")
    await tasks.post("/tasks/GWR2023-2/reports", headers=who.fgw, json=monthly("2023-03", 20))
    green = (await tasks.get("/tasks/GWR2023-2/status", headers=who.fgw,
                             params={"as_of": "2023-03-26"})).json()
    # 84 of 364 days → 23% expected; 20% reported; but February's report and the plan are missing
    assert green["light"] == "yellow" and green["facts"]["expected_percent"] == 23
    assert green["facts"]["reported_percent"] == 20 and green["facts"]["overdue_duties"] == 2
    assert "tasks" not in green["basis"] and "安政办〔2023〕5号" in green["basis"]
    red = (await tasks.get("/tasks/GWR2023-3/status", headers=who.fgw, params={"as_of": "2023-07-01"})).json()
    assert red["light"] == "red" and red["facts"]["due_on"] == "2023-06-30"
    assert any("2023-06-30" in reason for reason in red["reasons"])
    on("2023-03-30")
    await tasks.post("/tasks/BE2023-B11/reports", headers=who.jtys, json={
        "kind": "completion", "period": "2023", "progress": "已全覆盖", "percent": 100, "completed": True})
    # 安政办〔2023〕1号（十一）: every lead must report done (jtys has; the others have not)
    b11 = (await tasks.get("/tasks/BE2023-B11/status", headers=who.leader, params={"as_of": "2023-03-31"})).json()
    assert b11["light"] == "red" and b11["facts"]["leads"][0]["unit"] in {"zwfw", "scjg", "zrgh", "rsj", "jtys"}
    assert (await tasks.get("/tasks/GWR2023-2/status", headers=who.enterprise)).status_code == 403
    far = await tasks.get("/tasks/GWR2023-2/status", headers=who.fgw, params={"as_of": "9999-12-31"})
    assert far.status_code == 200 and far.json()["light"] == "red"
    assert (await tasks.get("/overdue", headers=who.fgw, params={"as_of": "9999-12-31"})).status_code == 200


async def test_a_lead_unit_reads_its_co_units_reports_a_co_unit_only_its_own(tasks, who, on):
    on("2023-03-20")
    # task 7: 市商务局 leads, 市财政局 co-operates
    for unit, percent in ((who.czj, 30), (who.swj, 25)):
        r = await tasks.post("/tasks/GWR2023-7/reports", headers=unit, json=monthly("2023-03", percent))
        assert r.status_code == 201
    lead_view = (await tasks.get("/tasks/GWR2023-7/reports", headers=who.swj)).json()
    assert {r["unit_code"] for r in lead_view["items"]} == {"swj", "czj"}
    co_view = (await tasks.get("/tasks/GWR2023-7/reports", headers=who.czj)).json()
    assert {r["unit_code"] for r in co_view["items"]} == {"czj"}
    swj_report = next(r for r in lead_view["items"] if r["unit_code"] == "swj")
    assert (await tasks.get(f"/tasks/GWR2023-7/reports/{swj_report['id']}", headers=who.czj)).status_code == 403
    assert len((await tasks.get("/tasks/GWR2023-7/reports", headers=who.leader)).json()["items"]) == 2
    assert (await tasks.get("/tasks/GWR2023-7/reports", headers=who.linzhou)).status_code == 403  # not its task
    assert (await tasks.get("/tasks/GWR2023-7/reports", headers=who.enterprise)).status_code == 403
