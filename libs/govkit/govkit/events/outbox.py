"""Producers write events to the outbox in the same transaction as the state change.

Each event is numbered within its ordering key in that same transaction (spec: Events, order of effects), at
its commit: the keys' rows in `event_sequences` are bumped by upserts in the order of the keys, which on
PostgreSQL lock them until commit. The numbers follow the commit order of the producer's transactions, a
rolled-back change (or savepoint) leaves no gap, and two transactions emitting for the same entities in
different orders cannot deadlock: locks are taken only at commit, and always in one order.

With the logger `govkit.events.timing` at DEBUG (settings `debug_loggers`), the instant each transaction's
commit returned is logged with its event ids: where an event's latency starts (bench/bench_events.py).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections import defaultdict
from dataclasses import replace
from typing import Any

from sqlalchemy import Table, bindparam, event, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

from govkit import context
from govkit.audit import actor_of
from govkit.clock import utcnow
from govkit.db import chunks
from govkit.events.envelope import Event, default_order_key

_UNNUMBERED = "govkit.outbox_unnumbered"  # Session.info: outbox → event ids emitted in this transaction
_COMMITTING = "govkit.outbox_committing"  # Session.info: event ids whose commit instant is to be logged
TIMING = logging.getLogger("govkit.events.timing")  # DEBUG: each event's commit (here) and application instants


class Outbox:
    def __init__(self, table: Table, source: str) -> None:
        self.table = table
        self.source = source
        self.sequences = table.metadata.tables["event_sequences"]  # defined beside it (govkit.tables)

    async def emit(self, session: AsyncSession, event_type: str, subject: str, data: dict[str, Any],
                   *, version: int = 1, order_key: str | None = None) -> Event:
        """Stage an event; it is published only if the surrounding transaction commits, numbered at the commit.

        `order_key` groups the events whose effects must follow their order (default: aggregate and subject)."""
        if not event_type.startswith(self.source + "."):
            raise ValueError(f"{self.source} cannot emit {event_type}")
        ctx = context.current()
        now = utcnow()
        event = Event(id=str(uuid.uuid4()), type=event_type, version=version,
                      occurred_at=now.isoformat(), source=self.source, subject=subject, data=data,
                      request_id=ctx.request_id, traceparent=ctx.traceparent, actor=actor_of(ctx.principal),
                      order_key=order_key or default_order_key(event_type, subject))
        await session.execute(self.table.insert().values(
            event_id=event.id, type=event_type, subject=subject,
            payload=event.to_json().decode(), created_at=now, attempts=0))
        session.info.setdefault(_UNNUMBERED, {}).setdefault(self, []).append(event.id)
        return event

    def number(self, session: Session, event_ids: list[str]) -> None:
        """Give the events of this transaction still in the outbox (none of a rolled-back savepoint) their
        sequence and preceding numbers: keys in sorted order, events of a key in the order they were emitted."""
        t, seq = self.table, self.sequences
        rows = [row for part in chunks(event_ids) for row in session.execute(
            select(t.c.id, t.c.payload).where(t.c.event_id.in_(part)))]
        by_key: dict[str, list[tuple[int, Event]]] = defaultdict(list)
        for row in rows:
            staged = Event.from_json(row.payload if isinstance(row.payload, str) else json.dumps(row.payload))
            by_key[staged.order_key].append((row.id, staged))
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        numbered = []
        for key in sorted(by_key):
            events = sorted(by_key[key], key=lambda e: e[0])
            bump = dialect.insert(seq).values(order_key=key, last=len(events), last_by_type={})
            bump = bump.on_conflict_do_update(index_elements=[seq.c.order_key],
                                              set_={"last": seq.c.last + len(events)})
            last, last_by_type = session.execute(bump.returning(seq.c.last, seq.c.last_by_type)).one()
            preceding = dict(last_by_type or {})
            for n, (row_id, staged) in enumerate(events, start=last - len(events) + 1):
                numbered.append({"row_id": row_id, "numbered": replace(staged, sequence=n,
                                                                      preceding=dict(preceding)).to_json().decode()})
                preceding[staged.type] = n
            session.execute(update(seq).where(seq.c.order_key == key).values(last_by_type=preceding))
        if numbered:
            session.execute(update(t).where(t.c.id == bindparam("row_id")).values(payload=bindparam("numbered"))
                            .execution_options(synchronize_session=False), numbered)


@event.listens_for(Session, "before_commit")
def _number_events(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: its events are numbered when the whole transaction commits
    for outbox, event_ids in session.info.pop(_UNNUMBERED, {}).items():
        outbox.number(session, event_ids)
        if TIMING.isEnabledFor(logging.DEBUG):
            session.info.setdefault(_COMMITTING, []).extend(event_ids)


@event.listens_for(Session, "after_commit")
def _log_committed(session: Session) -> None:
    if event_ids := session.info.pop(_COMMITTING, None):
        TIMING.debug("events committed", extra={"event_ids": event_ids, "at": time.time()})


@event.listens_for(Session, "after_transaction_end")
def _forget_unnumbered(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_UNNUMBERED, None)
        session.info.pop(_COMMITTING, None)
