"""The relay publishes a committed outbox row at once (woken by the commit), and still finds rows it was not
told about by polling (written by another process or replica); the timing log names each event's commit."""

from __future__ import annotations

import importlib.util
import logging
import sys
import time
import uuid
from pathlib import Path

from sqlalchemy import func, select

from govkit.clock import utcnow
from govkit.db import make_engine
from govkit.testing import bearer, eventually, running

_spec = importlib.util.spec_from_file_location("pingsvc", Path(__file__).with_name("pingsvc.py"))
ping = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("pingsvc", ping)
_spec.loader.exec_module(ping)

WRITER = bearer("department", "fgw")
NEVER = 3600.0  # a poll interval that never comes within a test


async def _pending(app) -> int:
    async with app.state.sessionmaker() as s:
        return (await s.execute(select(func.count()).select_from(ping.kit.outbox)
                                .where(ping.kit.outbox.c.published_at.is_(None)))).scalar_one()


async def _published(app) -> bool:
    return await _pending(app) == 0


async def test_a_committed_event_is_published_without_waiting_for_the_poll(own_nats, tmp_path, event_prefix):
    app = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/p.db", nats_url=own_nats.url,
                                      event_prefix=event_prefix, relay_interval_seconds=NEVER))
    async with running(app) as client:
        await app.state.bus.wait_ready(10)
        await eventually(lambda: _published(app))  # the first pass at start-up has run
        for key in ("w1", "w2", "w3"):
            assert (await client.post("/pings", json={"id": key}, headers=WRITER)).status_code == 201
            assert await eventually(lambda: _published(app), timeout=5)


async def test_a_rolled_back_write_wakes_nothing_and_a_row_from_elsewhere_is_found_by_polling(
        own_nats, tmp_path, event_prefix):
    url = f"sqlite+aiosqlite:///{tmp_path}/p.db"
    app = ping.make_app(ping.settings(url, nats_url=own_nats.url, event_prefix=event_prefix,
                                      relay_interval_seconds=0.2))
    async with running(app) as client:
        assert (await client.post("/pings", json={"id": "dup"}, headers=WRITER)).status_code == 201
        assert (await client.post("/pings", json={"id": "dup"}, headers=WRITER)).status_code == 409
        other = make_engine(url)  # another process's engine: its commit wakes no relay here
        try:
            async with other.begin() as conn:
                await conn.execute(ping.kit.outbox.insert().values(
                    event_id=str(uuid.uuid4()), type="ping.ping.created", subject="x",
                    payload='{"id": "x"}', created_at=utcnow(), attempts=0))
        finally:
            await other.dispose()
        assert await eventually(lambda: _published(app), timeout=10)


async def test_the_timing_log_gives_each_event_its_commit_and_application_instants(own_nats, tmp_path, event_prefix):
    """With `govkit.events.timing` at DEBUG (how bench/bench_events.py measures event latency): the instant the
    write's transaction committed — after the request came, before its answer — and the instant the consumer's
    transaction that applied the event committed; a rolled-back write logs nothing."""
    records: list[logging.LogRecord] = []
    collect = logging.Handler()
    collect.emit = records.append
    timing = logging.getLogger("govkit.events.timing")
    timing.addHandler(collect)
    app = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/p.db", nats_url=own_nats.url,
                                      event_prefix=event_prefix, debug_loggers=["govkit.events.timing"]),
                        consume=True)
    try:
        async with running(app) as client:
            sent = time.time()
            assert (await client.post("/pings", json={"id": "t1"}, headers=WRITER)).status_code == 201
            answered = time.time()
            assert (await client.post("/pings", json={"id": "t1"}, headers=WRITER)).status_code == 409

            async def applied() -> list[logging.LogRecord]:
                return [r for r in records if r.getMessage() == "event applied"]

            (done,) = await eventually(applied, timeout=10)
        (committed,) = [r for r in records if r.getMessage() == "events committed" and done.event_id in r.event_ids]
        assert sent < committed.at < answered < done.at
        assert len([r for r in records if r.getMessage() == "events committed"]) == 1  # not the 409's
    finally:
        timing.removeHandler(collect)
        timing.setLevel(logging.NOTSET)
