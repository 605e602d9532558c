"""Time: instants are stored in UTC; business dates are dates in Asia/Shanghai (spec: Time)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def utcnow() -> datetime:
    return datetime.now(UTC)


def business_date(instant: datetime | None = None) -> date:
    """The Asia/Shanghai calendar date of an instant (now by default)."""
    return (instant or utcnow()).astimezone(SHANGHAI).date()
