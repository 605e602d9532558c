"""Consumers over a real NATS: credit listings (第二条, spec README Events) and hydrogen accidents (第二十四条),
each applied once even when delivered twice."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
import uuid
from pathlib import Path

import nats
import pytest

from anyang_awards.app import spec
from anyang_awards.events import handlers
from anyang_awards.settings import AwardsSettings
from govkit.events import Event
from govkit.testing import eventually, service_client

_spec = importlib.util.spec_from_file_location("awards_flow", Path(__file__).with_name("awards_flow.py"))
flow = importlib.util.module_from_spec(_spec)
sys.modules["awards_flow"] = flow
_spec.loader.exec_module(flow)


def listing(entry_id: str, code: str, list_code: str = "dishonest_judgment_debtor", **kw) -> dict:
    return {"entry_id": entry_id, "list_code": list_code, "list_name": "失信被执行人", "subject_code": code,
            "subject_name": "企业", "authority": "zy", "legal_basis": "失信被执行人名单规定",
            "decision_number": "（2023）豫05执100号", "effective_date": "2023-03-01", "expiry_date": None} | kw


async def publish(nats_url: str, prefix: str, event_type: str, data: dict, subject: str, event_id=None,
                  dedup: bool = True) -> Event:
    ev = Event(id=event_id or str(uuid.uuid4()), type=event_type, version=1, occurred_at="2023-04-15T02:00:00+00:00",
               source=event_type.split(".")[0], subject=subject, data=data)
    nc = await nats.connect(nats_url)
    headers = {"Nats-Msg-Id": ev.id} if dedup else None  # without it: past JetStream's de-duplication
    await nc.jetstream().publish(f"{prefix}.{event_type}", ev.to_json(), headers=headers)
    await nc.close()
    return ev


@pytest.fixture
async def live(databases, nats_url, event_prefix):
    async with service_client(databases, spec, AwardsSettings, background=True, nats_url=nats_url,
                              event_prefix=event_prefix) as c:
        await c.app.state.bus.wait_ready(5)
        for stream in ("credit", "hydrogen"):
            await c.app.state.bus.ensure_stream(stream)
        yield c


async def _app(c, app_id):
    return (await c.get(f"/applications/{app_id}", headers=flow.OFFICE)).json()


async def _changes(c, rid):
    return (await c.get(f"/rounds/{rid}/ranking-changes", headers=flow.OFFICE)).json()["items"]


async def _consumed(c) -> bool:
    return all([(await x.lag()) == 0 for x in c.app.state.consumers])


async def test_a_listing_disqualifies_and_rescores_once_and_a_revocation_restores(live, nats_url, event_prefix):
    c = live
    rnd, apps = await flow.top10_applied(c)
    rid, b = rnd["id"], apps["B"]["id"]
    assert (await c.post(f"/rounds/{rid}/scores", headers=flow.OFFICE)).status_code == 201
    data = listing("E-100", flow.ENT2)
    ev = await publish(nats_url, event_prefix, "credit.blacklist.added", data, flow.ENT2)
    got = await eventually(lambda: _disqualified(c, b))
    reason = got["disqualification"]["reasons"][0]
    assert reason["ref"] == "E-100" and reason["list_code"] == "dishonest_judgment_debtor"
    assert reason["basis"].endswith("第二条") and reason["decision_number"] == "（2023）豫05执100号"
    assert next(x for x in got["eligibility"]["checks"] if x["rule"] == "credit")["passed"] is False
    changes = await _changes(c, rid)
    assert len(changes) == 1 and changes[0]["diff"]["removed"] == [b]
    # the same event again (past JetStream's de-duplication) and another event for the same entry: no effect
    await publish(nats_url, event_prefix, "credit.blacklist.added", data, flow.ENT2, event_id=ev.id, dedup=False)
    await publish(nats_url, event_prefix, "credit.blacklist.added", data, flow.ENT2)
    await eventually(lambda: _consumed(c))
    assert len(await _changes(c, rid)) == 1 and len((await _app(c, b))["marks"]) == 1
    # a list outside Art. 2 has no effect
    await publish(nats_url, event_prefix, "credit.blacklist.added", listing("W-1", flow.ENT1, "wage_arrears"),
                  flow.ENT1)
    # removed as wrongly made (revocation): restored before publication, ranking recomputed again
    await publish(nats_url, event_prefix, "credit.blacklist.removed",
                  listing("E-100", flow.ENT2) | {"reason": "revocation", "removed_on": "2023-04-20"}, flow.ENT2)
    restored = await eventually(lambda: _status(c, b, "active"))
    assert restored["marks"][0]["status"] == "restored" and restored["eligible"] is True
    assert (await _app(c, apps["A"]["id"]))["status"] == "active"
    changes = await _changes(c, rid)
    assert len(changes) == 2 and changes[1]["diff"]["added"] == [b]


async def test_a_listing_ended_by_repair_during_the_notice_does_not_restore(live, nats_url, event_prefix):
    c = live
    rnd, apps = await flow.top10_applied(c)
    await flow.through_reviews(c, rnd, apps)
    await flow.to_public_notice(c, rnd)
    b = apps["B"]["id"]
    await publish(nats_url, event_prefix, "credit.blacklist.added", listing("E-7", flow.ENT2, "major_tax_violation"),
                  flow.ENT2)
    await eventually(lambda: _disqualified(c, b))
    notice = (await c.get(f"/rounds/{rnd['id']}/notice")).json()  # the current ranking: B out, last, with its basis
    assert [(e["entity_code"], e["status"]) for e in notice["entries"]] == [
        (flow.ENT1, "active"), (flow.ENT3, "active"), (flow.ENT2, "disqualified")]
    assert [(m["kind"], m["basis"][-3:], m["ref"]) for m in notice["entries"][2]["marks"]] == [
        ("disqualified", "第二条", "E-7")]
    await publish(nats_url, event_prefix, "credit.blacklist.removed",
                  listing("E-7", flow.ENT2, "major_tax_violation") | {"reason": "repair", "removed_on": "2023-05-15"},
                  flow.ENT2)
    got = await eventually(lambda: _mark_status(c, b, "removed_not_restored"))
    assert got["status"] == "disqualified"


async def test_accidents_mark_under_review_then_disqualify_or_lift(live, nats_url, event_prefix):
    c = live
    rnd, apps = await flow.top10_applied(c)
    rid = rnd["id"]
    await c.post(f"/rounds/{rid}/scores", headers=flow.OFFICE)
    a, b = apps["A"]["id"], apps["B"]["id"]
    base = {"station_id": "S1", "operator_name": "企业", "occurred_on": "2022-08-01", "summary": "储氢罐泄漏"}
    await publish(nats_url, event_prefix, "hydrogen.accident.reported",
                  base | {"accident_id": "H-0", "operator_code": flow.ENT1, "severity": "general"}, flow.ENT1)
    for acc, code in (("H-1", flow.ENT1), ("H-2", flow.ENT2)):
        await publish(nats_url, event_prefix, "hydrogen.accident.reported",
                      base | {"accident_id": acc, "operator_code": code, "severity": "larger"}, code)
    for app_id in (a, b):
        got = await eventually(lambda app_id=app_id: _under_review(c, app_id))
        assert got["marks"][0]["status"] == "under_review"
        acc_check = next(x for x in got["eligibility"]["checks"] if x["rule"] == "accidents")
        assert acc_check["passed"] is None and acc_check["basis"].endswith("第二十四条")
    assert len((await _app(c, a))["marks"]) == 1  # the 一般 accident is not a mark
    concluded = {"occurred_on": "2022-08-01", "severity": "larger", "conclusion": "调查报告",
                 "concluded_on": "2022-10-01"}
    await publish(nats_url, event_prefix, "hydrogen.accident.concluded",
                  concluded | {"accident_id": "H-1", "operator_code": flow.ENT1, "responsible": True}, flow.ENT1)
    await publish(nats_url, event_prefix, "hydrogen.accident.concluded",
                  concluded | {"accident_id": "H-2", "operator_code": flow.ENT2, "responsible": False}, flow.ENT2)
    out = await eventually(lambda: _disqualified(c, a))
    assert out["disqualification"]["reasons"][0]["ref"] == "H-1"
    # the lift and A's disqualification are handled concurrently: wait for B's settled state
    lifted = await eventually(lambda: _settled(c, b, "lifted"))
    assert lifted["eligible"] is True and lifted["status"] == "active"
    # a redelivered report does not undo the conclusion
    await publish(nats_url, event_prefix, "hydrogen.accident.reported",
                  base | {"accident_id": "H-2", "operator_code": flow.ENT2, "severity": "larger"}, flow.ENT2)
    await eventually(lambda: _consumed(c))
    assert (await _app(c, b))["marks"][0]["status"] == "lifted"
    snap = (await c.get(f"/rounds/{rid}/scores", headers=flow.OFFICE)).json()
    assert set(snap["admitted"]) == {b, apps["C"]["id"]}


async def _disqualified(c, app_id):
    body = await _app(c, app_id)
    return body if body["status"] == "disqualified" else None


async def _status(c, app_id, status):
    body = await _app(c, app_id)
    return body if body["status"] == status else None


async def _under_review(c, app_id):
    body = await _app(c, app_id)
    return body if body["under_review"] else None


async def _settled(c, app_id, status):
    body = await _mark_status(c, app_id, status)
    return body if body and body["eligible"] is True else None


async def _mark_status(c, app_id, status):
    body = await _app(c, app_id)
    return body if body["marks"] and body["marks"][-1]["status"] == status else None


async def test_a_listing_not_in_force_on_the_dates_given_never_disqualifies_and_a_wrong_one_is_restored(
        live, nats_url, event_prefix):
    from datetime import UTC, datetime

    from anyang_awards.events import jobs
    from anyang_awards.models.applications import Application, CandidacyMark
    from anyang_awards.service.candidacy import disqualify

    c = live
    rnd, apps = await flow.top10_applied(c)
    b = apps["B"]["id"]
    expired = listing("E-OLD", flow.ENT2, effective_date="2020-01-01", expiry_date="2021-01-01")
    await publish(nats_url, event_prefix, "credit.blacklist.added", expired, flow.ENT2)
    await eventually(lambda: _consumed(c))
    assert (await _app(c, b))["status"] == "active"
    # a candidacy disqualified earlier by an entry that was not yet in force is restored by the job
    future = listing("E-FUT", flow.ENT2, effective_date="2099-01-01")
    async with c.app.state.sessionmaker() as s, s.begin():
        a = await s.get(Application, b)
        now = datetime.now(UTC)
        s.add(CandidacyMark(application_id=b, kind="credit_listing", source_ref="E-FUT", status="active",
                            basis="第二条", detail=future, recorded_by="test", created_at=now, updated_at=now))
        await disqualify(s, a, {"source": "credit_listing", "ref": "E-FUT"})
    assert (await _app(c, b))["status"] == "disqualified"
    job = next(j for j in jobs if j.name == "awards.listings.not_in_force")
    async with c.app.state.sessionmaker() as s, s.begin():
        assert "恢复参评资格1项：" in await job.fn(s, datetime.now(UTC))  # what the run did, named
    assert (await _app(c, b))["status"] == "active"


async def test_changes_of_two_candidacies_handled_at_once_are_both_in_the_latest_scoring(awards):
    """Two accident conclusions of one scored round handled at the same moment (two consumers or replicas):
    the round is scored once after the other, so the latest scoring has A out and B back (第二十四条)."""
    rnd, apps = await flow.top10_applied(awards)
    await awards.post(f"/rounds/{rnd['id']}/scores", headers=flow.OFFICE)
    base = {"station_id": "S1", "operator_name": "企业", "occurred_on": "2022-08-01", "severity": "larger",
            "summary": "储氢罐泄漏"}
    concluded = base | {"conclusion": "调查报告", "concluded_on": "2022-10-01"}

    async def handle(event_type: str, data: dict) -> None:
        ev = Event(id=str(uuid.uuid4()), type=event_type, version=1, occurred_at="2023-04-15T02:00:00+00:00",
                   source="hydrogen", subject=data["operator_code"], data=data)
        async with awards.app.state.sessionmaker() as s, s.begin():
            await handlers[event_type].fn(s, ev)

    for kind, a, b in (("reported", {}, {}), ("concluded", {"responsible": True}, {"responsible": False})):
        data = base if kind == "reported" else concluded
        await asyncio.gather(
            handle(f"hydrogen.accident.{kind}", data | a | {"accident_id": "H-1", "operator_code": flow.ENT1}),
            handle(f"hydrogen.accident.{kind}", data | b | {"accident_id": "H-2", "operator_code": flow.ENT2}))
    snap = (await awards.get(f"/rounds/{rnd['id']}/scores", headers=flow.OFFICE)).json()
    assert set(snap["admitted"]) == {apps["B"]["id"], apps["C"]["id"]}
