"""Related events of one entity take effect in the order they happened, whatever order they arrive in
(spec README Events): the producers number them in their outbox transactions, and two replicas of awards
apply a removal or a conclusion only after the listing or report it follows."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nats

from anyang_awards.app import spec as awards_spec
from anyang_awards.settings import AwardsSettings
from anyang_credit.app import spec as credit_spec
from anyang_credit.settings import CreditSettings
from anyang_hydrogen.app import spec as hydrogen_spec
from anyang_hydrogen.settings import HydrogenSettings
from govkit.service import create_app
from govkit.testing import bearer, eventually, outbox_events, running, service_client

_spec = importlib.util.spec_from_file_location(
    "awards_flow", Path(__file__).parent.parent / "services/awards/tests/awards_flow.py")
flow = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("awards_flow", flow)
_spec.loader.exec_module(flow)

ZY = bearer("department", "zy", scopes=["credit.report", "credit.list", "credit.review", "credit.draw"])
ACCIDENT = {"accident_id": "H-9", "station_id": "S1", "operator_code": flow.ENT1, "operator_name": "企业A",
            "occurred_on": "2022-08-01", "severity": "larger", "summary": "储氢罐泄漏"}


async def _listed_then_removed(credit) -> list[dict]:
    r = await credit.post("/lists/dishonest_judgment_debtor/entries", headers=ZY, json={
        "subject_code": flow.ENT2, "subject_name": "企业B", "legal_basis": "失信被执行人名单规定第一条",
        "decision_number": "（2023）豫05执恢12号", "effective_date": "2023-03-01"})
    assert r.status_code == 201, r.text
    r = await credit.post(f"/lists/dishonest_judgment_debtor/entries/{r.json()['id']}/removal", headers=ZY,
                          json={"reason": "revocation"})
    assert r.status_code == 200, r.text
    return [e for e in await outbox_events(credit.app) if e["type"].startswith("credit.blacklist.")]


async def _reported_then_concluded(hydrogen) -> list[dict]:
    app = hydrogen.app
    for event_type, data in (("hydrogen.accident.reported", ACCIDENT),
                             ("hydrogen.accident.concluded", ACCIDENT | {"responsible": False, "conclusion": "非责任",
                                                                         "concluded_on": "2022-10-01"})):
        async with app.state.sessionmaker() as session, session.begin():
            await app.state.outbox.emit(session, event_type, flow.ENT1, data)
    return await outbox_events(app)


async def test_a_removal_and_a_conclusion_delivered_first_take_effect_after_what_they_follow(
        databases, nats_url, event_prefix):
    live = {"background": True, "nats_url": nats_url, "event_prefix": event_prefix,
            "consumer_nak_delay_seconds": 0.05}
    async with service_client(databases, credit_spec, CreditSettings) as credit, \
            service_client(databases, hydrogen_spec, HydrogenSettings) as hydrogen, \
            service_client(databases, awards_spec, AwardsSettings, **live) as awards:
        # a second replica of awards on the same database, sharing its durable consumers
        replica = create_app(awards_spec, AwardsSettings.from_env(
            "awards", database_url=awards.app.state.settings.database_url, migrate_on_startup=False,
            log_json=False, env="test", instance_id="awards-2", **live))
        async with running(replica):
            rnd, apps = await flow.top10_applied(awards)
            listing = await _listed_then_removed(credit)
            accident = await _reported_then_concluded(hydrogen)
            assert [(e["type"].rsplit(".", 1)[1], e["sequence"]) for e in listing + accident] == [
                ("added", 1), ("removed", 2), ("reported", 1), ("concluded", 2)]
            assert listing[1]["preceding"] == {"credit.blacklist.added": 1}

            nc = await nats.connect(nats_url)
            js = nc.jetstream()
            for producer in ("credit", "hydrogen"):
                await awards.app.state.bus.ensure_stream(producer)
            for event in reversed(listing + accident):  # the later event of each entity arrives first
                await js.publish(f"{event_prefix}.{event['type']}", json_bytes(event),
                                 headers={"Nats-Msg-Id": event["id"]})
            await nc.close()

            b, a = apps["B"]["id"], apps["A"]["id"]
            # the candidacies end as if the events had arrived in order: restored, and lifted after review
            await eventually(lambda: _settled(awards, b, "restored"), timeout=30)
            await eventually(lambda: _settled(awards, a, "lifted"), timeout=30)
            await eventually(lambda: _consumed(awards))
            assert (await awards.get("/ops/dead-letters", headers=bearer("department", "fgw", scopes=["ops"]))
                    ).json()["total"] == 0


def json_bytes(event: dict) -> bytes:
    import json

    return json.dumps(event, ensure_ascii=False).encode()


async def _settled(c, app_id: str, mark: str) -> dict | None:
    """The application active and eligible, its marks all in `mark` (read whole: one poll may straddle a commit)."""
    body = (await c.get(f"/applications/{app_id}", headers=flow.OFFICE)).json()
    done = body["marks"] and all(m["status"] == mark for m in body["marks"]) and body["status"] == "active" \
        and body["eligible"] is True and not body["under_review"]
    return body if done else None


async def _consumed(c) -> bool:
    return all([(await x.lag()) == 0 for x in c.app.state.consumers])
