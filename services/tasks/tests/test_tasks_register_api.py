"""The register served by the service: loaded by a migration in every mode, idempotently; sub-tasks and new
tasks; open groups named by the bureau."""

from __future__ import annotations

from sqlalchemy import select

from anyang_tasks.data import register_entries
from anyang_tasks.models.reports import Report
from anyang_tasks.service.register_load import upsert_register


async def test_a_fresh_database_without_demo_data_holds_the_whole_register(tasks):
    body = (await tasks.get("/tasks", params={"limit": 500})).json()
    assert body["total"] == 99 + 12 + 3 + 45
    parts = {(t["document"], t["part"]) for t in body["items"]}
    assert parts == {("安政办〔2023〕5号", "body"), ("安政办〔2023〕1号", "annex"), ("安政办〔2023〕1号", "body"),
                     ("安政〔2023〕2号", "credit_plan")}
    t3 = (await tasks.get("/tasks/GWR2023-3")).json()
    assert t3["due_on"] == "2023-06-30" and t3["groups"][0]["name"] == "相关县（市、区）政府"
    assert t3["groups"][0]["members"] == [] and t3["groups"][0]["assigned"] is False
    t1 = (await tasks.get("/tasks/GWR2023-1")).json()
    assert [g["comparison_label"] for g in t1["targets"]] == ["不低于"] * 3
    county = (await tasks.get("/tasks", params={"unit": "410581", "limit": 500})).json()
    assert county["total"] >= 10 and all(any(u["code"] == "410581" for u in t["units"]) for t in county["items"])
    r = await tasks.get("/tasks/GWR2023-100")
    assert r.status_code == 404 and "GWR2023-100" in r.json()["detail"]


async def test_loading_again_changes_nothing_and_a_corrected_extraction_updates_in_place_keeping_reports(tasks, who):
    r = await tasks.post("/tasks/GWR2023-2/reports", headers=who.fgw, json={
        "kind": "monthly", "period": "2023-03", "progress": "实施重点项目120个", "percent": 25,
        "target_values": {"1": "120"}})
    assert r.status_code == 201
    entries = register_entries()
    async with tasks.app.state.engine.begin() as conn:
        assert await conn.run_sync(upsert_register, entries) == 0  # idempotent: nothing new
    corrected = [dict(e, text=e["text"] + "（更正）") if e["id"] == "GWR2023-2" else e for e in entries]
    async with tasks.app.state.engine.begin() as conn:
        assert await conn.run_sync(upsert_register, corrected) == 0
    t2 = (await tasks.get("/tasks/GWR2023-2")).json()
    assert t2["text"].endswith("（更正）") and t2["targets"][0]["metric"] == "实施省市重点项目"
    async with tasks.app.state.sessionmaker() as s:
        kept = (await s.execute(select(Report).where(Report.task_id == "GWR2023-2"))).scalars().all()
    assert [k.progress for k in kept] == ["实施重点项目120个"]
    assert (await tasks.get("/tasks", params={"limit": 1})).json()["total"] == 159


async def test_the_bureau_adds_a_sub_task_with_its_own_units_targets_and_date(tasks, who):
    body = {"text": "一季度签约项目不少于30个", "due_on": "2023-03-31",
            "units": [{"name": "市发展改革委", "role": "lead"}, {"name": "林州市政府", "role": "co_operate"}],
            "targets": [{"metric": "签约项目", "comparison": "ge", "value": 30, "unit_of_measure": "个"}]}
    assert (await tasks.post("/tasks/GWR2023-1/subtasks", headers=who.fgw, json=body)).status_code == 403
    r = await tasks.post("/tasks/GWR2023-1/subtasks", headers=who.supervisor, json=body)
    assert r.status_code == 201, r.text
    sub = r.json()
    assert r.headers["location"] == f"/tasks/{sub['id']}"
    assert sub["parent_id"] == "GWR2023-1" and sub["document"] == "安政办〔2023〕5号" and sub["part"] == "added"
    assert sub["section"] == "一、全力稳定经济运行 / （一）积极扩大有效投资" and sub["due_on"] == "2023-03-31"
    assert {u["code"]: u["role"] for u in sub["units"]} == {"fgw": "lead", "410581": "co_operate"}
    assert sub["targets"][0]["value"] == "30.0000" or float(sub["targets"][0]["value"]) == 30
    assert (await tasks.get("/tasks/GWR2023-1")).json()["subtasks"] == [sub["id"]]
    # the county acts as a unit: it reports on its sub-task
    r = await tasks.post(f"/tasks/{sub['id']}/reports", headers=who.linzhou, json={
        "kind": "monthly", "period": "2023-03", "progress": "林州签约8个", "percent": 60})
    assert r.status_code == 201 and r.json()["unit_code"] == "410581"
    new = await tasks.post("/tasks", headers=who.supervisor, json={
        "text": "开展营商环境专项督查", "due_on": "2023-09-30", "units": [{"name": "市政务服务和大数据局"}]})
    assert new.status_code == 201 and new.json()["document"] == "市委市政府督查局交办"
    bad = await tasks.post("/tasks", headers=who.supervisor, json={"text": "x", "units": [{"name": "市不存在局"}]})
    assert bad.status_code == 422 and "未知单位" in bad.json()["detail"]
    no_lead = await tasks.post("/tasks", headers=who.supervisor, json={
        "text": "x", "units": [{"name": "fgw", "role": "co_operate"}]})
    assert no_lead.status_code == 422
    assert (await tasks.get("/tasks", params={"part": "added"})).json()["total"] == 2


async def test_the_bureau_names_the_members_of_an_open_group(tasks, who):
    t88 = (await tasks.get("/tasks/GWR2023-88")).json()
    group = next(g for g in t88["groups"] if g["name"] == "各相关部门")
    url = f"/tasks/GWR2023-88/groups/{group['id']}/members"
    assert (await tasks.put(url, headers=who.fgw, json={"members": ["市财政局"]})).status_code == 403
    r = await tasks.put(url, headers=who.supervisor, json={"members": ["市财政局", "市水利局"]})
    assert r.status_code == 200
    named = next(g for g in r.json()["groups"] if g["name"] == "各相关部门")
    assert named["members"] == ["czj", "slj"] and named["assigned"] is True
    assert {u["code"]: (u["role"], u["source"]) for u in r.json()["units"]}["slj"] == ("co_operate", "assigned")
    assert (await tasks.put(url, headers=who.supervisor, json={"members": ["市重建办"]})).status_code == 409
    assert (await tasks.put("/tasks/GWR2023-88/groups/999999/members", headers=who.supervisor,
                            json={"members": ["czj"]})).status_code == 404
