"""1,000 events each through a real nats-server while a part fails (issue 9), counted exactly once: NATS down
in the middle of the burst, the consumer killed between commit and ack ten times, the relay killed between
publishing and marking its row ten times. The producer and consumer run as processes of their own, started
again when killed (govkit.testing.faults)."""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from govkit.db import make_engine, make_sessionmaker
from govkit.events import Outbox
from govkit.events.envelope import durable_name, stream_name
from govkit.testing.faults import ServiceProcess, burst, consumer_drained

HERE = Path(__file__).parent
N = 1000
log = logging.getLogger(__name__)


def _pingsvc():
    """The kit's test service, as the service processes import it (PYTHONPATH)."""
    if "pingsvc" not in sys.modules:
        sys.path.insert(0, str(HERE))
    return importlib.import_module("pingsvc")


class Rig:
    """The ping producer's outbox written from here; its relay and a ping consumer in processes of their own."""

    def __init__(self, tmp_path: Path, nats_url: str, prefix: str, *, flag: str = "", every: int = 100) -> None:
        self.ping = pingsvc = _pingsvc()
        self.nats_url, self.prefix, self.flag, self.every = nats_url, prefix, flag, every
        self.producer_url = f"sqlite+aiosqlite:///{tmp_path}/producer.db"
        self.consumer_url = f"sqlite+aiosqlite:///{tmp_path}/consumer.db"
        (tmp_path / "marks").mkdir()
        common = {"NATS_URL": nats_url, "EVENT_PREFIX": prefix, "PING_FAULTS": str(tmp_path / "marks"),
                  "CONSUMER_ACK_WAIT_SECONDS": "2", "RELAY_INTERVAL_SECONDS": "0.05", "LOG_JSON": "false"}
        self.processes = {
            "producer": ServiceProcess("pingsvc:producer", common | {"PING_DATABASE_URL": self.producer_url},
                                       pythonpath=[HERE]),
            "consumer": ServiceProcess("pingsvc:consumer", common | {"PING_DATABASE_URL": self.consumer_url},
                                       pythonpath=[HERE])}
        self.engines = [make_engine(self.producer_url), make_engine(self.consumer_url)]
        self.producer_db, self.consumer_db = map(make_sessionmaker, self.engines)
        self.outbox = Outbox(pingsvc.kit.outbox, source="ping")

    async def __aenter__(self) -> Rig:
        for engine in self.engines:
            async with engine.begin() as conn:
                await conn.run_sync(self.ping.Base.metadata.create_all)
        for process in self.processes.values():
            process.__enter__()
        return self

    async def __aexit__(self, *exc) -> None:
        for process in self.processes.values():
            process.__exit__()
        for engine in self.engines:
            await engine.dispose()

    async def produce(self, ids) -> None:
        async with self.producer_db() as session, session.begin():
            for i in ids:
                data = {"id": f"e{i:04d}"} | ({self.flag: True} if self.flag and i % self.every == 0 else {})
                await self.outbox.emit(session, "ping.ping.created", data["id"], data)

    async def effects(self) -> dict[str, int]:
        async with self.consumer_db() as session:
            pings = self.ping.pings  # the burst's rows, not the scheduler's ticks
            return dict((await session.execute(select(pings.c.id, pings.c.count).where(pings.c.id.like("e%")))).all())

    async def drained(self) -> bool:
        return await consumer_drained(self.nats_url, stream_name(self.prefix, "ping"),
                                      durable_name(self.prefix, "ping", "ping.ping.created"))

    async def run(self, during=None):
        tally = await burst(N, produce=self.produce, effects=self.effects, drained=self.drained, during=during,
                            processes=self.processes)
        log.warning("fault burst: %s", tally)
        return tally


@pytest.mark.heavy
async def test_nats_down_in_the_middle_of_a_burst_loses_and_doubles_nothing(own_nats, tmp_path, event_prefix):
    async def outage(produced: int) -> None:
        if produced == N // 4:
            own_nats.stop()
        elif produced == 3 * N // 4:
            own_nats.start()

    async with Rig(tmp_path, own_nats.url, event_prefix) as rig:
        tally = await rig.run(during=outage)
    assert tally.exactly_once, tally


@pytest.mark.heavy
async def test_a_consumer_killed_before_its_ack_ten_times_applies_each_event_once(own_nats, tmp_path, event_prefix):
    async with Rig(tmp_path, own_nats.url, event_prefix, flag="die_after_commit") as rig:
        tally = await rig.run()
    assert tally.exactly_once, tally
    assert tally.restarts["consumer"] >= N // 100  # each marked event killed it once, after commit, before ack


@pytest.mark.heavy
async def test_a_relay_killed_between_publish_and_marking_ten_times_publishes_each_event_once(own_nats, tmp_path,
                                                                                            event_prefix):
    async with Rig(tmp_path, own_nats.url, event_prefix, flag="die_after_publish") as rig:
        tally = await rig.run()
    assert tally.exactly_once, tally
    assert tally.restarts["producer"] >= N // 100
