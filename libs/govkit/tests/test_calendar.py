import json
import os
from datetime import date

import pytest

from govkit.rules import calendar as cal_mod
from govkit.rules.calendar import CalendarDataError, WorkingCalendar, default_calendar


@pytest.fixture
def cal(monkeypatch):
    monkeypatch.delenv(cal_mod.ENV_DIRS, raising=False)
    return WorkingCalendar()


def write_year(directory, year, holidays=(), workdays=(), source=None, name=None):
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / (name or f"{year}.json")
    path.write_text(json.dumps({
        "year": year, "source": source or f"国务院办公厅关于{year}年部分节假日安排的通知",
        "holidays": list(holidays), "workdays": list(workdays)}, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("day", [date(2023, 1, d) for d in range(21, 28)])
def test_spring_festival_2023_days_are_off(cal, day):
    assert not cal.is_working_day(day)


@pytest.mark.parametrize("day", [date(2023, 1, 28), date(2023, 1, 29)])
def test_spring_festival_2023_adjusted_weekend_is_worked(cal, day):
    info = cal.day_info(day)
    assert info.working and info.reason == "adjusted_workday" and info.official


def test_days_around_spring_festival_2023_are_ordinary_working_days(cal):
    assert cal.is_working_day(date(2023, 1, 20))
    assert cal.is_working_day(date(2023, 1, 30))


@pytest.mark.parametrize("day,working", [
    (date(2023, 4, 23), True),  # Sunday, adjusted
    (date(2023, 4, 28), True),
    (date(2023, 4, 29), False),
    (date(2023, 5, 1), False),
    (date(2023, 5, 3), False),
    (date(2023, 5, 4), True),
    (date(2023, 5, 6), True),  # Saturday, adjusted
    (date(2023, 5, 7), False),
])
def test_may_day_2023(cal, day, working):
    assert cal.is_working_day(day) is working


@pytest.mark.parametrize("day,working", [
    (date(2023, 9, 28), True),
    (date(2023, 9, 29), False),  # 中秋节
    (date(2023, 10, 2), False),
    (date(2023, 10, 6), False),
    (date(2023, 10, 7), True),  # Saturday, adjusted
    (date(2023, 10, 8), True),  # Sunday, adjusted
    (date(2023, 10, 9), True),
])
def test_national_day_2023(cal, day, working):
    assert cal.is_working_day(day) is working


def test_ordinary_weekend_is_off_and_weekday_is_worked(cal):
    assert cal.day_info(date(2023, 3, 4)).reason == "weekend"
    assert not cal.is_working_day(date(2023, 3, 5))
    assert cal.day_info(date(2023, 3, 6)).reason == "workday"


def test_library_years_are_official_with_their_notice(cal):
    assert cal.is_official(2023) and cal.is_official(2026)
    assert {2023, 2024, 2025, 2026} <= set(cal.known_years())
    assert "国务院办公厅关于2023年部分节假日安排的通知" in cal.arrangement_source(2023)


def test_year_without_arrangement_is_provisional(cal):
    assert not cal.is_official(2027)
    assert 2027 not in cal.known_years()
    assert cal.arrangement_source(2027) is None
    info = cal.day_info(date(2027, 3, 1))
    assert info.working and not info.official and "临时" in info.source


@pytest.mark.parametrize("day", [date(2027, 1, 1), date(2027, 10, 1), date(2027, 10, 3),
                                 date(2028, 5, 1), date(2028, 5, 2)])
def test_provisional_rule_keeps_fixed_date_holidays(cal, day):
    info = cal.day_info(day)
    assert not info.working and info.reason == "fixed_holiday" and not info.official


@pytest.mark.parametrize("day,working", [
    (date(2027, 1, 2), False),  # Saturday
    (date(2027, 2, 8), True),  # 春节 2027 falls on lunar dates: not known provisionally
    (date(2027, 5, 3), True),  # no make-up day in the provisional rule
    (date(2027, 10, 4), True),
    (date(2028, 5, 3), True),
])
def test_provisional_rule_is_weekends_and_fixed_dates_only(cal, day, working):
    assert cal.is_working_day(day) is working


def test_data_file_makes_a_year_official(tmp_path, monkeypatch):
    monkeypatch.delenv(cal_mod.ENV_DIRS, raising=False)
    write_year(tmp_path, 2027, holidays=["2027-01-01", "2027-02-08", "2027-02-09"], workdays=["2027-02-20"],
               source="国务院办公厅关于2027年部分节假日安排的通知")
    cal = WorkingCalendar(extra_dirs=[tmp_path])
    assert cal.is_official(2027) and 2027 in cal.known_years()
    assert cal.arrangement_source(2027) == "国务院办公厅关于2027年部分节假日安排的通知"
    assert not cal.is_working_day(date(2027, 2, 8))
    assert cal.is_working_day(date(2027, 2, 20))  # Saturday worked
    assert not cal.is_working_day(date(2027, 2, 21))  # other weekends stay off
    # the file is the whole arrangement: the provisional fixed dates no longer apply to 2027
    assert cal.is_working_day(date(2027, 10, 1))


def test_data_file_overrides_library_for_its_year(tmp_path, monkeypatch):
    monkeypatch.delenv(cal_mod.ENV_DIRS, raising=False)
    write_year(tmp_path, 2023, holidays=["2023-03-06"], source="测试安排")
    cal = WorkingCalendar(extra_dirs=[tmp_path])
    assert not cal.is_working_day(date(2023, 3, 6))
    assert cal.is_working_day(date(2023, 1, 27))  # library's holiday no longer applies
    assert cal.arrangement_source(2023) == "测试安排"


def test_env_directories_are_loaded_and_later_directory_wins(tmp_path, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    write_year(a, 2027, holidays=["2027-03-01"], source="A")
    write_year(b, 2027, holidays=["2027-03-02"], source="B")
    write_year(b, 2028, source="B2028")
    monkeypatch.setenv(cal_mod.ENV_DIRS, os.pathsep.join([str(a), str(b)]))
    cal = WorkingCalendar()
    assert cal.arrangement_source(2027) == "B"
    assert cal.is_working_day(date(2027, 3, 1)) and not cal.is_working_day(date(2027, 3, 2))
    assert cal.is_official(2028)


def test_constructor_directory_overrides_env(tmp_path, monkeypatch):
    env_dir, arg_dir = tmp_path / "env", tmp_path / "arg"
    write_year(env_dir, 2027, source="env")
    write_year(arg_dir, 2027, source="arg")
    monkeypatch.setenv(cal_mod.ENV_DIRS, str(env_dir))
    assert WorkingCalendar(extra_dirs=[arg_dir]).arrangement_source(2027) == "arg"


def test_bundled_data_has_no_unofficial_2027(monkeypatch):
    monkeypatch.delenv(cal_mod.ENV_DIRS, raising=False)
    assert not WorkingCalendar(use_library=False).is_official(2027)
    assert not list(cal_mod.BUNDLED_DIR.glob("2027*.json"))


def test_default_calendar_is_cached_and_reloadable(monkeypatch, tmp_path):
    monkeypatch.delenv(cal_mod.ENV_DIRS, raising=False)
    default_calendar.cache_clear()
    try:
        first = default_calendar()
        assert default_calendar() is first and not first.is_official(2027)
        write_year(tmp_path, 2027)
        monkeypatch.setenv(cal_mod.ENV_DIRS, str(tmp_path))
        default_calendar.cache_clear()
        assert default_calendar().is_official(2027)
    finally:
        monkeypatch.delenv(cal_mod.ENV_DIRS, raising=False)
        default_calendar.cache_clear()


def test_next_working_day_skips_holidays(cal):
    assert cal.next_working_day(date(2023, 1, 20)) == date(2023, 1, 28)
    assert cal.next_working_day(date(2023, 3, 6)) == date(2023, 3, 7)


@pytest.mark.parametrize("content,message", [
    ("{not json", "cannot read"),
    ("[]", "JSON object"),
    ('{"year": 2027, "source": "x", "holidays": []}', "missing key(s) workdays"),
    ('{"year": "2027", "source": "x", "holidays": [], "workdays": []}', "'year' must be an integer"),
    ('{"year": 2027, "source": " ", "holidays": [], "workdays": []}', "'source'"),
    ('{"year": 2027, "source": "x", "holidays": "2027-01-01", "workdays": []}', "must be a list"),
    ('{"year": 2027, "source": "x", "holidays": ["2027-02-30"], "workdays": []}', "not a valid date"),
    ('{"year": 2027, "source": "x", "holidays": [20270101], "workdays": []}', "must be a string"),
    ('{"year": 2027, "source": "x", "holidays": ["2026-12-31"], "workdays": []}', "not in year 2027"),
    ('{"year": 2027, "source": "x", "holidays": ["2027-01-02"], "workdays": ["2027-01-02"]}',
     "both as holiday and as workday: 2027-01-02"),
])
def test_malformed_data_file_is_refused_with_reason(tmp_path, content, message):
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    with pytest.raises(CalendarDataError, match="bad.json") as exc:
        WorkingCalendar(extra_dirs=[tmp_path], include_env=False)
    assert message in str(exc.value)


def test_two_files_for_one_year_in_one_directory_are_refused(tmp_path):
    write_year(tmp_path, 2027, name="a.json")
    write_year(tmp_path, 2027, name="b.json")
    with pytest.raises(CalendarDataError, match="already defined"):
        WorkingCalendar(extra_dirs=[tmp_path], include_env=False)


def test_missing_directory_is_refused(tmp_path):
    with pytest.raises(CalendarDataError, match="does not exist"):
        WorkingCalendar(extra_dirs=[tmp_path / "nope"], include_env=False)
