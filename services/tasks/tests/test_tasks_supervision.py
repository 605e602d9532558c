"""Supervision items: raised from credit.publication.overdue over a real NATS (once per record), answered by
the department, closed by the supervision bureau."""

import uuid

import nats
from sqlalchemy import func, select

from anyang_tasks.app import spec
from anyang_tasks.models.supervision import SupervisionItem
from anyang_tasks.settings import TasksSettings
from govkit.events import Event
from govkit.testing import bearer, eventually, service_client

SUPERVISOR = bearer("department", "dcs", scopes=["tasks.supervisor"])
SCJG = bearer("department", "scjg")
FGW = bearer("department", "fgw")

OVERDUE = {
    "record_id": "rec-0001",
    "department": "scjg",
    "category": "administrative_penalty",
    "decision_number": "安市监罚〔2023〕12号",
    "decision_date": "2023-03-01",
    "due_date": "2023-03-10",
    "reason": "逾期未公开",
}


def overdue_event(data: dict | None = None) -> Event:
    return Event(
        id=str(uuid.uuid4()),
        type="credit.publication.overdue",
        version=1,
        occurred_at="2023-03-13T02:00:00+00:00",
        source="credit",
        subject="rec-0001",
        data=data or OVERDUE,
    )


async def _count(app) -> int:
    async with app.state.sessionmaker() as s:
        return (await s.execute(select(func.count()).select_from(SupervisionItem))).scalar_one()


async def test_an_overdue_publication_raises_one_item_even_when_the_event_repeats(
    databases, nats_url, event_prefix
):
    async with service_client(
        databases, spec, TasksSettings, background=True, nats_url=nats_url, event_prefix=event_prefix
    ) as client:
        await client.app.state.bus.wait_ready(5)
        await client.app.state.bus.ensure_stream("credit")
        nc = await nats.connect(nats_url)
        js = nc.jetstream()
        subject = f"{event_prefix}.credit.publication.overdue"
        first = overdue_event()
        await js.publish(subject, first.to_json(), headers={"Nats-Msg-Id": first.id})

        async def one_item():
            body = (await client.get("/supervision-items", headers=SUPERVISOR)).json()
            return body if body["total"] == 1 else None

        body = await eventually(one_item)
        item = body["items"][0]
        assert item["department"] == "scjg" and item["department_name"] == "市市场监督管理局"
        assert item["basis"] == "安政〔2023〕2号 二（一）1 信用信息归集通报制度"
        assert item["source"] == "credit.publication.overdue" and item["source_ref"] == "rec-0001"
        assert "安市监罚〔2023〕12号" in item["reason"] and "2023-03-10" in item["reason"]
        assert item["raised_on"] == "2023-03-13" and item["answer_due"] == "2023-03-20"  # 5 working days
        # the same event again (past JetStream's de-duplication: no Msg-Id), and a new event for the
        # same record
        await js.publish(subject, first.to_json())
        again = overdue_event()
        await js.publish(subject, again.to_json(), headers={"Nats-Msg-Id": again.id})
        await eventually(lambda: _lag_is_zero(client.app))
        assert await _count(client.app) == 1
        await nc.close()


async def _lag_is_zero(app) -> bool:
    return all([(await c.lag()) == 0 for c in app.state.consumers])


async def test_an_event_without_the_record_id_is_dead_lettered(databases, nats_url, event_prefix):
    async with service_client(
        databases, spec, TasksSettings, background=True, nats_url=nats_url, event_prefix=event_prefix
    ) as client:
        await client.app.state.bus.wait_ready(5)
        await client.app.state.bus.ensure_stream("credit")
        nc = await nats.connect(nats_url)
        bad = overdue_event({k: v for k, v in OVERDUE.items() if k != "record_id"})
        await nc.jetstream().publish(
            f"{event_prefix}.credit.publication.overdue", bad.to_json(), headers={"Nats-Msg-Id": bad.id}
        )
        ops = bearer("department", "dcs", scopes=["ops"])

        async def dead():
            body = (await client.get("/ops/dead-letters", headers=ops)).json()
            return body if body["total"] == 1 else None

        body = await eventually(dead)
        assert "record_id" in body["items"][0]["error"]
        assert await _count(client.app) == 0
        await nc.close()


async def _raise(tasks_client) -> dict:
    from anyang_tasks.service.supervision import raise_from_overdue_publication

    async with tasks_client.app.state.sessionmaker() as s, s.begin():
        await raise_from_overdue_publication(s, overdue_event())
    items = (await tasks_client.get("/supervision-items", headers=SUPERVISOR)).json()["items"]
    return items[0]


async def test_each_department_sees_only_its_own_items(tasks):
    item = await _raise(tasks)
    assert (await tasks.get("/supervision-items", headers=SCJG)).json()["total"] == 1
    assert (await tasks.get("/supervision-items", headers=FGW)).json()["total"] == 0
    assert (await tasks.get(f"/supervision-items/{item['id']}", headers=FGW)).status_code == 403
    enterprise = bearer("enterprise", "91410500MA44GT012H")
    assert (await tasks.get("/supervision-items", headers=enterprise)).status_code == 403


async def test_the_department_answers_and_the_supervisor_closes(tasks):
    item = await _raise(tasks)
    url = f"/supervision-items/{item['id']}"
    assert (
        await tasks.post(f"{url}/closure", json={}, headers=SUPERVISOR)
    ).status_code == 409  # not answered
    assert (await tasks.post(f"{url}/answer", json={"answer": "已公开"}, headers=FGW)).status_code == 403
    assert (await tasks.post(f"{url}/answer", json={"answer": ""}, headers=SCJG)).status_code == 422
    r = await tasks.post(f"{url}/answer", json={"answer": "已于3月14日公开并约谈经办人"}, headers=SCJG)
    assert r.status_code == 200 and r.json()["status"] == "answered" and r.json()["status_label"] == "已答复"
    assert (await tasks.post(f"{url}/closure", json={}, headers=SCJG)).status_code == 403
    r = await tasks.post(f"{url}/closure", json={"note": "整改到位"}, headers=SUPERVISOR)
    assert r.status_code == 200 and r.json()["status"] == "closed"
    assert (await tasks.post(f"{url}/answer", json={"answer": "x"}, headers=SCJG)).status_code == 409


async def test_the_supervisor_issues_an_item_to_a_unit_named_by_alias(tasks):
    r = await tasks.post(
        "/supervision-items",
        headers=SUPERVISOR,
        json={"department": "市发改委", "reason": "实施方案未按期报送", "basis": "安政办〔2023〕5号"},
    )
    assert r.status_code == 201 and r.json()["department"] == "fgw" and r.json()["source"] == "manual"
    r = await tasks.post(
        "/supervision-items",
        headers=SUPERVISOR,
        json={"department": "市不存在局", "reason": "x", "basis": "y"},
    )
    assert r.status_code == 422 and "未知单位" in r.json()["detail"]
    r = await tasks.post(
        "/supervision-items", headers=SCJG, json={"department": "fgw", "reason": "x", "basis": "y"}
    )
    assert r.status_code == 403


async def test_the_bureau_chooses_a_deadline_or_keeps_the_5_working_day_default(tasks):
    from datetime import datetime

    from govkit.clock import SHANGHAI, travel_to

    travel_to(datetime(2026, 12, 28, 10, tzinfo=SHANGHAI))
    try:
        default = await tasks.post("/supervision-items", headers=SUPERVISOR, json={
            "department": "fgw", "reason": "实施方案未按期报送", "basis": "安政办〔2023〕5号", "task_id": "GWR2023-1"})
        item = default.json()
        assert item["answer_due"] == "2027-01-05" and item["answer_due_set_by"] == "default"
        assert item["answer_due_provisional"] is True  # 2027's holiday arrangement is not published yet
        assert item["task_id"] == "GWR2023-1"
        chosen = await tasks.post("/supervision-items", headers=SUPERVISOR, json={
            "department": "fgw", "reason": "月度报告逾期", "basis": "安政办〔2023〕5号", "answer_due": "2027-01-15"})
        assert chosen.status_code == 201
        assert (chosen.json()["answer_due"], chosen.json()["answer_due_set_by"]) == ("2027-01-15", "bureau")
        assert chosen.json()["answer_due_provisional"] is False and chosen.json()["task_id"] is None
        past = await tasks.post("/supervision-items", headers=SUPERVISOR, json={
            "department": "fgw", "reason": "x", "basis": "y", "answer_due": "2026-12-01"})
        assert past.status_code == 422
        unknown_task = await tasks.post("/supervision-items", headers=SUPERVISOR, json={
            "department": "fgw", "reason": "x", "basis": "y", "task_id": "GWR2023-100"})
        assert unknown_task.status_code == 422
        travel_to(datetime(2027, 1, 6, 10, tzinfo=SHANGHAI))
        overdue = (await tasks.get("/supervision-items", headers=SUPERVISOR, params={"overdue": "true"})).json()
        assert [i["id"] for i in overdue["items"]] == [item["id"]] and overdue["items"][0]["overdue"] is True
        view = (await tasks.get("/overdue", headers=FGW)).json()
        assert [i["item_id"] for i in view["supervision_items"]] == [item["id"]]
        leader = bearer("department", "szf", scopes=["tasks.read_all"])
        assert (await tasks.get("/supervision-items", headers=leader)).json()["total"] == 2
        assert (await tasks.post("/supervision-items", headers=leader, json={
            "department": "fgw", "reason": "x", "basis": "y"})).status_code == 403
    finally:
        travel_to(None)


async def test_an_item_from_an_event_has_no_task_and_the_default_deadline(tasks):
    item = await _raise(tasks)
    assert item["task_id"] is None and item["answer_due_set_by"] == "default"
    assert item["answer_due_provisional"] is False
