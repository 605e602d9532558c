"""Durable JetStream consumers: handle in a transaction with an inbox row, ack only after commit.

A failing handler's message is nak'ed with a delay and redelivered; after `max_deliver` deliveries,
or at once for an unknown event version, it goes to the dead-letter table (visible through the API)
and is terminated. Nothing is dropped silently: an IntegrityError raised by a handler is such a
failure too; only the inbox row's own conflict means "a replica applied it already".

Order of effects (spec: Events): an ordered event waits until this service has applied its predecessors
under the same key that it consumes (whichever of its consumers or replicas received them): it is held —
nak'ed and delivered again — and dead-lettered only when held longer than `hold_max`.
"""

from __future__ import annotations

import asyncio
import logging
import time
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import nats.errors
import nats.js.errors
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from sqlalchemy import case, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from govkit import context
from govkit.auth import ANONYMOUS, Principal
from govkit.clock import utcnow
from govkit.events.bus import Bus
from govkit.events.envelope import Event, durable_name, nats_subject, stream_name
from govkit.events.outbox import TIMING
from govkit.tables import KitTables

log = logging.getLogger("govkit.events.consumer")

# A pull asks for as many messages as are known to wait (at most FETCH_BATCH), else for one: nats-py's
# fetch of n > 1 on an idle consumer returns only when n have come or FETCH_WAIT has passed, which held
# each event that came alone up to a second (event latency, issue 13).
FETCH_BATCH = 50
FETCH_WAIT = 1.0

HandlerFn = Callable[[AsyncSession, Event], Awaitable[None]]


@dataclass(frozen=True)
class Handler:
    fn: HandlerFn
    versions: frozenset[int] = field(default_factory=lambda: frozenset({1}))


class UnknownVersion(Exception):
    pass


class Held(Exception):
    """The event's predecessor under its ordering key has not been applied here yet."""


class _AppliedBefore(Exception):
    pass


class Consumer:
    def __init__(self, bus: Bus, sessionmaker: async_sessionmaker[AsyncSession], kit: KitTables, *,
                 service: str, event_type: str, handler: Handler, max_deliver: int = 5,
                 ack_wait: float = 30.0, nak_delay: float = 1.0, hold_max: float = 3600.0,
                 consumed_types: frozenset[str] | None = None) -> None:
        self.bus, self.sessionmaker, self.kit = bus, sessionmaker, kit
        self.service, self.event_type, self.handler = service, event_type, handler
        self.max_deliver, self.ack_wait, self.nak_delay = max_deliver, ack_wait, nak_delay
        self.hold_max = hold_max
        # every type this service consumes: an event waits only for predecessors of these types
        self.consumed_types = consumed_types or frozenset({event_type})
        self.name = f"{service}.{event_type}"
        self.durable = durable_name(bus.prefix, service, event_type)
        self._sub = None
        self.stream = ""

    async def run(self) -> None:
        pending = 0  # messages known to wait on the server after the last one taken
        while True:
            try:
                await self.bus.wait_ready()
                if not self.bus.connected:
                    await asyncio.sleep(0.5)
                    continue
                if self._sub is None:
                    await self._subscribe()
                try:
                    msgs = await self._sub.fetch(batch=min(FETCH_BATCH, max(1, pending)), timeout=FETCH_WAIT)
                except (nats.errors.TimeoutError, TimeoutError):  # an empty pull is "nothing yet", not an error
                    pending = 0
                    continue
                for msg in msgs:
                    await self.process(msg)
                pending = msgs[-1].metadata.num_pending if msgs and msgs[-1].metadata else 0
            except asyncio.CancelledError:
                raise
            except nats.js.errors.NotFoundError:  # the producer has not created its stream yet
                log.info("waiting for the producer's stream", extra={"consumer": self.name})
                self._sub = None
                await asyncio.sleep(1.0)
            except Exception as exc:
                log.warning("consumer loop error, resubscribing", extra={"consumer": self.name,
                                                                        "error": repr(exc)})
                self._sub = None
                await asyncio.sleep(0.5)

    async def _subscribe(self) -> None:
        # the producer's stream is the producer's to create (its relay does at start): a consumer may not
        self.stream = stream_name(self.bus.prefix, self.event_type.split(".", 1)[0])
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
        taken = time.time()
        deliveries = msg.metadata.num_delivered if msg.metadata else 1
        try:
            event = Event.from_json(msg.data)
            if event.version not in self.handler.versions:
                raise UnknownVersion(f"{event.type} version {event.version} not in "
                                     f"{sorted(self.handler.versions)}")
            if await self.apply(event) and TIMING.isEnabledFor(logging.DEBUG):
                TIMING.debug("event applied", extra={  # its transaction committed; JetStream stored it at…
                    "event_id": event.id, "consumer": self.name, "at": time.time(), "taken_at": taken,
                    "stored_at": msg.metadata.timestamp.timestamp() if msg.metadata else None})
        except Held as exc:
            held_for = (datetime.now(UTC) - msg.metadata.timestamp).total_seconds() if msg.metadata else 0.0
            if held_for <= self.hold_max:
                log.info("event held for its predecessor", extra={"consumer": self.name, "error": str(exc)})
                await msg.nak(delay=self.nak_delay)
                return
            log.warning("event held too long, dead-lettered", extra={"consumer": self.name, "error": str(exc)})
            await self._dead_letter(msg, exc, deliveries)
            await msg.term()
            return
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
        """Apply once and in order: the inbox row, the key's applied sequence and the effect commit together.
        False when already applied; raises Held while a predecessor is missing."""
        originator = Principal.model_validate(event.actor) if event.actor else ANONYMOUS
        token = context.bind(context.RequestContext(request_id=event.request_id, traceparent=event.traceparent,
                                                    principal=originator))
        try:
            async with self.sessionmaker() as session, session.begin():
                seen = await session.execute(select(self.kit.inbox.c.event_id).where(
                    self.kit.inbox.c.consumer == self.name, self.kit.inbox.c.event_id == event.id))
                if seen.first() is not None:
                    return False
                if event.sequence:
                    await self._require_predecessors(session, event)
                try:
                    await session.execute(self.kit.inbox.insert().values(
                        consumer=self.name, event_id=event.id, type=event.type, handled_at=utcnow()))
                except IntegrityError:
                    raise _AppliedBefore from None  # a concurrent replica applied it first: its inbox row won
                await self.handler.fn(session, event)  # its IntegrityError is a failure like any other
                if event.sequence:
                    await self._mark_applied(session, event)
            return True
        except _AppliedBefore:
            return False
        finally:
            context.reset(token)

    async def _require_predecessors(self, session: AsyncSession, event: Event) -> None:
        needed = event.waits_for(self.consumed_types)
        if not needed:
            return
        t = self.kit.inbox_sequences
        applied = (await session.execute(select(t.c.applied).where(t.c.order_key == event.order_key))).scalar()
        if (applied or 0) < needed:
            raise Held(f"{event.type} #{event.sequence} of {event.order_key} waits for #{needed} "
                       f"(applied: {applied or 0})")

    async def _mark_applied(self, session: AsyncSession, event: Event) -> None:
        t = self.kit.inbox_sequences
        dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
        stmt = dialect.insert(t).values(order_key=event.order_key, applied=event.sequence, applied_at=utcnow())
        await session.execute(stmt.on_conflict_do_update(index_elements=[t.c.order_key], set_={
            "applied": case((t.c.applied > stmt.excluded.applied, t.c.applied), else_=stmt.excluded.applied),
            "applied_at": stmt.excluded.applied_at}))

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
