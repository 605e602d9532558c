"""What was known on a date (issue #10 item 8): a grade or report "as of" a past date answers from the records
as reported, corrected, withdrawn, published and repaired by the end of that day — never from today's state.
Records keep every earlier state as a version (RecordVersion); list entries, imported and industry grades carry
the instant they were written."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Date, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain.records import as_known_on
from anyang_credit.models.records import CreditRecord, RecordVersion
from govkit.clock import SHANGHAI
from govkit.db import UtcDateTime, chunks

_COLUMNS = tuple(CreditRecord.__table__.columns)


def known_until(on: date) -> datetime:
    """The end of business day `on` (Asia/Shanghai) as an instant: what was written before it was known."""
    return datetime.combine(on + timedelta(days=1), time(), tzinfo=SHANGHAI)


def _values(row: CreditRecord) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in _COLUMNS}


def _parsed(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A version's snapshot (JSON: dates and instants as ISO strings) with its column types back."""
    out = {}
    for c in _COLUMNS:
        value = snapshot.get(c.key)
        if isinstance(value, str) and isinstance(c.type, Date):
            value = date.fromisoformat(value)
        elif isinstance(value, str) and isinstance(c.type, UtcDateTime):
            value = datetime.fromisoformat(value)
        out[c.key] = value
    return out


async def records_known_on(session: AsyncSession, subject_ids: Sequence[str], on: date) -> list[CreditRecord]:
    """The subjects' records as known at the end of `on`, decided by then: the stored row where nothing changed
    since, else a detached copy in the state it had (domain.records.as_known_on)."""
    cutoff = known_until(on)
    rows: list[CreditRecord] = []
    for part in chunks(subject_ids):
        rows += (await session.execute(select(CreditRecord).where(
            CreditRecord.subject_id.in_(part), CreditRecord.reported_at < cutoff)
            .order_by(CreditRecord.decision_date, CreditRecord.id))).scalars()
    changed: dict[str, list[tuple[datetime, dict[str, Any]]]] = {}
    ids = [r.id for r in rows if r.version > 1]
    for part in chunks(ids):
        for v in (await session.execute(select(RecordVersion).where(
                RecordVersion.record_id.in_(part), RecordVersion.changed_at >= cutoff)
                .order_by(RecordVersion.record_id, RecordVersion.version))).scalars():
            changed.setdefault(v.record_id, []).append((v.changed_at, _parsed(v.snapshot)))
    out = []
    for row in rows:
        current = _values(row)
        state = as_known_on(current, changed.get(row.id, []), cutoff)
        if state is None or state["decision_date"] > on:
            continue
        out.append(row if state == current else CreditRecord(**state))
    return out
