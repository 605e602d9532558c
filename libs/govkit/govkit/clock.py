"""Time: instants are stored in UTC; business dates are dates in Asia/Shanghai (spec: Time).

Every procedural guard reads the service's own clock through `utcnow()` / `business_date()`, never a date
the caller sends. Tests move that clock with the one override setting `CLOCK_OVERRIDE` (an instant the
clock starts from and runs on), or `travel_to()` in-process; `ENV=production` refuses the setting.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
_offset = timedelta(0)


def utcnow() -> datetime:
    return datetime.now(UTC) + _offset


def business_date(instant: datetime | None = None) -> date:
    """The Asia/Shanghai calendar date of an instant (now by default)."""
    return (instant or utcnow()).astimezone(SHANGHAI).date()


def travel_to(instant: datetime | None) -> None:
    """Make the clock read `instant` now and run on from there (None: back to real time). Tests only:
    the settings refuse `clock_override` in production."""
    global _offset
    if instant is None:
        _offset = timedelta(0)
        return
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=SHANGHAI)
    _offset = instant - datetime.now(UTC)
