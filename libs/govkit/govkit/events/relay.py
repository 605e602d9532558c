"""Publishes committed outbox rows to JetStream, in order, with Nats-Msg-Id for de-duplication.

A commit that wrote to the outbox wakes this process's relay at once (events in milliseconds); polling every
`interval` stays as the fallback for rows committed elsewhere (another replica, a script) or a missed wake.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from sqlalchemy import Table, event, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import ORMExecuteState, Session

from govkit.clock import utcnow
from govkit.events.bus import Bus
from govkit.events.envelope import nats_subject
from govkit.tables import KitTables

log = logging.getLogger("govkit.events.relay")
PUBLISH_TIMEOUT = 3.0  # seconds for JetStream to acknowledge an event
MARKING_MAX = 2000  # SQLite: rows awaiting their mark that passes leave out, each a bound parameter


class Relay:
    def __init__(self, bus: Bus, sessionmaker: async_sessionmaker[AsyncSession], kit: KitTables,
                 *, producer: str, interval: float = 0.2, batch: int = 200) -> None:
        self.bus, self.sessionmaker, self.kit = bus, sessionmaker, kit
        self.producer, self.interval, self.batch = producer, interval, batch
        self._woken = asyncio.Event()
        self._marking: set[int] = set()  # SQLite: rows acknowledged by JetStream whose mark is not committed yet
        self._marks: set[asyncio.Task] = set()
        # every session of this sessionmaker carries the relay to wake (Session copies `info`)
        sessionmaker.kw.setdefault("info", {})[_RELAYS] = {**sessionmaker.kw["info"].get(_RELAYS, {}),
                                                           kit.outbox: self}

    def wake(self) -> None:
        self._woken.set()

    async def run(self) -> None:
        try:
            while True:
                self._woken.clear()  # before the pass: a commit during it wakes the next one
                try:
                    sent = await self.publish_pending()
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("relay pass failed")
                    sent = 0
                if sent < self.batch:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._woken.wait(), self.interval)
        finally:
            if self._marks:  # marks under way finish before the engine closes (or are cancelled: sent again)
                _, late = await asyncio.wait(self._marks, timeout=PUBLISH_TIMEOUT)
                for task in late:
                    task.cancel()

    async def publish_pending(self) -> int:
        """One pass; returns how many events went out. Stops at the first failure to keep order.

        Replicas never publish a row twice: on PostgreSQL a pass runs in one transaction holding an advisory
        lock (one relay at a time, so order is kept) with its rows locked FOR UPDATE until each is marked; a
        replica that finds the lock taken skips its pass. SQLite has one writer and runs as one replica: each
        mark is its own short transaction, so requests never wait on a pass, and it runs in the background — it
        waits for the one write lock behind the requests' transactions, in SQLite's busy handler, which held
        the next commit's publication up to seconds on a loaded machine (issue 13); the rows it marks are left
        out of the passes meanwhile. Should two relays ever read the same row, JetStream drops the copy by its
        Nats-Msg-Id.
        """
        if not self.bus.connected:
            return 0
        await self.bus.ensure_stream(self.producer)
        pending = (select(self.kit.outbox.c.id, self.kit.outbox.c.event_id, self.kit.outbox.c.type,
                          self.kit.outbox.c.payload)
                   .where(self.kit.outbox.c.published_at.is_(None)).order_by(self.kit.outbox.c.id).limit(self.batch))
        async with self.sessionmaker() as session:
            if session.bind.dialect.name == "postgresql":
                async with session.begin():
                    if not (await session.execute(select(func.pg_try_advisory_xact_lock(RELAY_LOCK_KEY)))).scalar():
                        return 0
                    rows = (await session.execute(pending.with_for_update())).all()
                    return await self._publish(rows, lambda statement, _published: session.execute(statement))
            if len(self._marking) >= MARKING_MAX:
                return 0  # the marks fall behind (a long write holds the lock): wait for them
            if self._marking:
                pending = pending.where(self.kit.outbox.c.id.not_in(self._marking))
            rows = (await session.execute(pending)).all()
        return await self._publish(rows, self._mark_in_background)

    async def _mark_in_background(self, statement, published: list[int]) -> None:
        self._marking.update(published)
        task = asyncio.create_task(self._mark(statement, published))
        self._marks.add(task)
        task.add_done_callback(self._marks.discard)

    async def _mark(self, statement, published: list[int]) -> None:
        try:
            async with self.sessionmaker() as s, s.begin():
                await s.execute(statement)
        except Exception:  # the rows stay pending: sent again next pass, JetStream drops the copies
            log.exception("marking published events failed")
        finally:
            self._marking.difference_update(published)

    async def _publish(self, rows, mark) -> int:
        """The pass's rows sent back to back (in order, on one connection), then their acknowledgements
        awaited in that order; the acknowledged prefix is marked published in one statement (`mark(statement,
        ids published)`). A row that
        fails stops the pass there: it and the rows after it stay pending (a re-sent copy of one JetStream
        already stored is dropped by its Nats-Msg-Id)."""
        outbox = self.kit.outbox
        acks: list = []
        failed: tuple | None = None
        for row in rows:
            payload = row.payload if isinstance(row.payload, str) else json.dumps(row.payload)
            headers = {"Nats-Msg-Id": row.event_id}
            trace = json.loads(payload).get("traceparent")
            if trace:
                headers["traceparent"] = trace
            try:
                acks.append(await self.bus.js.publish_async(nats_subject(self.bus.prefix, row.type),
                                                            payload.encode(), headers=headers,
                                                            wait_stall=PUBLISH_TIMEOUT))
            except Exception as exc:  # NATS down: the row stays pending, retried next pass
                if asyncio.current_task().cancelling():  # nats-py reports a cancellation as a stalled publish
                    raise asyncio.CancelledError from exc
                failed = (row, exc)
                break
        sent: list = []
        refused = False
        for row, ack in zip(rows, acks, strict=False):  # the rows sent before any failure to send
            if not refused:
                try:
                    await asyncio.wait_for(ack, PUBLISH_TIMEOUT)
                    sent.append(row.id)
                    continue
                except Exception as exc:  # not stored (or not known to be): pending, retried next pass
                    failed, refused = (row, exc), True
            if not ack.done():
                ack.cancel()
            elif not ack.cancelled():
                ack.exception()  # retrieved: the row stays pending with the failed one
        if sent:
            await mark(update(outbox).where(outbox.c.id.in_(sent)).values(
                published_at=utcnow(), attempts=outbox.c.attempts + 1, last_error=None), sent)
        if failed is not None:
            row, exc = failed
            await mark(update(outbox).where(outbox.c.id == row.id).values(
                attempts=outbox.c.attempts + 1, last_error=str(exc)[:1000] or type(exc).__name__), [])
            log.warning("publish failed, will retry", extra={"event_id": row.event_id, "error": repr(exc)})
        return len(sent)


# Wake on commit: note the outbox tables a session inserts into; after its commit, wake their relays.
_RELAYS = "govkit.relays"  # Session.info: outbox table → the relay publishing it (set by Relay)
_STAGED = "govkit.outbox_staged"  # Session.info: outbox tables written in the current transaction


@event.listens_for(Session, "do_orm_execute")
def _note_outbox_insert(state: ORMExecuteState) -> None:
    relays = state.session.info.get(_RELAYS)
    if relays and state.is_insert and isinstance(table := getattr(state.statement, "table", None), Table) \
            and table in relays:
        state.session.info.setdefault(_STAGED, set()).add(table)


@event.listens_for(Session, "after_commit")
def _wake_relays(session: Session) -> None:
    for table in session.info.pop(_STAGED, ()):
        session.info[_RELAYS][table].wake()


@event.listens_for(Session, "after_rollback")
def _forget_staged(session: Session) -> None:
    session.info.pop(_STAGED, None)


RELAY_LOCK_KEY = 0x72656C6179  # one relay publishes a service's outbox at a time (PostgreSQL)
