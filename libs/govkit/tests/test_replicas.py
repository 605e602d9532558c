"""Two replicas of a service on one database: migrations under a lock, relays that never publish a row
twice (issue: production path, two replicas proven)."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import nats
import pytest
from sqlalchemy import func, select

from govkit.db import make_engine, make_sessionmaker
from govkit.events import Outbox
from govkit.events.bus import Bus
from govkit.events.envelope import durable_name, stream_name
from govkit.events.relay import Relay
from govkit.settings import ServiceSettings, nats_servers
from govkit.testing import running
from govkit.testing.faults import burst, consumer_drained

_spec = importlib.util.spec_from_file_location("pingsvc", Path(__file__).with_name("pingsvc.py"))
ping = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("pingsvc", ping)
_spec.loader.exec_module(ping)

PG = os.environ.get("TEST_POSTGRES_URL", "")
CREDIT_MIGRATIONS = Path(importlib.util.find_spec("anyang_credit").origin).parent / "migrations"


def test_two_replicas_migrating_a_fresh_database_at_once_both_come_up(databases):
    url = databases.empty("replicas")
    code = ("import sys; from pathlib import Path; from govkit.migrations import upgrade; "
            "upgrade(Path(sys.argv[1]), sys.argv[2])")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(CREDIT_MIGRATIONS), url],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in range(2)]
    outputs = [p.communicate(timeout=120)[0].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], "\n".join(outputs)


def test_a_nats_url_is_one_server_or_a_list_that_nats_py_accepts():
    assert nats_servers("nats://a:4222, nats://b:4222,nats://c:4222") == [
        "nats://a:4222", "nats://b:4222", "nats://c:4222"]
    for bad in ("nats-0.nats:4222", "nats://a:4222 nats://b:4222", "http://a:4222", "nats://a:port", ""):
        with pytest.raises(ValueError, match="nats_url"):
            ServiceSettings(service_name="x", nats_url=bad)


@pytest.mark.skipif(not (PG and os.environ.get("TEST_NATS_URL")),
                    reason="two relays racing: PostgreSQL + NATS (TEST_POSTGRES_URL, TEST_NATS_URL)")
async def test_two_relays_racing_over_a_thousand_rows_publish_each_row_exactly_once(databases, event_prefix):
    url = databases.empty("relays")
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(ping.Base.metadata.create_all)
        settings = ping.settings(url)
        sessionmaker = make_sessionmaker(engine, settings)
        outbox = Outbox(ping.kit.outbox, source="ping")
        async with sessionmaker() as session, session.begin():
            for i in range(1000):
                await outbox.emit(session, "ping.ping.created", f"r{i}", {"id": f"r{i}"})
        buses = [Bus(os.environ["TEST_NATS_URL"], event_prefix, name=f"relay-{i}") for i in range(2)]
        for bus in buses:
            bus.start()
            await bus.wait_ready(10)
        relays = [Relay(bus, sessionmaker, ping.kit, producer="ping", batch=50) for bus in buses]

        async def drain(relay: Relay) -> int:
            total = 0
            for _ in range(400):
                total += await relay.publish_pending()
                async with sessionmaker() as s:
                    if not (await s.execute(select(func.count()).select_from(ping.kit.outbox)
                                            .where(ping.kit.outbox.c.published_at.is_(None)))).scalar():
                        return total
            return total

        sent = await asyncio.gather(*(drain(r) for r in relays))
        assert sum(sent) == 1000  # no row published by both relays
        nc = await nats.connect(os.environ["TEST_NATS_URL"])
        try:
            info = await nc.jetstream().stream_info(stream_name(event_prefix, "ping"))
            assert info.state.messages == 1000
            await nc.jetstream().delete_stream(stream_name(event_prefix, "ping"))
        finally:
            await nc.close()
            for bus in buses:
                await bus.nc.close()
    finally:
        await engine.dispose()


@pytest.mark.skipif(not (PG and os.environ.get("TEST_NATS_URL")),
                    reason="two consumer replicas: PostgreSQL + NATS (TEST_POSTGRES_URL, TEST_NATS_URL)")
async def test_with_two_consumer_replicas_each_of_a_thousand_events_is_applied_exactly_once(databases, event_prefix):
    producer_url, consumer_url = databases.empty("producer"), databases.empty("consumer")
    nats_url = os.environ["TEST_NATS_URL"]
    producer = ping.make_app(ping.settings(producer_url, nats_url=nats_url, event_prefix=event_prefix))
    replicas = [ping.make_app(ping.settings(consumer_url, nats_url=nats_url, event_prefix=event_prefix,
                                            instance_id=f"consumer-{i}"), consume=True) for i in range(2)]

    async def produce(ids) -> None:
        async with producer.state.sessionmaker() as session, session.begin():
            for i in ids:
                await producer.state.outbox.emit(session, "ping.ping.created", f"e{i}", {"id": f"e{i}"})

    async def effects() -> dict[str, int]:
        async with replicas[0].state.sessionmaker() as s:  # the burst's rows, not the scheduler's ticks
            return dict((await s.execute(select(ping.pings.c.id, ping.pings.c.count)
                                         .where(ping.pings.c.id.like("e%")))).all())

    async def drained() -> bool:
        return await consumer_drained(nats_url, stream_name(event_prefix, "ping"),
                                      durable_name(event_prefix, "ping", "ping.ping.created"))

    async with running(producer), running(replicas[0]), running(replicas[1]):
        tally = await burst(1000, produce=produce, effects=effects, drained=drained, timeout=300)
    assert tally.exactly_once, tally
