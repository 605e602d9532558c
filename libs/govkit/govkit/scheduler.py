"""Time-driven work (expiries, overdue flags, end of notices): each job runs once across replicas,
guarded by a lease row in the service's database; jobs are written to be safe to run twice."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from govkit.clock import utcnow
from govkit.tables import KitTables

log = logging.getLogger("govkit.scheduler")

JobFn = Callable[[AsyncSession, datetime], Awaitable[str | None]]


@dataclass(frozen=True)
class Job:
    name: str
    fn: JobFn          # runs in one transaction; returns a short summary for the lease row
    every_seconds: float = 60.0


class Scheduler:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], kit: KitTables, jobs: list[Job],
                 *, holder: str) -> None:
        self.sessionmaker, self.kit, self.jobs, self.holder = sessionmaker, kit, jobs, holder

    async def run(self) -> None:
        loops = [asyncio.create_task(self._loop(job), name=f"job-{job.name}") for job in self.jobs]
        try:
            await asyncio.wait(loops)
        finally:  # cancelled with the service: stop every job loop before returning
            for loop in loops:
                loop.cancel()
            await asyncio.wait(loops)

    async def _loop(self, job: Job) -> None:
        while True:
            try:
                await self.run_once(job)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("job failed", extra={"job": job.name})
            await asyncio.sleep(job.every_seconds)

    async def acquire(self, job: Job, now: datetime) -> bool:
        leases = self.kit.job_leases
        until = now + timedelta(seconds=max(job.every_seconds * 0.9, 1.0))
        async with self.sessionmaker() as session, session.begin():
            result = await session.execute(update(leases).where(
                leases.c.name == job.name,
                (leases.c.lease_until <= now) | (leases.c.holder == self.holder),
            ).values(holder=self.holder, lease_until=until))
            if result.rowcount:
                return True
            exists = (await session.execute(select(leases.c.name).where(leases.c.name == job.name))).first()
        if exists:
            return False
        try:
            async with self.sessionmaker() as session, session.begin():
                await session.execute(leases.insert().values(name=job.name, holder=self.holder, lease_until=until))
            return True
        except IntegrityError:
            return False

    async def run_once(self, job: Job, now: datetime | None = None) -> str | None:
        """Run the job if this replica holds its lease; returns the job's summary or None."""
        now = now or utcnow()
        if not await self.acquire(job, now):
            return None
        async with self.sessionmaker() as session, session.begin():
            summary = await job.fn(session, now)
            await session.execute(update(self.kit.job_leases).where(self.kit.job_leases.c.name == job.name)
                                  .values(last_run_at=now, last_result=(summary or "")[:1000]))
        return summary or ""
