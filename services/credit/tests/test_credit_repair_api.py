"""Credit repair through HTTP: minimum period, who decides, approval effects, history, free of charge."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from sqlalchemy import select

from anyang_credit.app import spec
from anyang_credit.models.records import CreditRecord
from govkit.clock import business_date
from govkit.rules.periods import add_months

_p = Path(__file__).with_name("credit_b_helpers.py")
h = sys.modules.get("credit_b_helpers")
if h is None:
    _s = importlib.util.spec_from_file_location("credit_b_helpers", _p)
    h = importlib.util.module_from_spec(_s)
    sys.modules["credit_b_helpers"] = h
    _s.loader.exec_module(h)

COMMIT = {"content": "已全面整改，今后守法经营", "liability_on_breach": "如违反承诺，自愿接受联合惩戒"}


def _apply(rid: str, **kw) -> dict:
    return {
        "target_kind": "record",
        "target_id": rid,
        "reason": "已缴清罚款并整改",
        "evidence": ["缴款凭证-001"],
        "commitment": COMMIT,
    } | kw


async def test_repair_before_minimum_period_is_refused_with_the_earliest_date(credit):
    today = business_date()
    decided = add_months(today, -2)
    rid = await h.add_record(credit.app, h.ENT, decided=decided, severity="general")
    r = await credit.post("/repairs", json=_apply(rid), headers=h.ent())
    assert r.status_code == 422
    earliest = add_months(decided, 3)
    assert earliest.isoformat() in r.json()["detail"] and "3个月" in r.json()["detail"]
    assert r.json()["facts"]["earliest_date"] == earliest.isoformat()


async def test_serious_penalty_needs_a_year(credit):
    decided = add_months(business_date(), -6)
    rid = await h.add_record(credit.app, h.ENT, decided=decided, severity="serious")
    r = await credit.post("/repairs", json=_apply(rid), headers=h.ent())
    assert r.status_code == 422 and r.json()["facts"]["minimum_period_months"] == 12


async def test_application_needs_a_repair_commitment(credit):
    rid = await h.add_record(credit.app, h.ENT, decided=add_months(business_date(), -4))
    r = await credit.post("/repairs", json=_apply(rid, commitment=None), headers=h.ent())
    assert r.status_code == 422
    assert "commitment_id" in {e["field"] for e in r.json()["errors"]}


async def test_only_the_subject_applies_and_only_the_records_department_decides(credit):
    rid = await h.add_record(credit.app, h.ENT, decided=add_months(business_date(), -4), department="scjg")
    assert (await credit.post("/repairs", json=_apply(rid), headers=h.ent(h.ENT2))).status_code == 403
    r = await credit.post("/repairs", json=_apply(rid), headers=h.ent())
    assert r.status_code == 201, r.text
    app = r.json()
    assert app["status"] == "submitted" and app["decider"] == "scjg"
    assert "不收取任何费用" in app["free_of_charge"]["zh"]
    url = f"/repairs/{app['id']}/decision"
    assert (await credit.post(url, json={"to": "accepted"}, headers=h.dept("sw"))).status_code == 403
    assert (await credit.post(url, json={"to": "accepted"}, headers=h.dept("scjg"))).status_code == 200
    assert (
        await credit.post(url, json={"to": "approved"}, headers=h.dept("scjg"))
    ).status_code == 422  # no reason
    done = await credit.post(url, json={"to": "approved", "reason": "整改到位"}, headers=h.dept("scjg"))
    assert done.status_code == 200 and done.json()["status"] == "approved"
    assert [s["to_status"] for s in done.json()["history"]] == ["submitted", "accepted", "approved"]
    async with credit.app.state.sessionmaker() as s:
        rec = await s.get(CreditRecord, rid)
    assert rec.status == "repaired" and rec.publication_ended_at is not None  # stays in the archive
    assert (await credit.get(f"/repairs/{app['id']}", headers=h.ent(h.ENT2))).status_code == 403
    assert (await credit.get(f"/repairs/{app['id']}", headers=h.ent())).status_code == 200


async def test_repair_of_a_list_entry_is_decided_by_its_authority_and_emits_removed(credit):
    entry_id = (
        await credit.post(
            "/lists/major_tax_violation/entries",
            json=h.entry(effective_date="2024-01-01", expiry_date="2030-01-01"),
            headers=h.dept("sw"),
        )
    ).json()["id"]
    r = await credit.post("/repairs", json=_apply(entry_id, target_kind="list_entry"), headers=h.ent())
    assert r.status_code == 201 and r.json()["decider"] == "sw"
    url = f"/repairs/{r.json()['id']}/decision"
    await credit.post(url, json={"to": "accepted"}, headers=h.dept("sw"))
    done = await credit.post(url, json={"to": "approved", "reason": "已履行纳税义务"}, headers=h.dept("sw"))
    assert done.status_code == 200
    check = (await credit.get(f"/lists/check/{h.ENT}")).json()
    assert check["listed"] is False
    async with credit.app.state.sessionmaker() as s:
        rows = (
            (
                await s.execute(
                    select(spec.kit.outbox.c.payload).where(
                        spec.kit.outbox.c.type == "credit.blacklist.removed"
                    )
                )
            )
            .scalars()
            .all()
        )
    [event] = [json.loads(x) if isinstance(x, str) else x for x in rows]
    assert event["data"]["reason"] == "repair" and event["data"]["entry_id"] == entry_id


async def test_department_may_start_a_repair_of_its_own_record_only(credit):
    rid = await h.add_record(credit.app, h.ENT, decided=add_months(business_date(), -4), department="scjg")
    body = {"target_kind": "record", "target_id": rid, "reason": "主动修复：已整改"}
    assert (
        await credit.post("/repairs/department-initiated", json=body, headers=h.dept("sw"))
    ).status_code == 403
    r = await credit.post("/repairs/department-initiated", json=body, headers=h.dept("scjg"))
    assert (
        r.status_code == 201 and r.json()["status"] == "accepted" and r.json()["initiated_by"] == "department"
    )
