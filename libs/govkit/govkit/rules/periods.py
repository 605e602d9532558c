"""Counting periods (民法典 第二百零一条 to 第二百零三条) in calendar days, working days, months, years.

- 第二百零一条: the day of the event that starts a period is not counted; counting starts the next day.
- 第二百零二条: a period in months or years ends on the corresponding day of the last month, or on
  that month's last day where it has no corresponding day.
- 第二百零三条: a last day that is a statutory rest day moves to the next working day; the last day
  ends at 24:00, or at the close of business where the act is done at an office with business hours.
- Working-day periods (工作日) count only working days of the PRC calendar
  (``govkit.rules.calendar``): weekends and statutory holidays are off, adjusted working weekends
  (调休上班日) count.
"""

from __future__ import annotations

import calendar as _gregorian
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from govkit.i18n import t
from govkit.rules.calendar import PROVISIONAL_RULE_EN, PROVISIONAL_RULE_ZH, WorkingCalendar, default_calendar
from govkit.rules.decision import RuleBroken

try:
    SHANGHAI: tzinfo = ZoneInfo("Asia/Shanghai")
except ZoneInfoNotFoundError:  # no tz database on the host; China has kept UTC+8 without DST since 1991
    SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")

WORKING_DAY = "working_day"
CALENDAR_DAY = "calendar_day"

_BASIS_START_ZH = "《中华人民共和国民法典》第二百零一条：开始的当日不计入，自{start}的下一日开始计算"
_BASIS_START_EN = ("Civil Code Art. 201: the starting day ({start}) is not counted; "
                   "counting starts the next day")
_BASIS_END_ZH = "第二百零三条：期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日"
_BASIS_END_EN = "Art. 203: a last day that is a statutory rest day moves to the next working day"
_BASIS_CLOSE_ZH = "；第二百零三条：最后一日截止到二十四时，有业务时间的截止到停止业务活动的时间"
_BASIS_CLOSE_EN = ("; Art. 203: the last day ends at 24:00, or at the close of business where the act "
                   "is done at an office")


class PeriodOutOfRange(RuleBroken):
    """A period that would end outside the dates that can be counted (years 1 to 9999).

    A RuleBroken, so a service answers 422 naming it; the date that led here is almost always a typo.
    """

    def __init__(self, start: date, amount: int, unit: str) -> None:
        unit_zh = {WORKING_DAY: "个工作日", CALENDAR_DAY: "日", "month": "个月"}.get(unit, unit)
        unit_en = {WORKING_DAY: "working days", CALENDAR_DAY: "days", "month": "months"}.get(unit, unit)
        super().__init__(
            f"自{start.isoformat()}起计算{amount}{unit_zh}的期间超出可计算的日期范围（公元1年至9999年），请检查日期",
            f"A period of {amount} {unit_en} from {start.isoformat()} ends outside the dates that can be "
            "counted (years 1 to 9999); check the date",
            code="date_out_of_range", facts={"start": start.isoformat(), "amount": amount, "unit": unit})
        self.start, self.amount, self.unit = start, amount, unit


@dataclass(frozen=True)
class Deadline:
    """The last day of a period, and how it was reached.

    ``counted_from`` is the day of the event (not counted itself). ``provisional`` is True when a
    year the count touched has no official holiday arrangement yet; ``provisional_years`` names them.
    """

    due: date
    provisional: bool
    basis: str
    counted_from: date
    amount: int
    unit: str
    basis_en: str = ""
    provisional_years: tuple[int, ...] = ()

    def explain(self) -> str:
        """The basis in the caller's language."""
        return t(self.basis, self.basis_en or self.basis)


def _cal(calendar: WorkingCalendar | None) -> WorkingCalendar:
    return calendar if calendar is not None else default_calendar()


def _sources(cal: WorkingCalendar, years: range) -> tuple[list[str], tuple[int, ...]]:
    official, provisional = [], []
    for year in years:
        if cal.is_official(year):
            official.append(f"《{cal.arrangement_source(year)}》")
        else:
            provisional.append(year)
    return official, tuple(provisional)


def _provisional_note(years: tuple[int, ...]) -> tuple[str, str]:
    if not years:
        return "", ""
    listed = "、".join(f"{y}年" for y in years)
    listed_en = ", ".join(str(y) for y in years)
    return (f"。临时期限：{listed}{PROVISIONAL_RULE_ZH}；公布后将重新计算",
            f". Provisional: for {listed_en} {PROVISIONAL_RULE_EN}; recomputed once it is published")


def add_working_days(start: date, n: int, calendar: WorkingCalendar | None = None) -> Deadline:
    """The n-th working day after ``start`` (the start day itself is not counted)."""
    if n < 1:
        raise ValueError(f"a working-day period needs at least 1 day, got {n}")
    if n > (date.max - start).days:  # cannot fit even counting every day: fail before looping
        raise PeriodOutOfRange(start, n, WORKING_DAY)
    cal = _cal(calendar)
    day, counted = start, 0
    try:
        while counted < n:
            day += timedelta(days=1)
            if cal.is_working_day(day):
                counted += 1
    except OverflowError:
        raise PeriodOutOfRange(start, n, WORKING_DAY) from None
    official, provisional = _sources(cal, range((start + timedelta(days=1)).year, day.year + 1))
    note_zh, note_en = _provisional_note(provisional)
    source_zh = f"；工作日安排依据{'、'.join(official)}" if official else ""
    basis = (f"{_BASIS_START_ZH.format(start=start.isoformat())}；按工作日计算，周六、周日和法定节假日不计，"
             f"国务院调休上班日计入，第{n}个工作日为{day.isoformat()}{source_zh}")
    basis_en = (f"{_BASIS_START_EN.format(start=start.isoformat())}; only working days count (weekends and "
                f"statutory holidays excluded, adjusted working weekends included); working day {n} is "
                f"{day.isoformat()}")
    return Deadline(day, bool(provisional), basis + _BASIS_CLOSE_ZH + note_zh, start, n, WORKING_DAY,
                    basis_en + _BASIS_CLOSE_EN + note_en, provisional)


def add_calendar_days(start: date, n: int, calendar: WorkingCalendar | None = None) -> Deadline:
    """Day ``start + n``; when that day is not a working day, the next working day (第二百零三条)."""
    if n < 1:
        raise ValueError(f"a period needs at least 1 day, got {n}")
    cal = _cal(calendar)
    try:
        last = start + timedelta(days=n)
        due = last if cal.is_working_day(last) else cal.next_working_day(last)
    except OverflowError:
        raise PeriodOutOfRange(start, n, CALENDAR_DAY) from None
    official, provisional = _sources(cal, range(last.year, due.year + 1))
    note_zh, note_en = _provisional_note(provisional)
    basis = f"{_BASIS_START_ZH.format(start=start.isoformat())}；按日计算，第{n}日为{last.isoformat()}"
    basis_en = f"{_BASIS_START_EN.format(start=start.isoformat())}; day {n} is {last.isoformat()}"
    if due != last:
        basis += f"；{_BASIS_END_ZH}，顺延至{due.isoformat()}"
        basis_en += f"; {_BASIS_END_EN}: {due.isoformat()}"
        if official:
            basis += f"（依据{'、'.join(official)}）"
    close_zh = _BASIS_CLOSE_ZH.replace("第二百零三条", "同条") if due != last else _BASIS_CLOSE_ZH
    return Deadline(due, bool(provisional), basis + close_zh + note_zh, start, n, CALENDAR_DAY,
                    basis_en + _BASIS_CLOSE_EN + note_en, provisional)


def add_months(d: date, n: int) -> date:
    """The corresponding day n months later (or earlier), else that month's last day (第二百零二条)."""
    index = d.year * 12 + (d.month - 1) + n
    year, month = divmod(index, 12)
    month += 1
    if not date.min.year <= year <= date.max.year:
        raise PeriodOutOfRange(d, n, "month")
    return date(year, month, min(d.day, _gregorian.monthrange(year, month)[1]))


def add_years(d: date, n: int) -> date:
    """The corresponding day n years later; 29 February becomes 28 February (第二百零二条)."""
    return add_months(d, 12 * n)


def completed_years(start: date, as_of: date) -> int:
    """Whole years from ``start`` to the end (24:00) of ``as_of``.

    Year k is complete on its anniversary ``add_years(start, k)`` (第二百零一条: the start day is not
    counted; 第二百零二条: the period ends on the corresponding day). 0 when ``as_of`` is before the
    first anniversary or before ``start``.
    """
    if as_of < start:
        return 0
    years = as_of.year - start.year
    while years > 0 and add_years(start, years) > as_of:
        years -= 1
    return years


def inclusive_span_min_end(start: date, *, months: int) -> date:
    """The earliest end date for which ``start``..end (both counted) lasts ``months`` months.

    Counting from the start of ``start``, the span ends at the end of the day before the corresponding
    day; where the target month has no corresponding day, at the end of that month (第二百零二条).
    So 2023-03-01 needs 2023-08-31 for half a year, and 2023-01-31 needs 2023-02-28 for one month.
    """
    if months < 1:
        raise ValueError(f"months must be at least 1, got {months}")
    target = add_months(start, months)
    return target - timedelta(days=1) if target.day == start.day else target


def inclusive_span_at_least(start: date, end: date, *, months: int) -> bool:
    """Whether the span ``start``..``end``, both dates counted, lasts at least ``months`` months."""
    if end < start:
        raise ValueError(f"end {end.isoformat()} is before start {start.isoformat()}")
    return end >= inclusive_span_min_end(start, months=months)


def deadline_instant(due: date, channel: Literal["online", "counter"] = "online",
                     office_close: time = time(18, 0)) -> datetime:
    """The instant a deadline ends, Asia/Shanghai (第二百零三条).

    Online: 24:00 of ``due``, returned as 00:00 of the next day. Counter: the office's closing time on
    ``due``. A submission is in time when it is strictly before this instant (see ``submitted_in_time``).
    """
    if channel == "online":
        if due == date.max:
            raise PeriodOutOfRange(due, 1, CALENDAR_DAY)
        return datetime.combine(due + timedelta(days=1), time(0, 0), tzinfo=SHANGHAI)
    if channel == "counter":
        return datetime.combine(due, office_close.replace(tzinfo=None), tzinfo=SHANGHAI)
    raise ValueError(f"channel must be 'online' or 'counter', got {channel!r}")


def submitted_in_time(submitted_at: datetime, due: date, channel: Literal["online", "counter"] = "online",
                      office_close: time = time(18, 0)) -> bool:
    """Whether an act at ``submitted_at`` (timezone-aware) meets a deadline ending on ``due``."""
    if submitted_at.tzinfo is None or submitted_at.utcoffset() is None:
        raise ValueError("submitted_at must be timezone-aware")
    return submitted_at < deadline_instant(due, channel, office_close)
