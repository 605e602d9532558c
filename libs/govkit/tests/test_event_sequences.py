"""Events numbered per entity in the producer's transaction, at its commit: keys in one order, so that
transactions emitting for several entities in different orders never deadlock on PostgreSQL; a rolled-back
savepoint leaves no gap."""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import itertools
import os
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import select

from govkit.db import make_engine, make_sessionmaker
from govkit.events import Event, Outbox

_spec = importlib.util.spec_from_file_location("pingsvc", Path(__file__).with_name("pingsvc.py"))
ping = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("pingsvc", ping)
_spec.loader.exec_module(ping)

PG = os.environ.get("TEST_POSTGRES_URL", "")
CREATED, CLOSED = "ping.ping.created", "ping.ping.closed"


@contextlib.asynccontextmanager
async def producer(databases, label: str):
    url = databases.empty(label)
    engine = make_engine(url, pool_size=8, max_overflow=0)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(ping.Base.metadata.create_all)
        yield make_sessionmaker(engine, ping.settings(url)), Outbox(ping.kit.outbox, source="ping")
    finally:
        await engine.dispose()


async def outbox_events(sessionmaker) -> dict[str, list[Event]]:
    async with sessionmaker() as s:
        rows = (await s.execute(select(ping.kit.outbox.c.payload).order_by(ping.kit.outbox.c.id))).scalars()
        by_key: dict[str, list[Event]] = defaultdict(list)
        for payload in rows:
            event = Event.from_json(payload)
            by_key[event.order_key].append(event)
        return by_key


async def test_events_of_one_transaction_are_numbered_per_key_in_emit_order_without_gaps(databases):
    async with producer(databases, "seq") as (sessionmaker, outbox):
        async with sessionmaker() as session, session.begin():
            await outbox.emit(session, CREATED, "b", {}, order_key="k:b")
            await outbox.emit(session, CREATED, "a", {}, order_key="k:a")
            with contextlib.suppress(RuntimeError):
                async with session.begin_nested():
                    await outbox.emit(session, CLOSED, "a", {}, order_key="k:a")
                    raise RuntimeError("the savepoint is rolled back: its event is neither kept nor numbered")
            await outbox.emit(session, CLOSED, "a", {}, order_key="k:a")
        async with sessionmaker() as session, session.begin():
            await outbox.emit(session, CREATED, "a", {}, order_key="k:a")
        events = await outbox_events(sessionmaker)
    assert [(e.type, e.sequence, e.preceding) for e in events["k:a"]] == [
        (CREATED, 1, {}), (CLOSED, 2, {CREATED: 1}), (CREATED, 3, {CREATED: 1, CLOSED: 2})]
    assert [(e.sequence, e.preceding) for e in events["k:b"]] == [(1, {})]


@pytest.mark.skipif(not PG, reason="row locks of concurrent transactions: PostgreSQL (TEST_POSTGRES_URL)")
async def test_transactions_emitting_for_the_same_entities_in_opposite_orders_both_commit(databases):
    """Each transaction has emitted for its first entity before either emits for its second: had the first
    emit locked its entity's sequence row, each would wait for the other's (a deadlock, one aborted)."""
    async with producer(databases, "seqlock") as (sessionmaker, outbox):
        both_started = asyncio.Barrier(2)

        async def write(first: str, second: str) -> None:
            async with sessionmaker() as session, session.begin():
                await outbox.emit(session, CREATED, first, {}, order_key=f"k:{first}")
                await both_started.wait()
                await outbox.emit(session, CREATED, second, {}, order_key=f"k:{second}")

        await asyncio.wait_for(asyncio.gather(write("a", "b"), write("b", "a")), timeout=30)
        events = await outbox_events(sessionmaker)
    assert {k: sorted(e.sequence for e in v) for k, v in events.items()} == {"k:a": [1, 2], "k:b": [1, 2]}


@pytest.mark.skipif(not PG, reason="row locks of concurrent transactions: PostgreSQL (TEST_POSTGRES_URL)")
async def test_many_concurrent_multi_entity_transactions_commit_with_gapless_numbers(databases):
    """8 transactions at once, each emitting for 4 entities in an order of its own (24 orders in all, 3 rounds):
    none fails, every entity's events are numbered 1…24 once each, and `preceding` names the number before."""
    keys = ["k:w", "k:x", "k:y", "k:z"]
    orders = list(itertools.permutations(keys))
    async with producer(databases, "seqmany") as (sessionmaker, outbox):
        async def write(order: tuple[str, ...]) -> None:
            async with sessionmaker() as session, session.begin():
                for key in order:
                    await outbox.emit(session, CREATED, key, {}, order_key=key)
                    await asyncio.sleep(0)  # let the others interleave

        for i in range(0, len(orders), 8):
            await asyncio.wait_for(asyncio.gather(*(write(o) for o in orders[i:i + 8])), timeout=60)
        events = await outbox_events(sessionmaker)
    for key in keys:
        numbered = sorted((e.sequence, e.preceding) for e in events[key])
        assert numbered == [(n, {CREATED: n - 1} if n > 1 else {}) for n in range(1, len(orders) + 1)]
