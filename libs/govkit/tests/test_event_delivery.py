"""The event backbone against a real nats-server with JetStream (spec: Events)."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path

import nats
from sqlalchemy import func, select

from govkit.events import Event, Handler
from govkit.events.bus import Bus
from govkit.events.consumer import Consumer
from govkit.testing import bearer, eventually, running

_spec = importlib.util.spec_from_file_location("pingsvc", Path(__file__).with_name("pingsvc.py"))
ping = importlib.util.module_from_spec(_spec)
sys.modules["pingsvc"] = ping
_spec.loader.exec_module(ping)

WRITER = bearer("department", "fgw")


async def _count(app, key: str) -> int | None:
    async with app.state.sessionmaker() as s:
        row = (await s.execute(select(ping.pings.c.count).where(ping.pings.c.id == key))).first()
    return row.count if row else None


async def _backlog(app) -> int:
    async with app.state.sessionmaker() as s:
        return (await s.execute(select(func.count()).select_from(ping.kit.outbox)
                                .where(ping.kit.outbox.c.published_at.is_(None)))).scalar_one()


async def test_event_written_while_nats_is_down_is_delivered_after_it_returns(own_nats, tmp_path, event_prefix):
    own_nats.stop()
    producer = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/p.db", nats_url=own_nats.url,
                                           event_prefix=event_prefix))
    consumer = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/c.db", nats_url=own_nats.url,
                                           event_prefix=event_prefix), consume=True)
    async with running(producer) as p, running(consumer):
        r = await p.post("/pings", json={"id": "a1"}, headers=WRITER)
        assert r.status_code == 201, r.text  # the write succeeds with NATS down
        assert (await p.get("/ready")).json()["nats"] == "disconnected"
        assert await _backlog(producer) == 1
        own_nats.start()
        assert await eventually(lambda: _count(consumer, "a1"), timeout=20) == 1
        assert await eventually(lambda: _backlog_is_zero(producer))


async def _backlog_is_zero(app) -> bool:
    return await _backlog(app) == 0


async def test_consumer_killed_before_ack_gets_the_event_again_and_applies_it_once(own_nats, tmp_path,
                                                                                    event_prefix):
    producer = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/p.db", nats_url=own_nats.url,
                                           event_prefix=event_prefix))
    consumer_app = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/c.db", nats_url=own_nats.url,
                                               event_prefix=event_prefix, background=False), consume=True)
    async with running(producer) as p, running(consumer_app):
        assert (await p.post("/pings", json={"id": "k1"}, headers=WRITER)).status_code == 201
        await eventually(lambda: _backlog_is_zero(producer))

        # first consumer process: applies and commits, then dies before it acks
        bus1 = Bus(own_nats.url, event_prefix, name="victim")
        bus1.start()
        await bus1.wait_ready(5)
        c1 = Consumer(bus1, consumer_app.state.sessionmaker, ping.kit, service="ping",
                      event_type="ping.ping.created", handler=Handler(ping.on_pong), ack_wait=1.0)
        await c1._subscribe()
        msgs = await c1._sub.fetch(batch=1, timeout=5)
        assert await c1.apply(Event.from_json(msgs[0].data)) is True
        await bus1.nc.close()  # killed: no ack
        assert await _count(consumer_app, "k1") == 1

        # the restarted consumer gets the same event again and does not apply it twice
        bus2 = Bus(own_nats.url, event_prefix, name="survivor")
        bus2.start()
        await bus2.wait_ready(5)
        c2 = Consumer(bus2, consumer_app.state.sessionmaker, ping.kit, service="ping",
                      event_type="ping.ping.created", handler=Handler(ping.on_pong), ack_wait=1.0)
        await c2._subscribe()
        msgs = await c2._sub.fetch(batch=1, timeout=10)
        assert msgs[0].metadata.num_delivered == 2
        await c2.process(msgs[0])
        assert await _count(consumer_app, "k1") == 1
        info = await bus2.js.consumer_info(c2.stream, c2.durable)
        assert info.num_ack_pending == 0 and info.num_pending == 0
        await bus2.close()


async def test_an_event_published_twice_is_applied_once(own_nats, tmp_path, event_prefix):
    consumer = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/c.db", nats_url=own_nats.url,
                                           event_prefix=event_prefix), consume=True)
    event = Event(id="6c2d0a8e-0000-4000-8000-000000000001", type="ping.ping.created", version=1,
                  occurred_at="2023-03-01T00:00:00+00:00", source="ping", subject="d1", data={"id": "d1"})
    async with running(consumer):
        nc = await nats.connect(own_nats.url)
        js = nc.jetstream()
        await consumer.state.bus.wait_ready(5)
        await consumer.state.bus.ensure_stream("ping")
        subject = f"{event_prefix}.ping.ping.created"
        first = await js.publish(subject, event.to_json(), headers={"Nats-Msg-Id": event.id})
        again = await js.publish(subject, event.to_json(), headers={"Nats-Msg-Id": event.id})
        assert again.duplicate and again.seq == first.seq  # JetStream de-duplicates by Nats-Msg-Id
        # past the de-duplication window (no header): the inbox keeps the effect single
        await js.publish(subject, event.to_json())
        await eventually(lambda: _count(consumer, "d1"))
        await eventually(lambda: _lag_is_zero(consumer))
        assert await _count(consumer, "d1") == 1
        await nc.close()


async def _lag_is_zero(app) -> bool:
    return all([(await c.lag()) == 0 for c in app.state.consumers])


async def test_a_message_that_keeps_failing_is_dead_lettered_and_visible(own_nats, tmp_path, event_prefix):
    consumer = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/c.db", nats_url=own_nats.url,
                                           event_prefix=event_prefix, consumer_max_deliver=3,
                                           consumer_nak_delay_seconds=0.05), consume=True)
    bad = Event(id="6c2d0a8e-0000-4000-8000-0000000000ff", type="ping.ping.created", version=1,
                occurred_at="2023-03-01T00:00:00+00:00", source="ping", subject="x", data={"id": "x", "fail": 1})
    unknown = Event(id="6c2d0a8e-0000-4000-8000-0000000000fe", type="ping.ping.created", version=9,
                    occurred_at="2023-03-01T00:00:00+00:00", source="ping", subject="y", data={"id": "y"})
    ops = bearer("department", "fgw", scopes=["ops"])
    async with running(consumer) as c:
        await consumer.state.bus.wait_ready(5)
        await consumer.state.bus.ensure_stream("ping")
        nc = await nats.connect(own_nats.url)
        for ev in (bad, unknown):
            await nc.jetstream().publish(f"{event_prefix}.ping.ping.created", ev.to_json(),
                                         headers={"Nats-Msg-Id": ev.id})

        async def two_dead():
            body = (await c.get("/ops/dead-letters", headers=ops)).json()
            return body if body["total"] == 2 else None

        body = await eventually(two_dead, timeout=20)
        by_id = {d["event_id"]: d for d in body["items"]}
        assert by_id[bad.id]["deliveries"] == 3 and "handler failure" in by_id[bad.id]["error"]
        assert by_id[unknown.id]["deliveries"] == 1 and "version 9" in by_id[unknown.id]["error"]
        assert await _count(consumer, "x") is None
        metrics = (await c.get("/metrics")).text
        assert 'dead_letters{service="ping"} 2.0' in metrics
        assert (await c.get("/ops/dead-letters", headers=bearer("department", "fgw"))).status_code == 403
        await nc.close()


async def test_a_handler_integrity_error_is_retried_then_dead_lettered_not_acknowledged(own_nats, tmp_path,
                                                                                      event_prefix):
    consumer = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/c.db", nats_url=own_nats.url,
                                           event_prefix=event_prefix, consumer_max_deliver=3,
                                           consumer_nak_delay_seconds=0.05), consume=True)
    buggy = Event(id="6c2d0a8e-0000-4000-8000-0000000000fd", type="ping.ping.created", version=1,
                  occurred_at="2023-03-01T00:00:00+00:00", source="ping", subject="i",
                  data={"id": "i", "collide": 1})
    async with running(consumer) as c:
        await consumer.state.bus.wait_ready(5)
        await consumer.state.bus.ensure_stream("ping")
        nc = await nats.connect(own_nats.url)
        await nc.jetstream().publish(f"{event_prefix}.ping.ping.created", buggy.to_json(),
                                     headers={"Nats-Msg-Id": buggy.id})
        await nc.close()

        async def dead_letter():
            body = (await c.get("/ops/dead-letters", headers=bearer("department", "fgw", scopes=["ops"]))).json()
            return body["items"] if body["total"] else None

        (letter,) = await eventually(dead_letter, timeout=20)
        assert letter["event_id"] == buggy.id and letter["deliveries"] == 3 and "IntegrityError" in letter["error"]
        assert await _count(consumer, "i") is None  # nothing of the failed effect was kept


async def test_an_event_whose_predecessor_never_comes_is_held_then_dead_lettered_and_retried_after_it(
        own_nats, tmp_path, event_prefix):
    consumer = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/c.db", nats_url=own_nats.url,
                                           event_prefix=event_prefix, consumer_hold_max_seconds=0.5,
                                           consumer_nak_delay_seconds=0.05), consume=True)
    first, second = (Event(id=f"6c2d0a8e-0000-4000-8000-00000000010{n}", type="ping.ping.created", version=1,
                           occurred_at="2023-03-01T00:00:00+00:00", source="ping", subject="o",
                           data={"id": f"o{n}"}, order_key="ping.ping:o", sequence=n,
                           preceding={"ping.ping.created": n - 1} if n > 1 else {}) for n in (1, 2))
    ops = bearer("department", "fgw", scopes=["ops"])
    async with running(consumer) as c:
        await consumer.state.bus.wait_ready(5)
        await consumer.state.bus.ensure_stream("ping")
        nc = await nats.connect(own_nats.url)
        await nc.jetstream().publish(f"{event_prefix}.ping.ping.created", second.to_json(),
                                     headers={"Nats-Msg-Id": second.id})

        async def dead_letter():
            body = (await c.get("/ops/dead-letters", headers=ops)).json()
            return body["items"] if body["total"] else None

        (letter,) = await eventually(dead_letter, timeout=20)
        assert "waits for #1" in letter["error"] and await _count(consumer, "o2") is None
        retry = (await c.post(f"/ops/dead-letters/{letter['id']}/retry", headers=ops)).json()
        assert retry["applied"] is False and "waits for #1" in retry["detail"]

        await nc.jetstream().publish(f"{event_prefix}.ping.ping.created", first.to_json(),
                                     headers={"Nats-Msg-Id": first.id})
        await nc.close()
        assert await eventually(lambda: _count(consumer, "o1")) == 1
        retry = (await c.post(f"/ops/dead-letters/{letter['id']}/retry", headers=ops)).json()
        assert retry["applied"] is True and await _count(consumer, "o2") == 1


async def test_nats_outage_does_not_take_the_service_out_of_rotation(own_nats, tmp_path, event_prefix):
    app = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/p.db", nats_url=own_nats.url,
                                      event_prefix=event_prefix))
    async with running(app) as c:
        await app.state.bus.wait_ready(5)
        own_nats.stop()
        r = await c.get("/ready")
        assert r.status_code == 200 and r.json()["database"] == "ok"
        assert (await c.post("/pings", json={"id": "z"}, headers=WRITER)).status_code == 201
        own_nats.start()
        await eventually(lambda: _backlog_is_zero(app), timeout=20)
        await asyncio.sleep(0)
