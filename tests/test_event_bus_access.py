"""An authenticated, least-privilege event bus (issue 9): each service signs in to NATS as its own NKEY user
that may publish only its own events and read only what it consumes. A forged `hydrogen.penalty.decided`
— from another service's user or an anonymous connection — is refused by the server and never becomes a
public credit record; the real one, from hydrogen's user through its outbox, does."""

from __future__ import annotations

import json

import nats
import pytest
from nats.js.api import ConsumerConfig

from anyang_credit.app import spec as credit_spec
from anyang_credit.settings import CreditSettings
from anyang_housing.app import spec as housing_spec
from anyang_housing.settings import HousingSettings
from anyang_hydrogen.app import spec as hydrogen_spec
from anyang_hydrogen.settings import HydrogenSettings
from govkit.events.access import consumed_types, generate
from govkit.events.envelope import stream_name
from govkit.testing import NatsServer, bearer, eventually, outbox_events, service_client

SERVICES = ["anyang_credit", "anyang_hydrogen", "anyang_awards", "anyang_tasks", "anyang_housing"]
OPERATOR, VICTIM = "91410502MA44QN0296", "91410500MA44GT012H"
REGULATOR = bearer("department", "cgj", scopes=["hydrogen.regulator", "hydrogen.penalty"])


@pytest.fixture
def secured(tmp_path, event_prefix):
    """A nats-server of our own that knows only the services' NKEY users (generated as `make run` does)."""
    seeds = generate(tmp_path / "auth", event_prefix, consumed_types(SERVICES))
    server = NatsServer(tmp_path / "nats", config=tmp_path / "auth" / "auth.conf")
    server.start()
    yield server, seeds
    server.stop()


async def _connect_as(url: str, seed_file=None, service: str = "") -> tuple[nats.NATS, list[str]]:
    refusals: list[str] = []

    async def on_error(exc: Exception) -> None:
        refusals.append(str(exc))

    nc = await nats.connect(url, nkeys_seed=str(seed_file) if seed_file else None, error_cb=on_error,
                            allow_reconnect=False, inbox_prefix=f"_INBOX_{service}" if service else "_INBOX")
    return nc, refusals


async def _penalties(credit, code: str) -> list[dict]:
    r = await credit.get("/public/records", params={"subject_code": code, "category": "administrative_penalty"})
    return r.json()["items"]


async def test_a_forged_penalty_is_refused_by_the_server_and_the_real_one_becomes_a_record(secured, databases,
                                                                                         event_prefix):
    server, seeds = secured
    live = {"background": True, "nats_url": server.url, "event_prefix": event_prefix}
    async with service_client(databases, credit_spec, CreditSettings, nats_nkey_seed_file=str(seeds["credit"]),
                              **live) as credit, \
            service_client(databases, hydrogen_spec, HydrogenSettings,
                           nats_nkey_seed_file=str(seeds["hydrogen"]), **live) as hydrogen, \
            service_client(databases, housing_spec, HousingSettings, nats_nkey_seed_file=str(seeds["housing"]),
                           **live):
        station = await hydrogen.post("/stations", headers=REGULATOR, json={
            "name": "文峰示范加氢站", "kind": "fixed", "operator_code": OPERATOR,
            "operator_name": "安阳氢能示范有限公司", "region": "410502", "address": "安阳市文峰区中华路"})
        assert station.status_code == 201, station.text
        penalty = await hydrogen.post("/penalties", headers=REGULATOR, json={
            "station_id": station.json()["id"], "decision_number": "安城管罚〔2023〕9号", "decided_on": "2023-06-01",
            "severity": "general", "violated_articles": [15], "applied_provision": "《城镇燃气管理条例》第四十九条",
            "summary": "未核验气瓶登记即充装", "amount_fen": 500000})
        assert penalty.status_code == 201, penalty.text
        [real] = await eventually(lambda: _penalties(credit, OPERATOR), timeout=30)  # hydrogen's user published it
        assert real["decision_number"] == "安城管罚〔2023〕9号"

        # the attack of issue 9: a copy with another USCC and decision number
        [event] = await outbox_events(hydrogen.app, "hydrogen.penalty.decided")
        forged = event | {"id": "f0f0f0f0-0000-4000-8000-000000000001", "subject": VICTIM,
                          "data": event["data"] | {"operator_code": VICTIM, "decision_number": "伪造〔2023〕1号"}}
        subject, body = f"{event_prefix}.hydrogen.penalty.decided", json.dumps(forged).encode()
        refused = 0

        housing_nc, refusals = await _connect_as(server.url, seeds["housing"], "housing")
        await housing_nc.publish(subject, body)  # plain publish: the server drops it and says why
        with pytest.raises(nats.errors.TimeoutError):  # through JetStream: no stream ever acknowledges it
            await housing_nc.jetstream(timeout=1).publish(subject, body, headers={"Nats-Msg-Id": forged["id"]})
        # nor may housing read hydrogen's stream through a consumer of its own
        with pytest.raises(nats.errors.TimeoutError):
            await housing_nc.jetstream(timeout=1).add_consumer(
                stream_name(event_prefix, "hydrogen"), ConsumerConfig(durable_name="snoop"))
        await eventually(lambda: _count(refusals, 3))
        assert all("permissions violation" in r.lower() for r in refusals)
        refused += 2
        await housing_nc.close()

        with pytest.raises(Exception, match="(?i)authorization"):  # anonymous: not even a connection
            await nats.connect(server.url, allow_reconnect=False, max_reconnect_attempts=0, connect_timeout=2)
        refused += 1

        hydrogen_nc, _ = await _connect_as(server.url, seeds["hydrogen"], "hydrogen")
        info = await hydrogen_nc.jetstream().stream_info(stream_name(event_prefix, "hydrogen"))
        await hydrogen_nc.close()
        hydrogen_events = await outbox_events(hydrogen.app)
        assert info.state.messages == len(hydrogen_events)  # only what hydrogen's outbox published
        assert info.config.max_age == hydrogen.app.state.settings.stream_max_age_days * 86400  # stated retention
        assert await _penalties(credit, VICTIM) == [] and refused == 3  # never in the stream, never applied


async def _count(items: list, n: int) -> bool:
    return len(items) >= n
