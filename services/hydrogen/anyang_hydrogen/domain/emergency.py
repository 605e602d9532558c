"""Drills (安政办〔2023〕2号 第二十三条: 每半年至少组织一次预案演练).

**Interpretation**: calendar half-years, January–June and July–December. A half-year that ended without a
drill is flagged; the current half-year shows as due while none is recorded. Half-years are counted from the
one the station started operating in (or, before opening, registered in).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

BASIS = "安政办〔2023〕2号 第二十三条（解释：自然半年，1–6月、7–12月）"


@dataclass(frozen=True)
class HalfYear:
    label: str
    starts_on: date
    ends_on: date
    drills: int
    status: str  # done | missed | due


def _half(d: date) -> tuple[int, int]:
    return d.year, 0 if d.month <= 6 else 1


def half_years(since: date, drill_dates: list[date], today: date) -> list[HalfYear]:
    out = []
    year, half = _half(since)
    while (year, half) <= _half(today):
        start = date(year, 1 if half == 0 else 7, 1)
        end = date(year, 6, 30) if half == 0 else date(year, 12, 31)
        n = sum(1 for d in drill_dates if start <= d <= end)
        current = end >= today
        status = "done" if n else ("due" if current else "missed")
        out.append(HalfYear(f"{year}年{'上' if half == 0 else '下'}半年", start, end, n, status))
        year, half = (year, 1) if half == 0 else (year + 1, 0)
    return out


STATUS_LABELS = {"done": "已演练", "missed": "未演练（已逾期）", "due": "本半年尚未演练"}
