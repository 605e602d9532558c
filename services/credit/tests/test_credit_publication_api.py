"""Publication through HTTP: the 7-working-day due date on the official calendar, publishing, the overdue
list, the overdue event emitted once, corrections and withdrawal with history."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from anyang_credit.events import jobs
from anyang_credit.models import kit

_s = importlib.util.spec_from_file_location(
    "credit_a_helpers", Path(__file__).with_name("credit_a_helpers.py")
)
h = sys.modules.get("credit_a_helpers") or importlib.util.module_from_spec(_s)
if "credit_a_helpers" not in sys.modules:
    sys.modules["credit_a_helpers"] = h
    _s.loader.exec_module(h)

OVERDUE_JOB = next(j for j in jobs if j.name == "credit.publication.overdue")


async def _record(credit, record_id: str, headers=h.SCJG) -> dict:
    return (await credit.get(f"/records/{record_id}/history", headers=headers)).json()["record"]


@pytest.mark.parametrize(
    ("decided", "due"),
    [
        ("2023-01-19", "2023-02-02"),  # Spring Festival 1-21..27 off; Sat 1-28 and Sun 1-29 are working days
        ("2023-09-28", "2023-10-13"),  # Mid-Autumn + National Day 9-29..10-6 off; Sat 10-7, Sun 10-8 working
        ("2023-03-06", "2023-03-15"),  # an ordinary week
    ],
)
async def test_due_date_counts_working_days_of_the_official_calendar(credit, decided, due):
    category = "administrative_enforcement" if decided >= "2023-02-18" else "administrative_penalty"
    record_id = await h.report_one(credit, h.rec(f"期限-{decided}", category=category, decided=decided))
    deadline = (await _record(credit, record_id))["publication_deadline"]
    assert deadline["due_date"] == due and deadline["provisional"] is False
    assert "安政〔2023〕2号 二（一）1" in deadline["basis"]


async def test_an_added_category_decided_before_the_plan_owes_no_deadline(credit):
    """CP was issued 2023-02-18 (spec credit.md): the rule applies from then; the answer says why."""
    record_id = await h.report_one(
        credit, h.rec("期限-施行前", category="administrative_enforcement", decided="2023-02-17"))
    deadline = (await _record(credit, record_id))["publication_deadline"]
    assert deadline["due_date"] is None and "2023-02-18" in deadline["basis"]


async def test_penalties_and_licences_get_the_same_deadline_by_interpretation(credit):
    record_id = await h.report_one(
        credit, h.rec("罚-期限", category="administrative_penalty", decided="2023-01-19")
    )
    deadline = (await _record(credit, record_id))["publication_deadline"]
    assert deadline["due_date"] == "2023-02-02" and "Interpretation" in deadline["basis"]


async def test_other_record_kinds_have_no_deadline(credit):
    record_id = await h.report_one(credit, h.rec("税-1", category="tax"))
    assert (await _record(credit, record_id))["publication_deadline"]["due_date"] is None


async def test_unpublished_records_are_not_public_until_published(credit):
    record_id = await h.report_one(credit, h.rec("许-公开"))
    assert (await credit.get(f"/public/records/{record_id}")).status_code == 404
    r = await credit.post(f"/records/{record_id}/publish", headers=h.SCJG)
    assert r.status_code == 200 and r.json()["published"] is True
    assert (await credit.get(f"/public/records/{record_id}")).status_code == 200
    # publishing twice is harmless
    assert (await credit.post(f"/records/{record_id}/publish", headers=h.SCJG)).status_code == 200


async def test_overdue_list_per_department_and_for_the_credit_lead(credit):
    late = await h.report_one(credit, h.rec("逾期-1", decided="2023-01-19"))  # reported long after
    await h.report_one(credit, h.rec("逾期-2", decided="2023-01-19"), headers=h.SW)
    own = (await credit.get("/records/overdue", headers=h.SCJG)).json()
    assert own["total"] == 1
    item = own["items"][0]
    assert item["record_id"] == late and item["due_date"] == "2023-02-02"
    assert item["reason_code"] == "overdue_reported_late" and item["notified"] is False
    assert "信用信息归集通报制度" in item["basis"]
    # on the due date itself, with no report yet, nothing is overdue
    assert (await credit.get("/records/overdue", params={"as_of": "2023-02-02"}, headers=h.SCJG)).json()[
        "total"
    ] == 0
    assert (await credit.get("/records/overdue?department=scjg", headers=h.SW)).status_code == 403
    everyone = (await credit.get("/records/overdue", headers=h.FGW)).json()
    assert {i["department"] for i in everyone["items"]} == {"scjg", "sw"}
    assert (await credit.get("/records/overdue", headers=h.ent())).status_code == 403


async def _overdue_events(app) -> list[dict]:
    async with app.state.sessionmaker() as s:
        rows = (
            (
                await s.execute(
                    select(kit.outbox.c.payload).where(kit.outbox.c.type == "credit.publication.overdue")
                )
            )
            .scalars()
            .all()
        )
    return [json.loads(p) if isinstance(p, str) else p for p in rows]


async def test_the_overdue_job_emits_the_event_once_per_record(credit):
    late = await h.report_one(
        credit, h.rec("逾期-事件", category="administrative_inspection", decided="2023-09-28")
    )
    await h.report_one(credit, h.rec("按期"), publish=False)  # decided 2023-03-06: also late (reported now)
    recent = datetime.now(UTC).date().isoformat()
    on_time = await h.report_one(credit, h.rec("按期-近", decided=recent), publish=True)
    scheduler = credit.app.state.scheduler
    summary = await scheduler.run_once(OVERDUE_JOB)
    assert summary.startswith("2 ")
    await scheduler.run_once(OVERDUE_JOB, datetime.now(UTC))
    events = await _overdue_events(credit.app)
    assert len(events) == 2
    by_record = {e["data"]["record_id"]: e for e in events}
    assert on_time not in by_record
    event = by_record[late]
    assert event["subject"] == "scjg"
    data = event["data"]
    assert (data["department"], data["category"], data["decision_number"]) == (
        "scjg",
        "administrative_inspection",
        "逾期-事件",
    )
    assert (data["decision_date"], data["due_date"]) == ("2023-09-28", "2023-10-13")
    assert data["reason"] == "overdue_reported_late" and data["department_name"] == "市市场监督管理局"
    listed = (await credit.get("/records/overdue", headers=h.SCJG)).json()["items"]
    assert all(i["notified"] for i in listed)


async def test_a_correction_keeps_the_previous_version(credit):
    record_id = await h.report_one(credit, h.rec("更正-1", category="administrative_penalty"), publish=True)
    r = await credit.post(
        f"/records/{record_id}/corrections",
        headers=h.SCJG,
        json={"reason": "文书笔误", "title": "更正后的标题", "severity": "serious"},
    )
    assert r.status_code == 200
    assert (r.json()["title"], r.json()["severity"], r.json()["version"]) == (
        "更正后的标题",
        "serious",
        2,
    )
    history = (await credit.get(f"/records/{record_id}/history", headers=h.SCJG)).json()
    assert [v["version"] for v in history["versions"]] == [1]
    old = history["versions"][0]
    assert old["reason"] == "文书笔误" and old["snapshot"]["title"] == "决定 更正-1"
    assert old["snapshot"]["severity"] == "general"
    # the corrected content is now the record's content: re-sending it is unchanged, the old one a conflict
    resend = await h.report(
        credit,
        [
            h.rec("更正-1", category="administrative_penalty", title="更正后的标题", severity="serious"),
            h.rec("更正-1", category="administrative_penalty"),
        ],
    )
    assert [x["status"] for x in resend.json()["results"]] == ["unchanged", "conflict"]


async def test_a_correction_that_breaks_a_rule_is_refused_whole(credit):
    record_id = await h.report_one(credit, h.rec("更正-2", category="administrative_penalty"))
    r = await credit.post(
        f"/records/{record_id}/corrections",
        headers=h.SCJG,
        json={"reason": "改为许可", "category": "administrative_license", "severity": "minor"},
    )
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "not_applicable"
    history = (await credit.get(f"/records/{record_id}/history", headers=h.SCJG)).json()
    assert history["versions"] == [] and history["record"]["category"] == "administrative_penalty"


async def test_a_correction_cannot_null_a_field_every_record_has(credit):
    record_id = await h.report_one(credit, h.rec("更正-3"))
    r = await credit.post(
        f"/records/{record_id}/corrections",
        headers=h.SCJG,
        json={"reason": "清空日期", "title": "新标题", "decision_date": None, "category": None, "severity": None},
    )
    assert r.status_code == 422
    errors = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert set(errors) == {"decision_date", "category"}
    assert errors["decision_date"] == "不能为 null；不更正此项请省略该字段"
    history = (await credit.get(f"/records/{record_id}/history", headers=h.SCJG)).json()
    assert history["versions"] == [] and history["record"]["title"] == "决定 更正-3"


async def test_an_amount_beyond_what_can_be_stored_is_a_422_naming_the_field(credit):
    record_id = await h.report_one(credit, h.rec("更正-4"))
    r = await credit.post(f"/records/{record_id}/corrections", headers=h.SCJG,
                          json={"reason": "金额", "amount_fen": 10**15 + 1})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "amount_fen"
    assert "1000000000000000" in r.json()["errors"][0]["message"]
    fine = await credit.post(f"/records/{record_id}/corrections", headers=h.SCJG,
                             json={"reason": "罚没款合计五千万元", "amount_fen": 5_000_000_000})
    assert fine.status_code == 200, fine.text  # above 2^31 fen: stored in a 64-bit column


async def test_withdrawal_removes_the_record_from_public_view_and_keeps_history(credit):
    record_id = await h.report_one(credit, h.rec("撤回-1"), publish=True)
    r = await credit.post(
        f"/records/{record_id}/withdrawal", headers=h.SCJG, json={"reason": "决定已撤销"}
    )
    assert r.status_code == 200 and (r.json()["status"], r.json()["status_label"]) == ("withdrawn", "已撤回")
    assert (await credit.get(f"/public/records/{record_id}")).status_code == 404
    history = (await credit.get(f"/records/{record_id}/history", headers=h.SCJG)).json()
    assert history["versions"][0]["snapshot"]["status"] == "active"
    again = await credit.post(f"/records/{record_id}/withdrawal", headers=h.SCJG, json={"reason": "x"})
    assert again.status_code == 409
