from datetime import date

from anyang_credit.domain.records import (
    catalogue_check,
    coverage_gaps,
    fingerprint,
    reporting_periods,
    validate_record,
)

TODAY = date(2023, 6, 1)


def test_a_decision_dated_today_is_accepted_and_tomorrow_refused():
    assert validate_record(category="administrative_license", decision_date=TODAY, severity=None, today=TODAY) == []
    errors = validate_record(category="administrative_license", decision_date=date(2023, 6, 2), severity=None,
                             today=TODAY)
    assert [e.code for e in errors] == ["in_future"]


def test_only_penalties_carry_a_severity_and_they_must():
    assert [e.code for e in validate_record(category="administrative_penalty", decision_date=TODAY,
                                            severity=None, today=TODAY)] == ["required"]
    assert [e.code for e in validate_record(category="administrative_license", decision_date=TODAY,
                                            severity="minor", today=TODAY)] == ["not_applicable"]
    assert validate_record(category="administrative_penalty", decision_date=TODAY, severity="serious",
                           today=TODAY) == []


def test_the_fingerprint_ignores_surrounding_blanks_and_field_order_but_not_content():
    a = {"subject_code": "s", "category": "tax", "decision_date": TODAY, "title": "t ", "fields": {"a": "1", "b": "2"}}
    b = {"subject_code": "s", "category": "tax", "decision_date": TODAY, "title": "t", "fields": {"b": "2", "a": "1"}}
    assert fingerprint(a) == fingerprint(b)
    assert fingerprint(a) != fingerprint(b | {"title": "u"})


def test_the_catalogue_requires_its_fields_present_and_not_blank():
    values = {"title": "x", "legal_basis": " ", "fields": {"punishment_type": "罚款"}}
    errors = catalogue_check(["title", "legal_basis", "punishment_type", "amount_basis"], values)
    assert [e.field for e in errors] == ["legal_basis", "fields.amount_basis"]


def test_a_gap_is_a_reporting_period_of_the_items_frequency_without_a_record():
    march = (date(2023, 3, 1), date(2023, 3, 31))
    out = coverage_gaps({"scjg": {"administrative_penalty": "realtime", "administrative_license": "weekly"},
                         "sw": {"tax": "monthly"}},
                        {("scjg", "administrative_license"): {date(2023, 3, 6): 2, date(2023, 3, 14): 1},
                         ("sw", "tax"): {date(2023, 3, 31): 1}, ("zy", "judicial"): {date(2023, 3, 1): 9}}, *march)
    scjg = out["scjg"]
    assert scjg["counts"] == {"administrative_license": 3, "administrative_penalty": 0}
    assert scjg["gaps"] == ["administrative_license", "administrative_penalty"] and not scjg["complete"]
    assert scjg["missing"]["administrative_penalty"] == [march]
    # weeks of March 2023 (Monday–Sunday, clipped): 1–5, 6–12, 13–19, 20–26, 27–31; reported in two of them
    assert scjg["missing"]["administrative_license"] == [(date(2023, 3, 1), date(2023, 3, 5)),
                                                         (date(2023, 3, 20), date(2023, 3, 26)),
                                                         (date(2023, 3, 27), date(2023, 3, 31))]
    assert out["sw"]["complete"] is True and "zy" not in out


def test_reporting_periods_follow_the_calendar_and_are_clipped_to_the_period():
    assert reporting_periods("quarterly", date(2023, 2, 15), date(2023, 7, 1)) == [
        (date(2023, 2, 15), date(2023, 3, 31)), (date(2023, 4, 1), date(2023, 6, 30)),
        (date(2023, 7, 1), date(2023, 7, 1))]
    assert reporting_periods("yearly", date(2023, 12, 30), date(2024, 1, 2)) == [
        (date(2023, 12, 30), date(2023, 12, 31)), (date(2024, 1, 1), date(2024, 1, 2))]
    assert len(reporting_periods("daily", date(2024, 2, 1), date(2024, 2, 29))) == 29


