"""Publishes committed outbox rows to JetStream, in order, with Nats-Msg-Id for de-duplication."""

from __future__ import annotations

import asyncio
import json
import logging

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from govkit.clock import utcnow
from govkit.events.bus import Bus
from govkit.events.envelope import nats_subject
from govkit.tables import KitTables

log = logging.getLogger("govkit.events.relay")


class Relay:
    def __init__(self, bus: Bus, sessionmaker: async_sessionmaker[AsyncSession], kit: KitTables,
                 *, producer: str, interval: float = 0.2, batch: int = 200) -> None:
        self.bus, self.sessionmaker, self.kit = bus, sessionmaker, kit
        self.producer, self.interval, self.batch = producer, interval, batch

    async def run(self) -> None:
        while True:
            try:
                sent = await self.publish_pending()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("relay pass failed")
                sent = 0
            if sent < self.batch:
                await asyncio.sleep(self.interval)

    async def publish_pending(self) -> int:
        """One pass; returns how many events went out. Stops at the first failure to keep order."""
        if not self.bus.connected:
            return 0
        await self.bus.ensure_stream(self.producer)
        outbox = self.kit.outbox
        async with self.sessionmaker() as session:
            rows = (await session.execute(
                select(outbox.c.id, outbox.c.event_id, outbox.c.type, outbox.c.payload)
                .where(outbox.c.published_at.is_(None)).order_by(outbox.c.id).limit(self.batch)
            )).all()
        sent = 0
        for row in rows:
            payload = row.payload if isinstance(row.payload, str) else json.dumps(row.payload)
            headers = {"Nats-Msg-Id": row.event_id}
            trace = json.loads(payload).get("traceparent")
            if trace:
                headers["traceparent"] = trace
            try:
                await self.bus.js.publish(nats_subject(self.bus.prefix, row.type), payload.encode(),
                                          headers=headers, timeout=3)
            except Exception as exc:  # NATS down or slow: the row stays pending, retried next pass
                async with self.sessionmaker() as session, session.begin():
                    await session.execute(update(outbox).where(outbox.c.id == row.id).values(
                        attempts=outbox.c.attempts + 1, last_error=str(exc)[:1000]))
                log.warning("publish failed, will retry", extra={"event_id": row.event_id, "error": str(exc)})
                break
            async with self.sessionmaker() as session, session.begin():
                await session.execute(update(outbox).where(outbox.c.id == row.id).values(
                    published_at=utcnow(), attempts=outbox.c.attempts + 1, last_error=None))
            sent += 1
        return sent
