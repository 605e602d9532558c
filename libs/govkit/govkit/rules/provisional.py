"""Recomputing provisional due dates once a year's official holiday arrangement is loaded (README: Working
days — "a deadline is computed provisionally … and recomputed once the arrangement is loaded").

Every service registers the kinds of rows whose due date may be provisional and adds one job::

    jobs = [recompute_job([ProvisionalDue(Filing, "verification_due", "due_provisional", due_of)])]

The job first reloads the process-wide calendar when its data directories changed (a new year's file put in
``GOVKIT_CALENDAR_DIR``), then recomputes every row still marked provisional. Safe to run twice: a row whose
deadline is unchanged and still provisional is left alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from govkit.rules.calendar import BUNDLED_DIR, ENV_DIRS, WorkingCalendar, default_calendar
from govkit.rules.periods import Deadline
from govkit.scheduler import Job

JOB_NAME = "recompute_provisional_due_dates"


@dataclass(frozen=True)
class ProvisionalDue:
    """One kind of row: ``model.<due>`` holds the due date, ``model.<flag>`` is True while it is provisional;
    ``compute(row, calendar)`` counts the period again; ``apply(row, deadline)`` updates what follows from it
    (basis text, late flags)."""

    model: type
    due: str
    flag: str
    compute: Callable[[Any, WorkingCalendar], Deadline]
    apply: Callable[[Any, Deadline], None] | None = None


_signature: tuple | None = None


def _data_signature() -> tuple:
    """What the calendar was loaded from: every data file's path and modification time."""
    env = os.environ.get(ENV_DIRS, "")
    files = []
    for directory in [BUNDLED_DIR, *(Path(p) for p in env.split(os.pathsep) if p.strip())]:
        if directory.is_dir():
            files += [(str(p), p.stat().st_mtime_ns) for p in sorted(directory.glob("*.json"))]
    return env, tuple(files)


def current_calendar() -> WorkingCalendar:
    """The process-wide calendar, reloaded when its data files changed since it was last read here."""
    global _signature
    signature = _data_signature()
    if signature != _signature:
        default_calendar.cache_clear()
        _signature = signature
    return default_calendar()


async def recompute(session: AsyncSession, targets: Sequence[ProvisionalDue],
                    calendar: WorkingCalendar | None = None) -> int:
    """Recompute every provisional row of ``targets``; returns how many rows changed."""
    cal = calendar or current_calendar()
    changed = 0
    for target in targets:
        rows = (await session.execute(select(target.model).where(
            getattr(target.model, target.flag).is_(True)))).scalars().all()
        for row in rows:
            deadline = target.compute(row, cal)
            if deadline.due == getattr(row, target.due) and deadline.provisional:
                continue
            setattr(row, target.due, deadline.due)
            setattr(row, target.flag, deadline.provisional)
            if target.apply is not None:
                target.apply(row, deadline)
            changed += 1
    return changed


def recompute_job(targets: Sequence[ProvisionalDue], *, every_seconds: float = 3600.0) -> Job:
    """The scheduled job (one per service, leased like every job)."""

    async def run(session: AsyncSession, now: datetime) -> str:
        return f"{await recompute(session, targets)} provisional due date(s) recomputed"

    return Job(JOB_NAME, run, every_seconds)
