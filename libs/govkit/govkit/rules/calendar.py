"""Working days of the PRC calendar (weekends, statutory holidays, adjusted working weekends).

Sources, by precedence for a year:
1. a JSON data file for that year (the State Council's arrangement, loaded as data:
   bundled ``calendar_data/``, then ``GOVKIT_CALENDAR_DIR``, then ``extra_dirs``; a later
   directory overrides an earlier one);
2. the ``chinesecalendar`` library (official arrangements it ships);
3. otherwise the year is *provisional*: weekends off plus the fixed-date statutory holidays
   of 全国年节及纪念日放假办法 (2024 amendment) 第二条: 元旦 1月1日, 劳动节 5月1日至2日,
   国庆节 10月1日至3日. Lunar-date holidays cannot be fixed in advance and are ignored.
   Callers must report such answers as provisional (``is_official(year)`` is False).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import chinese_calendar
from chinese_calendar import constants as _cc_data

ENV_DIRS = "GOVKIT_CALENDAR_DIR"
BUNDLED_DIR = Path(__file__).with_name("calendar_data")
LIBRARY_SOURCE = "国务院办公厅关于{year}年部分节假日安排的通知"

# 全国年节及纪念日放假办法（2024年修订）第二条: holidays on fixed Gregorian dates.
FIXED_DATE_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "元旦"),
    (5, 1, "劳动节"),
    (5, 2, "劳动节"),
    (10, 1, "国庆节"),
    (10, 2, "国庆节"),
    (10, 3, "国庆节"),
)
_FIXED_DAYS = frozenset((m, d) for m, d, _ in FIXED_DATE_HOLIDAYS)
PROVISIONAL_RULE_ZH = (
    "尚无国务院公布的节假日安排，临时按周六、周日休息及固定日期法定节假日"
    "（元旦1月1日、劳动节5月1日至2日、国庆节10月1日至3日）计算，农历节日未计入"
)
PROVISIONAL_RULE_EN = (
    "no State Council holiday arrangement published yet; provisionally counted with weekends and the "
    "fixed-date statutory holidays only (1 Jan, 1-2 May, 1-3 Oct); lunar-calendar holidays are not included"
)


class CalendarDataError(ValueError):
    """A working-day data file that cannot be used; the message names the file and the fault."""


@dataclass(frozen=True)
class YearArrangement:
    """The official arrangement of one year: days off and adjusted working days."""

    year: int
    source: str
    holidays: frozenset[date]
    workdays: frozenset[date]
    origin: str  # file path, or "chinesecalendar"


def _library_years() -> frozenset[int]:
    return frozenset(d.year for d in _cc_data.holidays)


def _parse_day(value: object, year: int, where: str) -> date:
    if not isinstance(value, str):
        raise CalendarDataError(f"{where}: date must be a string 'YYYY-MM-DD', got {value!r}")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise CalendarDataError(f"{where}: not a valid date {value!r} (expected 'YYYY-MM-DD')") from None
    if day.year != year:
        raise CalendarDataError(f"{where}: date {value} is not in year {year}")
    return day


def load_arrangement_file(path: Path) -> YearArrangement:
    """Read and check one data file; raises CalendarDataError saying what is wrong."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CalendarDataError(f"{path}: cannot read working-day data: {exc}") from None
    if not isinstance(raw, dict):
        raise CalendarDataError(f"{path}: expected a JSON object with year, source, holidays, workdays")
    missing = [k for k in ("year", "source", "holidays", "workdays") if k not in raw]
    if missing:
        raise CalendarDataError(f"{path}: missing key(s) {', '.join(missing)}")
    year = raw["year"]
    if not isinstance(year, int) or isinstance(year, bool) or not 1949 < year < 2200:
        raise CalendarDataError(f"{path}: 'year' must be an integer year, got {year!r}")
    source = raw["source"]
    if not isinstance(source, str) or not source.strip():
        raise CalendarDataError(f"{path}: 'source' must name the State Council notice")
    days: dict[str, frozenset[date]] = {}
    for key in ("holidays", "workdays"):
        if not isinstance(raw[key], list):
            raise CalendarDataError(f"{path}: '{key}' must be a list of dates")
        days[key] = frozenset(_parse_day(v, year, f"{path} {key}[{i}]") for i, v in enumerate(raw[key]))
    both = days["holidays"] & days["workdays"]
    if both:
        listed = ", ".join(d.isoformat() for d in sorted(both))
        raise CalendarDataError(f"{path}: date(s) listed both as holiday and as workday: {listed}")
    return YearArrangement(year, source.strip(), days["holidays"], days["workdays"], str(path))


def _load_dir(directory: Path) -> dict[int, YearArrangement]:
    if not directory.is_dir():
        raise CalendarDataError(f"{directory}: working-day data directory does not exist")
    found: dict[int, YearArrangement] = {}
    for path in sorted(directory.glob("*.json")):
        arrangement = load_arrangement_file(path)
        if arrangement.year in found:
            raise CalendarDataError(
                f"{path}: year {arrangement.year} is already defined by {found[arrangement.year].origin}")
        found[arrangement.year] = arrangement
    return found


def _env_dirs() -> list[Path]:
    value = os.environ.get(ENV_DIRS, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


@dataclass(frozen=True)
class DayInfo:
    """Whether a day is worked, and on what authority."""

    day: date
    working: bool
    official: bool
    reason: str  # stable code: workday, weekend, holiday, adjusted_workday, fixed_holiday
    source: str


class WorkingCalendar:
    """The PRC working-day calendar; see the module docstring for its sources."""

    def __init__(self, extra_dirs: Iterable[str | os.PathLike[str]] | None = None, *,
                 use_library: bool = True, include_bundled: bool = True,
                 include_env: bool = True) -> None:
        dirs: list[Path] = [BUNDLED_DIR] if include_bundled and BUNDLED_DIR.is_dir() else []
        if include_env:
            dirs += _env_dirs()
        dirs += [Path(d) for d in (extra_dirs or ())]
        self._files: dict[int, YearArrangement] = {}
        for directory in dirs:
            self._files.update(_load_dir(directory))  # later directories override earlier ones
        self._library_years = _library_years() if use_library else frozenset()
        self._directories = tuple(str(d) for d in dirs)

    @property
    def directories(self) -> tuple[str, ...]:
        return self._directories

    def is_official(self, year: int) -> bool:
        """True when the State Council's arrangement for the year is known."""
        return year in self._files or year in self._library_years

    def known_years(self) -> list[int]:
        return sorted(set(self._files) | self._library_years)

    def arrangement_source(self, year: int) -> str | None:
        """The notice the year's arrangement comes from; None when the year is provisional."""
        if year in self._files:
            return self._files[year].source
        if year in self._library_years:
            return LIBRARY_SOURCE.format(year=year)
        return None

    def arrangement_origin(self, year: int) -> str | None:
        """Where the year's data was read: a file path, or the chinesecalendar library and its version."""
        if year in self._files:
            return self._files[year].origin
        if year in self._library_years:
            return f"chinesecalendar {getattr(chinese_calendar, '__version__', '')}".strip()
        return None

    def day_info(self, d: date) -> DayInfo:
        weekend = d.weekday() >= 5
        arrangement = self._files.get(d.year)
        if arrangement is not None:
            if d in arrangement.workdays:
                return DayInfo(d, True, True, "adjusted_workday", arrangement.source)
            if d in arrangement.holidays:
                return DayInfo(d, False, True, "holiday", arrangement.source)
            return DayInfo(d, not weekend, True, "weekend" if weekend else "workday", arrangement.source)
        if d.year in self._library_years:
            source = self.arrangement_source(d.year) or ""
            # chinese_calendar.is_workday's rule, on its data: its own call scans every holiday to check
            # the year range (a third of credit's batch-report CPU; bench/bench_credit_batch.py)
            working = d in _cc_data.workdays or (not weekend and d not in _cc_data.holidays)
            if working:
                reason = "adjusted_workday" if weekend else "workday"
            else:
                reason = "holiday" if d in _cc_data.holidays else "weekend"
            return DayInfo(d, working, True, reason, source)
        if (d.month, d.day) in _FIXED_DAYS:
            return DayInfo(d, False, False, "fixed_holiday", PROVISIONAL_RULE_ZH)
        return DayInfo(d, not weekend, False, "weekend" if weekend else "workday", PROVISIONAL_RULE_ZH)

    def is_working_day(self, d: date) -> bool:
        return self.day_info(d).working

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after d."""
        d += timedelta(days=1)
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d


@lru_cache(maxsize=1)
def default_calendar() -> WorkingCalendar:
    """The process-wide calendar (bundled data + GOVKIT_CALENDAR_DIR + library).

    After loading a new year's file, call ``default_calendar.cache_clear()`` (or restart).
    """
    return WorkingCalendar()
