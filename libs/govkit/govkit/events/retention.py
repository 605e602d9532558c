"""Published outbox rows are kept only for a stated retention (README: Personal data — events name people by
reference, and what was published need not stay in the producer's database): a job deletes rows published
more than ``OUTBOX_RETENTION_DAYS`` ago. Unpublished rows are never touched. Register it in a service's jobs::

    jobs = [..., outbox_purge_job(kit)]
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from govkit.scheduler import Job

JOB_NAME = "outbox.purge_published"
DEFAULT_RETENTION_DAYS = 7.0  # a week: longer than any replay a consumer catches up with from the stream


def outbox_purge_job(kit, *, every_seconds: float = 3600.0) -> Job:
    """Delete outbox rows published before now − retention (setting ``outbox_retention_days``, default 7)."""

    async def run(session: AsyncSession, now: datetime) -> str:
        days = float(getattr(session.info.get("settings"), "outbox_retention_days", DEFAULT_RETENTION_DAYS))
        cutoff = now - timedelta(days=days)
        result = await session.execute(delete(kit.outbox).where(kit.outbox.c.published_at.is_not(None),
                                                                kit.outbox.c.published_at < cutoff))
        return f"{result.rowcount} published outbox row(s) older than {days:g} days deleted"

    return Job(JOB_NAME, run, every_seconds)
