"""Producers write events to the outbox in the same transaction as the state change.

Each event is numbered within its ordering key in that same transaction (spec: Events, order of effects): the
key's row in `event_sequences` is incremented by an upsert, which on PostgreSQL locks it until commit, so the
numbers follow the commit order of the producer's transactions and a rolled-back change leaves no gap.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Table, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from govkit import context
from govkit.audit import actor_of
from govkit.clock import utcnow
from govkit.events.envelope import Event, default_order_key


class Outbox:
    def __init__(self, table: Table, source: str) -> None:
        self.table = table
        self.source = source
        self.sequences = table.metadata.tables["event_sequences"]  # defined beside it (govkit.tables)

    async def emit(self, session: AsyncSession, event_type: str, subject: str, data: dict[str, Any],
                   *, version: int = 1, order_key: str | None = None) -> Event:
        """Stage an event; it is published only if the surrounding transaction commits.

        `order_key` groups the events whose effects must follow their order (default: aggregate and subject)."""
        if not event_type.startswith(self.source + "."):
            raise ValueError(f"{self.source} cannot emit {event_type}")
        ctx = context.current()
        now = utcnow()
        key = order_key or default_order_key(event_type, subject)
        sequence, preceding = await self._next(session, key, event_type)
        event = Event(id=str(uuid.uuid4()), type=event_type, version=version,
                      occurred_at=now.isoformat(), source=self.source, subject=subject, data=data,
                      request_id=ctx.request_id, traceparent=ctx.traceparent, actor=actor_of(ctx.principal),
                      order_key=key, sequence=sequence, preceding=preceding)
        await session.execute(self.table.insert().values(
            event_id=event.id, type=event_type, subject=subject,
            payload=event.to_json().decode(), created_at=now, attempts=0))
        return event

    async def _next(self, session: AsyncSession, key: str, event_type: str) -> tuple[int, dict[str, int]]:
        t = self.sequences
        dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
        bump = dialect.insert(t).values(order_key=key, last=1, last_by_type={})
        bump = bump.on_conflict_do_update(index_elements=[t.c.order_key], set_={"last": t.c.last + 1})
        row = (await session.execute(bump.returning(t.c.last, t.c.last_by_type))).one()
        preceding = dict(row.last_by_type or {})
        await session.execute(update(t).where(t.c.order_key == key).values(
            last_by_type=preceding | {event_type: row.last}))
        return row.last, preceding
