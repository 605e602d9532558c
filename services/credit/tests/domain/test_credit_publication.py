from datetime import date

import pytest

from anyang_credit.domain.publication import no_deadline_reason, overdue_status, record_publication_due
from anyang_credit.domain.vocab import EIGHT_ADDED, RecordCategory
from anyang_credit.rules import default_parameters

PARAMS = default_parameters()
PENALTY = "administrative_penalty"


def publication_due(decision: date, category: str = "administrative_enforcement"):
    return record_publication_due(category, decision, PARAMS)


@pytest.mark.parametrize(("decision", "due"), [
    # Spring Festival 2023: 1-21..1-27 off, 1-28 (Sat) and 1-29 (Sun) adjusted working days
    (date(2023, 1, 19), date(2023, 2, 2)),
    (date(2023, 1, 20), date(2023, 2, 3)),
    (date(2023, 1, 23), date(2023, 2, 3)),  # decided during the holiday
    (date(2023, 1, 28), date(2023, 2, 6)),  # decided on the adjusted working Saturday
    # Mid-Autumn + National Day 2023: 9-29..10-6 off, 10-7 and 10-8 (weekend) working
    (date(2023, 9, 28), date(2023, 10, 13)),
    # an ordinary week: Mon 2023-03-06 → Wed 2023-03-15
    (date(2023, 3, 6), date(2023, 3, 15)),
])
def test_due_is_seventh_working_day_after_decision(decision, due):
    deadline = publication_due(decision, PENALTY)  # 双公示: in force before CP too
    assert deadline.due == due
    assert deadline.provisional is False
    assert deadline.counted_from == decision and deadline.amount == 7
    assert "安政〔2023〕2号 二（一）1" in deadline.basis


def test_a_rule_applies_from_the_date_its_document_was_issued():
    """CP was issued 2023-02-18: an eight-added category decided the day before owes no deadline under CP,
    while a penalty keeps its deadline under the national 双公示 rule (spec credit.md)."""
    before = date(2023, 2, 17)
    assert publication_due(before) is None
    assert "2023-02-18" in no_deadline_reason("administrative_enforcement", before, PARAMS)
    assert publication_due(date(2023, 2, 18)).due == date(2023, 2, 28)
    penalty = publication_due(before, PENALTY)
    assert penalty.due == date(2023, 2, 28) and "双公示" in penalty.basis
    assert no_deadline_reason(PENALTY, before, PARAMS) is None


def test_licence_and_penalty_deadline_is_an_interpretation():
    deadline = publication_due(date(2023, 3, 6), PENALTY)
    assert deadline.due == date(2023, 3, 15)
    assert "Interpretation" in deadline.basis


@pytest.mark.parametrize("category", sorted(EIGHT_ADDED))
def test_every_added_category_has_the_deadline(category):
    assert publication_due(date(2023, 3, 6), category).due == date(2023, 3, 15)


@pytest.mark.parametrize("category", ["commitment", "list_entry", "tax", "judicial", "dishonesty"])
def test_categories_outside_ten_publications_have_no_deadline(category):
    assert publication_due(date(2023, 3, 6), category) is None
    assert no_deadline_reason(category, date(2023, 3, 6), PARAMS) is None


def test_due_in_a_year_without_official_arrangement_is_provisional():
    assert publication_due(date(2099, 3, 2)).provisional is True


DUE = date(2023, 2, 2)


def test_published_on_due_date_is_on_time():
    d = overdue_status(DUE, date(2023, 1, 20), DUE, date(2023, 3, 1))
    assert not d and d.outcome == "on_time"


def test_published_day_after_due_is_overdue():
    d = overdue_status(DUE, date(2023, 1, 20), date(2023, 2, 3), date(2023, 3, 1))
    assert d and d.outcome == "overdue_published_late" and d.facts["days_late"] == 1


def test_reported_after_due_is_overdue_even_if_published_same_day():
    d = overdue_status(DUE, date(2023, 2, 3), date(2023, 2, 3), date(2023, 2, 3))
    assert d.value and d.outcome == "overdue_reported_late"


def test_reported_on_due_date_and_published_then_is_on_time():
    assert overdue_status(DUE, DUE, DUE, DUE).outcome == "on_time"


def test_unpublished_on_due_date_is_still_pending():
    d = overdue_status(DUE, date(2023, 1, 20), None, DUE)
    assert not d and d.outcome == "pending"


def test_unpublished_past_due_is_overdue():
    d = overdue_status(DUE, date(2023, 1, 20), None, date(2023, 2, 3))
    assert d and d.outcome == "overdue_unpublished" and d.facts["days_late"] == 1
    assert "通报" in d.basis


def test_overdue_status_accepts_a_deadline_and_reports_facts():
    deadline = publication_due(date(2023, 1, 19), PENALTY)
    d = overdue_status(deadline, date(2023, 1, 19), None, date(2023, 2, 10),
                       category=RecordCategory.ADMINISTRATIVE_PENALTY)
    assert d.facts["due"] == "2023-02-02" and d.facts["provisional"] is False
    assert "Interpretation" in d.basis


def test_no_deadline_is_never_overdue():
    assert overdue_status(None, date(2023, 1, 1), None, date(2024, 1, 1)).outcome == "no_deadline"
