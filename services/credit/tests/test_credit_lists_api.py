"""Joint-punishment lists through HTTP: authority, basis, dates, expiry job, imports, check, events."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import nats
import pytest
from sqlalchemy import select

from anyang_credit.app import spec
from anyang_credit.events import jobs
from anyang_credit.settings import CreditSettings
from govkit.ids import make_uscc
from govkit.testing import eventually, service_client

_p = Path(__file__).with_name("credit_b_helpers.py")
h = sys.modules.get("credit_b_helpers")
if h is None:
    _s = importlib.util.spec_from_file_location("credit_b_helpers", _p)
    h = importlib.util.module_from_spec(_s)
    sys.modules["credit_b_helpers"] = h
    _s.loader.exec_module(h)


async def _events(app, event_type: str) -> list[dict]:
    kit = spec.kit
    async with app.state.sessionmaker() as s:
        rows = (
            await s.execute(select(kit.outbox.c.payload).where(kit.outbox.c.type == event_type))
        ).scalars()
        return [json.loads(r) if isinstance(r, str) else r for r in rows]


async def test_non_authority_department_is_refused_with_403_naming_the_rule(credit):
    r = await credit.post("/lists/major_tax_violation/entries", json=h.entry(), headers=h.dept("scjg"))
    assert r.status_code == 403
    body = r.json()
    assert "sw" in body["detail"] and "四（四）" in body["detail"]
    assert body["rule"] == "not_authority"
    assert await _events(credit.app, "credit.blacklist.added") == []


@pytest.mark.parametrize(("field", "value"), [
    ("legal_basis", ""), ("legal_basis", "x"), ("legal_basis", "\u200b\u200b\u200b\u200b"),
    ("decision_number", ""), ("decision_number", "x"), ("effective_date", "0001-01-01"),
])
async def test_an_entry_without_a_plausible_basis_number_or_date_is_refused_with_422(credit, field, value):
    r = await credit.post(
        "/lists/major_tax_violation/entries", json=h.entry(**{field: value}), headers=h.dept("sw")
    )
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {field}
    assert (await credit.get("/lists/major_tax_violation/entries", headers=h.dept("sw"))).json()["total"] == 0


async def test_list_with_a_term_needs_an_expiry_date(credit):
    r = await credit.post(
        "/lists/major_tax_violation/entries", json=h.entry(expiry_date=None), headers=h.dept("sw")
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "expiry_date"


async def test_department_without_list_scope_is_refused(credit):
    r = await credit.post(
        "/lists/major_tax_violation/entries", json=h.entry(), headers=h.dept("sw", scopes=[])
    )
    assert r.status_code == 403


async def test_check_is_false_before_effective_date_true_on_it_and_false_on_expiry_date(credit):
    r = await credit.post("/lists/major_tax_violation/entries", json=h.entry(), headers=h.dept("sw"))
    assert r.status_code == 201, r.text
    entry_id = r.json()["id"]

    async def on(d: str) -> dict:
        return (await credit.get(f"/lists/check/{h.ENT}", params={"as_of": d})).json()

    assert (await on("2023-02-28"))["listed"] is False
    day1 = await on("2023-03-01")
    assert day1["listed"] is True
    assert day1["hits"][0]["entry_id"] == entry_id
    assert day1["hits"][0]["legal_basis"].startswith("《税收征收管理法》")
    assert (await on("2026-02-28"))["listed"] is True
    assert (await on("2026-03-01"))["listed"] is False


async def test_added_event_carries_the_entry(credit):
    body = h.entry(expiry_date="2099-03-01")
    await credit.post("/lists/major_tax_violation/entries", json=body, headers=h.dept("sw"))
    [event] = await _events(credit.app, "credit.blacklist.added")
    data = event["data"]
    assert data["list_code"] == "major_tax_violation" and data["list_name"] == "重大税收违法案件当事人名单"
    assert data["subject_code"] == h.ENT and data["decision_number"] == body["decision_number"]
    assert data["authority"] == "sw" and data["effective_date"] == "2023-03-01"
    assert data["expiry_date"] == "2099-03-01"


async def test_only_an_entry_in_force_is_announced_a_future_one_on_its_effective_date(credit):
    from datetime import timedelta

    from anyang_credit.events import jobs
    from govkit.clock import business_date, travel_to, utcnow

    today = business_date()
    expired = h.entry(effective_date="2020-01-01", expiry_date="2021-01-01")
    future = h.entry(effective_date=(today + timedelta(days=10)).isoformat(), expiry_date="2099-01-01")
    for body in (expired, future):
        r = await credit.post("/lists/major_tax_violation/entries", json=body, headers=h.dept("sw"))
        assert r.status_code == 201, r.text
    assert await _events(credit.app, "credit.blacklist.added") == []
    job = next(j for j in jobs if j.name == "credit.lists.in_force")
    try:
        travel_to(utcnow() + timedelta(days=10))
        async with credit.app.state.sessionmaker() as s, s.begin():
            assert (await job.fn(s, utcnow())).startswith("1 ")
        async with credit.app.state.sessionmaker() as s, s.begin():
            assert (await job.fn(s, utcnow())).startswith("0 ")  # announced once
    finally:
        travel_to(None)
    [event] = await _events(credit.app, "credit.blacklist.added")
    assert event["data"]["decision_number"] == future["decision_number"]


async def test_expiry_job_removes_once_and_emits_removed_once(credit):
    await credit.post(
        "/lists/major_tax_violation/entries", json=h.entry(expiry_date="2023-06-01"), headers=h.dept("sw")
    )
    job = next(j for j in jobs if j.name == "credit.lists.expire")
    sched = credit.app.state.scheduler
    when = datetime(2023, 6, 1, 1, tzinfo=UTC)
    assert await sched.run_once(job, now=when) == "expired 1"
    async with credit.app.state.sessionmaker() as s, s.begin():
        assert await job.fn(s, when) == "expired 0"  # safe to run twice
    [removed] = await _events(credit.app, "credit.blacklist.removed")
    assert removed["data"]["reason"] == "expiry" and removed["data"]["removed_on"] == "2023-06-01"


async def test_revocation_by_another_department_is_403_and_by_authority_emits_removed(credit):
    entry_id = (
        await credit.post("/lists/major_tax_violation/entries", json=h.entry(), headers=h.dept("sw"))
    ).json()["id"]
    url = f"/lists/major_tax_violation/entries/{entry_id}/removal"
    assert (await credit.post(url, json={"reason": "revocation"}, headers=h.dept("zy"))).status_code == 403
    r = await credit.post(
        url, json={"reason": "revocation", "removed_on": "2023-05-01"}, headers=h.dept("sw")
    )
    assert r.status_code == 200 and r.json()["removal_reason"] == "revocation"
    assert (await credit.get(f"/lists/check/{h.ENT}", params={"as_of": "2023-05-01"})).json()[
        "listed"
    ] is False
    [removed] = await _events(credit.app, "credit.blacklist.removed")
    assert removed["data"]["reason"] == "revocation"


async def test_national_import_is_per_entry_with_provenance_and_idempotent(credit):
    item = {
        "list_code": "dishonest_judgment_debtor",
        "subject_code": h.ENT2,
        "authority": "北京市第一中级人民法院",
        "legal_basis": "《民事诉讼法》第二百六十六条",
        "decision_number": "(2023)京01执123号",
        "effective_date": "2023-01-10",
        "provenance": {
            "source": "中国执行信息公开网",
            "retrieved_at": "2023-04-01T02:00:00Z",
            "source_id": "zxgk-001",
        },
    }
    bad = item | {
        "decision_number": "(2023)京01执124号",
        "provenance": {"source": "某网站", "retrieved_at": "2023-04-01T02:00:00Z", "source_id": "z2"},
    }
    no_basis = item | {
        "legal_basis": "",
        "decision_number": "(2023)京01执125号",
        "provenance": item["provenance"] | {"source_id": "z3"},
    }
    implausible = item | {"legal_basis": "x", "decision_number": "x",
                          "provenance": item["provenance"] | {"source_id": "z4"}}
    r = await credit.post("/lists/imports", json={"items": [item, bad, no_basis, implausible]},
                          headers=h.dept("zy"))
    assert [x["result"] for x in r.json()["results"]] == ["created", "refused", "refused", "refused"]
    assert {(e["field"], e["code"]) for e in r.json()["results"][3]["errors"]} == {
        ("legal_basis", "implausible"), ("decision_number", "implausible")}
    again = await credit.post(
        "/lists/imports", json={"items": [item, item | {"effective_date": "2023-01-11"}]}, headers=h.dept("zy")
    )
    assert [x["result"] for x in again.json()["results"]] == ["unchanged", "conflict"]
    other = await credit.post("/lists/imports", json={"items": [item]}, headers=h.dept("sw"))
    assert other.json()["results"][0]["result"] == "refused"  # sw is not the authority of that list
    lead = await credit.post("/lists/imports", json={"items": [item]}, headers=h.FGW)
    assert lead.json()["results"][0]["result"] == "refused"  # nor is the credit lead (#10 item 10)
    assert lead.json()["results"][0]["errors"][0]["code"] == "not_authority"
    check = (await credit.get(f"/lists/check/{h.ENT2}", params={"as_of": "2023-05-01"})).json()
    assert check["listed"] and check["hits"][0]["list"] == "dishonest_judgment_debtor"


async def test_a_national_import_of_the_largest_size_answers_each_item_and_announces_each_new_entry(credit):
    """5,000 items (the schema's bound): 2,500 entries of as many subjects, each sent twice — the second is
    unchanged — answered per item in order; every new entry in force is announced once and checkable."""
    subjects = [make_uscc(f"91410500MA47{n:05d}") for n in range(2500)]
    items = [{"list_code": "dishonest_judgment_debtor", "subject_code": code, "authority": "安阳市文峰区人民法院",
              "legal_basis": "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条",
              "decision_number": f"（2023）豫0502执{n}号", "effective_date": "2023-01-10",
              "provenance": {"source": "zxgk", "retrieved_at": "2023-04-01T02:00:00Z", "source_id": f"zxgk-{n}"}}
             for n, code in enumerate(subjects)]
    r = await credit.post("/lists/imports", json={"items": items * 2}, headers=h.dept("zy"))
    assert [x["result"] for x in r.json()["results"]] == ["created"] * 2500 + ["unchanged"] * 2500
    assert [x["index"] for x in r.json()["results"]] == list(range(5000))
    added = await _events(credit.app, "credit.blacklist.added")
    assert sorted(e["data"]["decision_number"] for e in added) == sorted(i["decision_number"] for i in items)
    check = (await credit.post("/lists/check", json={"subject_codes": subjects[-1000:]})).json()
    assert check["listed"] == 1000


async def test_batch_check_answers_per_code_and_flags_bad_codes(credit):
    await credit.post("/lists/major_tax_violation/entries", json=h.entry(), headers=h.dept("sw"))
    codes = [h.ENT, h.ENT2, "91410500MA44B000X", h.PERSON]
    r = await credit.post("/lists/check", json={"subject_codes": codes, "as_of": "2023-04-01"})
    assert r.status_code == 200
    res = r.json()["results"]
    assert [x["listed"] for x in res] == [True, False, None, False]
    assert res[2]["valid"] is False and res[2]["error"]
    assert r.json()["listed"] == 1
    too_many = await credit.post("/lists/check", json={"subject_codes": [h.ENT] * 1001})
    assert too_many.status_code == 422


async def test_added_event_reaches_nats(databases, nats_url, event_prefix):
    async with service_client(
        databases, spec, CreditSettings, background=True, nats_url=nats_url, event_prefix=event_prefix
    ) as c:
        nc = await nats.connect(nats_url)
        try:
            js = nc.jetstream()
            r = await c.post(
                "/lists/serious_illegal_dishonest/entries", json=h.entry(expiry_date="2099-03-01"),
                headers=h.dept("scjg")
            )
            assert r.status_code == 201, r.text
            subject = f"{event_prefix}.credit.blacklist.added"

            async def stream_ready():
                try:
                    return await js.find_stream_name_by_subject(subject)
                except Exception:
                    return None

            await eventually(stream_ready, timeout=15)
            sub = await js.subscribe(subject, deliver_policy=nats.js.api.DeliverPolicy.ALL)
            msg = await sub.next_msg(timeout=15)
            event = json.loads(msg.data)
            assert event["type"] == "credit.blacklist.added"
            assert event["data"]["list_code"] == "serious_illegal_dishonest"
            assert event["data"]["subject_code"] == h.ENT
        finally:
            await nc.close()
