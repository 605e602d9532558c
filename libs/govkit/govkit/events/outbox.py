"""Producers write events to the outbox in the same transaction as the state change."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from govkit import context
from govkit.clock import utcnow
from govkit.events.envelope import Event


class Outbox:
    def __init__(self, table: Table, source: str) -> None:
        self.table = table
        self.source = source

    async def emit(self, session: AsyncSession, event_type: str, subject: str, data: dict[str, Any],
                   *, version: int = 1) -> Event:
        """Stage an event; it is published only if the surrounding transaction commits."""
        if not event_type.startswith(self.source + "."):
            raise ValueError(f"{self.source} cannot emit {event_type}")
        ctx = context.current()
        now = utcnow()
        event = Event(id=str(uuid.uuid4()), type=event_type, version=version,
                      occurred_at=now.isoformat(), source=self.source, subject=subject, data=data,
                      request_id=ctx.request_id, traceparent=ctx.traceparent)
        await session.execute(self.table.insert().values(
            event_id=event.id, type=event_type, subject=subject,
            payload=event.to_json().decode(), created_at=now, attempts=0))
        return event
