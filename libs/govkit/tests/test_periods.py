import json
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from govkit.rules import calendar as cal_mod
from govkit.rules.calendar import WorkingCalendar
from govkit.rules.periods import (
    CALENDAR_DAY,
    WORKING_DAY,
    add_calendar_days,
    add_months,
    add_working_days,
    add_years,
    completed_years,
    deadline_instant,
    inclusive_span_at_least,
    inclusive_span_min_end,
    submitted_in_time,
)


@pytest.fixture
def cal(monkeypatch):
    monkeypatch.delenv(cal_mod.ENV_DIRS, raising=False)
    return WorkingCalendar()


# --- working days -------------------------------------------------------------------------------

def test_seven_working_days_from_a_friday_decision(cal):
    d = add_working_days(date(2023, 3, 10), 7, cal)  # Friday
    assert d.due == date(2023, 3, 21)
    assert (d.counted_from, d.amount, d.unit, d.provisional) == (date(2023, 3, 10), 7, WORKING_DAY, False)
    assert "第二百零一条" in d.basis and "2023-03-10" in d.basis
    assert "国务院办公厅关于2023年部分节假日安排的通知" in d.basis
    assert "工作日" in d.basis and d.provisional_years == ()


def test_start_day_is_not_counted(cal):
    assert add_working_days(date(2023, 3, 13), 1, cal).due == date(2023, 3, 14)  # Monday -> Tuesday


@pytest.mark.parametrize("start,n,due", [
    (date(2023, 1, 19), 1, date(2023, 1, 20)),
    (date(2023, 1, 20), 1, date(2023, 1, 28)),  # adjusted Saturday counts
    (date(2023, 1, 20), 2, date(2023, 1, 29)),  # adjusted Sunday counts
    (date(2023, 1, 20), 3, date(2023, 1, 30)),
    (date(2023, 1, 22), 1, date(2023, 1, 28)),  # decided on a holiday
])
def test_spring_festival_2023(cal, start, n, due):
    assert add_working_days(start, n, cal).due == due


@pytest.mark.parametrize("start,n,due", [
    (date(2023, 4, 21), 1, date(2023, 4, 23)),  # Sunday 23 April is worked
    (date(2023, 4, 28), 1, date(2023, 5, 4)),
    (date(2023, 4, 28), 3, date(2023, 5, 6)),  # Saturday 6 May is worked
    (date(2023, 4, 28), 4, date(2023, 5, 8)),
])
def test_may_day_2023(cal, start, n, due):
    assert add_working_days(start, n, cal).due == due


@pytest.mark.parametrize("start,n,due", [
    (date(2023, 9, 27), 1, date(2023, 9, 28)),
    (date(2023, 9, 28), 1, date(2023, 10, 7)),
    (date(2023, 9, 28), 2, date(2023, 10, 8)),
    (date(2023, 9, 28), 3, date(2023, 10, 9)),
    (date(2023, 9, 28), 7, date(2023, 10, 13)),
])
def test_national_day_2023(cal, start, n, due):
    assert add_working_days(start, n, cal).due == due


@pytest.mark.parametrize("n", [0, -1])
def test_working_day_count_must_be_positive(cal, n):
    with pytest.raises(ValueError):
        add_working_days(date(2023, 3, 10), n, cal)


def test_count_into_a_year_without_arrangement_is_provisional(cal):
    d = add_working_days(date(2026, 12, 28), 7, cal)
    # 29, 30, 31 Dec; 1 Jan 2027 元旦 off; 2-3 Jan weekend; 4..7 Jan
    assert d.due == date(2027, 1, 7)
    assert d.provisional and d.provisional_years == (2027,)
    assert "临时" in d.basis and "2027年" in d.basis
    assert "Provisional" in d.basis_en


def test_count_ending_before_the_unknown_year_is_official(cal):
    d = add_working_days(date(2026, 12, 28), 3, cal)
    assert d.due == date(2026, 12, 31) and not d.provisional


def test_provisional_deadline_is_recomputed_once_the_year_is_loaded(tmp_path, monkeypatch):
    monkeypatch.delenv(cal_mod.ENV_DIRS, raising=False)
    (tmp_path / "2027.json").write_text(json.dumps({
        "year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知",
        "holidays": ["2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04"], "workdays": []}),
        encoding="utf-8")
    d = add_working_days(date(2026, 12, 28), 7, WorkingCalendar(extra_dirs=[tmp_path]))
    assert d.due == date(2027, 1, 8) and not d.provisional
    assert "国务院办公厅关于2027年部分节假日安排的通知" in d.basis


def test_explain_follows_caller_language(cal):
    import contextvars

    from govkit.i18n import set_language
    d = add_working_days(date(2023, 3, 10), 7, cal)

    def in_english():
        set_language("en")
        return d.explain()
    assert d.explain() == d.basis
    assert contextvars.copy_context().run(in_english).startswith("Civil Code Art. 201")


# --- calendar days ------------------------------------------------------------------------------

def test_calendar_days_ending_on_a_working_day_stay(cal):
    d = add_calendar_days(date(2023, 3, 1), 14, cal)
    assert d.due == date(2023, 3, 15) and d.unit == CALENDAR_DAY and not d.provisional
    assert "顺延" not in d.basis and "第二百零三条" in d.basis  # 24:00 rule still cited


def test_calendar_days_ending_on_a_holiday_move_to_next_working_day(cal):
    d = add_calendar_days(date(2023, 9, 20), 10, cal)  # day 10 = 30 Sep (国庆节)
    assert d.due == date(2023, 10, 7)  # adjusted working Saturday
    assert "第二百零三条" in d.basis and "2023-09-30" in d.basis and "2023-10-07" in d.basis


def test_calendar_days_ending_on_a_weekend_move_to_monday(cal):
    assert add_calendar_days(date(2023, 3, 1), 10, cal).due == date(2023, 3, 13)


def test_calendar_days_ending_on_an_adjusted_working_weekend_stay(cal):
    assert add_calendar_days(date(2023, 1, 13), 15, cal).due == date(2023, 1, 28)


def test_calendar_days_ending_in_unknown_year_are_provisional(cal):
    d = add_calendar_days(date(2026, 12, 22), 10, cal)  # 1 Jan 2027
    assert d.due == date(2027, 1, 4) and d.provisional


def test_calendar_days_within_known_year_are_not_provisional(cal):
    assert not add_calendar_days(date(2026, 12, 1), 10, cal).provisional


def test_calendar_day_count_must_be_positive(cal):
    with pytest.raises(ValueError):
        add_calendar_days(date(2023, 3, 1), 0, cal)


# --- months and years (第二百零二条) --------------------------------------------------------------

@pytest.mark.parametrize("start,n,expected", [
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2023, 3, 31), 1, date(2023, 4, 30)),
    (date(2023, 1, 15), 1, date(2023, 2, 15)),
    (date(2023, 8, 31), 6, date(2024, 2, 29)),
    (date(2023, 12, 31), 2, date(2024, 2, 29)),
    (date(2023, 11, 30), 3, date(2024, 2, 29)),
    (date(2023, 3, 31), -1, date(2023, 2, 28)),
    (date(2023, 1, 15), -1, date(2022, 12, 15)),
    (date(2023, 1, 15), 0, date(2023, 1, 15)),
])
def test_add_months(start, n, expected):
    assert add_months(start, n) == expected


@pytest.mark.parametrize("start,n,expected", [
    (date(2024, 2, 29), 1, date(2025, 2, 28)),
    (date(2024, 2, 29), 4, date(2028, 2, 29)),
    (date(2018, 6, 15), 5, date(2023, 6, 15)),
])
def test_add_years(start, n, expected):
    assert add_years(start, n) == expected


@pytest.mark.parametrize("as_of,years", [
    (date(2018, 6, 15), 0),
    (date(2019, 6, 14), 0),
    (date(2019, 6, 15), 1),
    (date(2023, 6, 14), 4),
    (date(2023, 6, 15), 5),  # the anniversary completes the 5th year (period ends 24:00)
    (date(2023, 6, 16), 5),
    (date(2017, 1, 1), 0),  # before the start
])
def test_completed_years_in_post(as_of, years):
    assert completed_years(date(2018, 6, 15), as_of) == years


def test_completed_years_from_29_february():
    assert completed_years(date(2020, 2, 29), date(2021, 2, 27)) == 0
    assert completed_years(date(2020, 2, 29), date(2021, 2, 28)) == 1
    assert completed_years(date(2020, 2, 29), date(2024, 2, 28)) == 3
    assert completed_years(date(2020, 2, 29), date(2024, 2, 29)) == 4


# --- spans with both dates counted ---------------------------------------------------------------

@pytest.mark.parametrize("start,end,months,ok", [
    (date(2023, 3, 1), date(2023, 8, 31), 6, True),  # 半年以上 includes exactly half a year
    (date(2023, 3, 1), date(2023, 8, 30), 6, False),
    (date(2023, 3, 15), date(2023, 9, 14), 6, True),
    (date(2023, 3, 15), date(2023, 9, 13), 6, False),
    (date(2023, 1, 31), date(2023, 2, 28), 1, True),
    (date(2023, 1, 31), date(2023, 2, 27), 1, False),
    (date(2024, 1, 31), date(2024, 2, 29), 1, True),
    (date(2024, 1, 31), date(2024, 2, 28), 1, False),
    (date(2023, 8, 31), date(2024, 2, 29), 6, True),
    (date(2023, 8, 31), date(2024, 2, 28), 6, False),
    (date(2023, 3, 1), date(2024, 2, 29), 12, True),
    (date(2023, 3, 1), date(2024, 2, 28), 12, False),
    (date(2023, 3, 1), date(2023, 3, 1), 1, False),
])
def test_inclusive_span_at_least(start, end, months, ok):
    assert inclusive_span_at_least(start, end, months=months) is ok


def test_inclusive_span_min_end_names_the_boundary():
    assert inclusive_span_min_end(date(2023, 3, 1), months=6) == date(2023, 8, 31)


def test_inclusive_span_rejects_reversed_dates_and_empty_periods():
    with pytest.raises(ValueError):
        inclusive_span_at_least(date(2023, 8, 31), date(2023, 3, 1), months=6)
    with pytest.raises(ValueError):
        inclusive_span_at_least(date(2023, 3, 1), date(2023, 8, 31), months=0)


# --- the instant a deadline ends (第二百零三条) -----------------------------------------------------

def test_online_deadline_ends_at_midnight_shanghai():
    end = deadline_instant(date(2023, 3, 21), "online")
    assert end.utcoffset() == timedelta(hours=8)
    assert end.replace(tzinfo=None) == datetime(2023, 3, 22, 0, 0)


def test_counter_deadline_ends_at_close_of_business():
    assert deadline_instant(date(2023, 3, 21), "counter").replace(tzinfo=None) == datetime(2023, 3, 21, 18, 0)
    custom = deadline_instant(date(2023, 3, 21), "counter", office_close=time(17, 30))
    assert custom.replace(tzinfo=None) == datetime(2023, 3, 21, 17, 30)


def test_unknown_channel_is_refused():
    with pytest.raises(ValueError):
        deadline_instant(date(2023, 3, 21), "fax")


@pytest.mark.parametrize("submitted,channel,ok", [
    (datetime(2023, 3, 21, 23, 59, 59, tzinfo=timezone(timedelta(hours=8))), "online", True),
    (datetime(2023, 3, 22, 0, 0, 0, tzinfo=timezone(timedelta(hours=8))), "online", False),
    (datetime(2023, 3, 21, 15, 59, 59, tzinfo=UTC), "online", True),
    (datetime(2023, 3, 21, 16, 0, 0, tzinfo=UTC), "online", False),
    (datetime(2023, 3, 21, 17, 59, 59, tzinfo=timezone(timedelta(hours=8))), "counter", True),
    (datetime(2023, 3, 21, 18, 0, 0, tzinfo=timezone(timedelta(hours=8))), "counter", False),
])
def test_submitted_in_time(submitted, channel, ok):
    assert submitted_in_time(submitted, date(2023, 3, 21), channel) is ok


def test_submitted_in_time_needs_aware_datetime():
    with pytest.raises(ValueError):
        submitted_in_time(datetime(2023, 3, 21, 12, 0), date(2023, 3, 21))


# --- dates at the edge of the calendar (years 1 to 9999) -------------------------------------------

@pytest.mark.parametrize("count", [
    lambda: add_working_days(date.max, 1),
    lambda: add_working_days(date(9999, 12, 20), 30),
    lambda: add_working_days(date(2023, 1, 1), 10**12),
    lambda: add_calendar_days(date.max, 1),
    lambda: add_months(date.max, 1),
    lambda: add_months(date.min, -1),
    lambda: add_years(date(9999, 1, 1), 1),
    lambda: inclusive_span_at_least(date(9999, 12, 1), date.max, months=1),
    lambda: deadline_instant(date.max),
])
def test_a_period_ending_outside_years_1_to_9999_is_a_rule_refusal_not_a_crash(count, cal):
    from govkit.rules.decision import RuleBroken
    from govkit.rules.periods import PeriodOutOfRange

    with pytest.raises(PeriodOutOfRange) as refused:
        count()
    assert isinstance(refused.value, RuleBroken) and refused.value.code == "date_out_of_range"
    assert "超出可计算的日期范围（公元1年至9999年）" in refused.value.zh


def test_the_refusal_names_the_start_and_the_period(cal):
    from govkit.rules.periods import PeriodOutOfRange

    with pytest.raises(PeriodOutOfRange) as refused:
        add_working_days(date(9999, 12, 30), 7, cal)
    assert refused.value.zh == "自9999-12-30起计算7个工作日的期间超出可计算的日期范围（公元1年至9999年），请检查日期"
    assert refused.value.facts == {"start": "9999-12-30", "amount": 7, "unit": WORKING_DAY}


def test_periods_up_to_the_last_countable_day_still_work(cal):
    assert add_months(date(9999, 11, 30), 1) == date(9999, 12, 30)
    assert add_calendar_days(date(9999, 12, 1), 30, cal).due == date(9999, 12, 31)
    assert add_months(date(1, 2, 28), -1) == date(1, 1, 28)
