"""Durable JetStream consumers: handle in a transaction with an inbox row, ack only after commit.

A failing handler's message is nak'ed with a delay and redelivered; after `max_deliver` deliveries,
or at once for an unknown event version, it goes to the dead-letter table (visible through the API)
and is terminated. Nothing is dropped silently.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import nats.errors
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from govkit import context
from govkit.clock import utcnow
from govkit.events.bus import Bus
from govkit.events.envelope import Event, nats_subject
from govkit.tables import KitTables

log = logging.getLogger("govkit.events.consumer")

HandlerFn = Callable[[AsyncSession, Event], Awaitable[None]]


@dataclass(frozen=True)
class Handler:
    fn: HandlerFn
    versions: frozenset[int] = field(default_factory=lambda: frozenset({1}))


class UnknownVersion(Exception):
    pass


class Consumer:
    def __init__(self, bus: Bus, sessionmaker: async_sessionmaker[AsyncSession], kit: KitTables, *,
                 service: str, event_type: str, handler: Handler, max_deliver: int = 5,
                 ack_wait: float = 30.0, nak_delay: float = 1.0) -> None:
        self.bus, self.sessionmaker, self.kit = bus, sessionmaker, kit
        self.service, self.event_type, self.handler = service, event_type, handler
        self.max_deliver, self.ack_wait, self.nak_delay = max_deliver, ack_wait, nak_delay
        self.name = f"{service}.{event_type}"
        self.durable = f"{bus.prefix}_{service}_{event_type}".replace(".", "_").replace("-", "_")
        self._sub = None
        self.stream = ""

    async def run(self) -> None:
        while True:
            try:
                await self.bus.wait_ready()
                if not self.bus.connected:
                    await asyncio.sleep(0.5)
                    continue
                if self._sub is None:
                    await self._subscribe()
                try:
                    msgs = await self._sub.fetch(batch=50, timeout=1)
                except (nats.errors.TimeoutError, TimeoutError):  # an empty pull is "nothing yet", not an error
                    continue
                for msg in msgs:
                    await self.process(msg)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("consumer loop error, resubscribing", extra={"consumer": self.name,
                                                                        "error": repr(exc)})
                self._sub = None
                await asyncio.sleep(0.5)

    async def _subscribe(self) -> None:
        self.stream = await self.bus.ensure_stream(self.event_type.split(".", 1)[0])
        config = ConsumerConfig(
            durable_name=self.durable, ack_policy=AckPolicy.EXPLICIT, deliver_policy=DeliverPolicy.ALL,
            ack_wait=self.ack_wait, max_deliver=-1,  # dead-lettering is ours, so nothing is lost silently
            filter_subject=nats_subject(self.bus.prefix, self.event_type))
        self._sub = await self.bus.js.pull_subscribe(
            config.filter_subject, durable=self.durable, stream=self.stream, config=config)

    async def lag(self) -> int | None:
        if not self.bus.connected or not self.stream:
            return None
        try:
            info = await self.bus.js.consumer_info(self.stream, self.durable, timeout=1)
        except Exception:
            return None
        return info.num_pending + info.num_ack_pending

    async def process(self, msg) -> None:
        deliveries = msg.metadata.num_delivered if msg.metadata else 1
        try:
            event = Event.from_json(msg.data)
            if event.version not in self.handler.versions:
                raise UnknownVersion(f"{event.type} version {event.version} not in "
                                     f"{sorted(self.handler.versions)}")
            await self.apply(event)
        except Exception as exc:
            final = isinstance(exc, UnknownVersion | ValueError) or deliveries >= self.max_deliver
            log.warning("handler failed", extra={"consumer": self.name, "deliveries": deliveries,
                                                 "dead_letter": final, "error": str(exc)})
            if final:
                await self._dead_letter(msg, exc, deliveries)
                await msg.term()
            else:
                await msg.nak(delay=self.nak_delay)
            return
        await msg.ack_sync()

    async def apply(self, event: Event) -> bool:
        """Apply once: the inbox row and the effect commit together. False when already applied."""
        token = context.bind(context.RequestContext(request_id=event.request_id,
                                                    traceparent=event.traceparent))
        try:
            async with self.sessionmaker() as session, session.begin():
                seen = await session.execute(select(self.kit.inbox.c.event_id).where(
                    self.kit.inbox.c.consumer == self.name, self.kit.inbox.c.event_id == event.id))
                if seen.first() is not None:
                    return False
                await session.execute(self.kit.inbox.insert().values(
                    consumer=self.name, event_id=event.id, type=event.type, handled_at=utcnow()))
                await self.handler.fn(session, event)
            return True
        except IntegrityError:
            # a concurrent replica applied the same event first: its inbox row won
            return False
        finally:
            context.reset(token)

    async def _dead_letter(self, msg, exc: Exception, deliveries: int) -> None:
        try:
            event_id = (msg.headers or {}).get("Nats-Msg-Id") or Event.from_json(msg.data).id
        except Exception:
            event_id = f"seq-{msg.metadata.sequence.stream}" if msg.metadata else "unknown"
        async with self.sessionmaker() as session, session.begin():
            await session.execute(self.kit.dead_letters.insert().values(
                consumer=self.name, event_id=event_id, type=self.event_type,
                payload=msg.data.decode(errors="replace"),
                error="".join(traceback.format_exception_only(exc)).strip()[:4000],
                deliveries=deliveries, created_at=utcnow()))
