"""Publication deadline of the 十公示 records and the overdue check (CP 二（一）1)."""

from __future__ import annotations

import dataclasses
from datetime import date

from govkit.rules.params import NotInForce, ParameterSet, ParamValue
from govkit.rules.periods import Deadline, add_working_days

from .decision import Decision, iso
from .vocab import CP, DOUBLE_PUBLICATION, EIGHT_ADDED, TEN_PUBLICATIONS, RecordCategory

BASIS_EIGHT = f"{CP} 二（一）1"
BASIS_DOUBLE = (f"{CP} 二（一）1; Interpretation: the national 双公示 rule sets the same 7 working days "
                "for 行政许可、行政处罚, counted 自作出行政决定之日起")
BASIS_NOTICE = f"{CP} 二（一）1: 建立信用信息归集通报制度、约谈、督促整改"
# the working days of each group, dated from the document that set them (parameters.yaml)
PARAM_EIGHT = "credit.publication.working_days"
PARAM_DOUBLE = "credit.publication.working_days.double_publication"


def publication_basis(category: RecordCategory | str) -> str | None:
    """Article behind a category's deadline; None for categories outside the 十公示."""
    category = RecordCategory(category)
    if category in EIGHT_ADDED:
        return BASIS_EIGHT
    if category in DOUBLE_PUBLICATION:
        return BASIS_DOUBLE
    return None


def publication_rule(category: RecordCategory | str, decision_date: date, params: ParameterSet) -> ParamValue | None:
    """The working days in force on the decision date for the category's group, or None: a category outside
    the 十公示, or a decision made before the rule's document was issued (a rule applies from its date: an
    eight-added category decided before CP, 2023-02-18, owes no deadline under CP)."""
    category = RecordCategory(category)
    if category not in TEN_PUBLICATIONS:
        return None
    try:
        return params.at(PARAM_DOUBLE if category in DOUBLE_PUBLICATION else PARAM_EIGHT, decision_date)
    except NotInForce:
        return None


def no_deadline_reason(category: RecordCategory | str, decision_date: date, params: ParameterSet) -> str | None:
    """Why a 十公示 record has no deadline (decided before its rule was in force); None otherwise."""
    category = RecordCategory(category)
    if category not in TEN_PUBLICATIONS or publication_rule(category, decision_date, params) is not None:
        return None
    name = PARAM_DOUBLE if category in DOUBLE_PUBLICATION else PARAM_EIGHT
    first = params.describe(name).values[0]
    return (f"决定日期{decision_date}早于{first.valid_from}（{first.reference}），该规定尚未施行，无公开期限 / "
            f"decided on {decision_date}, before the rule took effect on {first.valid_from}: no deadline")


def publication_due(decision_date: date, calendar=None, *, rule: ParamValue) -> Deadline:
    """Last day to publish a 十公示 record: `rule` working days after the decision date (start day not
    counted); the basis names the rule that applied."""
    deadline = add_working_days(decision_date, int(rule.value), calendar)
    return dataclasses.replace(deadline, basis=f"{rule.reference}；{deadline.basis}",
                               basis_en=f"{rule.reference}; {deadline.basis_en or deadline.basis}")


def record_publication_due(category: RecordCategory | str, decision_date: date, params: ParameterSet,
                           calendar=None) -> Deadline | None:
    """The deadline of a record, or None (outside the 十公示, or decided before its rule: `publication_rule`)."""
    rule = publication_rule(category, decision_date, params)
    if rule is None:
        return None
    return publication_due(decision_date, calendar, rule=rule)


def overdue_status(due: date | Deadline | None, reported_on: date | None, published_on: date | None,
                   today: date, *, category: RecordCategory | str | None = None) -> Decision:
    """Is the record overdue? (`value` True = overdue.)

    Overdue when reported after the due date, published after it, or still unpublished once it has passed.
    The due date itself is on time (a period ends at 24:00 of its last day, 民法典 第二百零三条).
    Outcomes: no_deadline, on_time, pending, overdue_reported_late, overdue_published_late,
    overdue_unpublished.
    """
    basis = (publication_basis(category) if category is not None else None) or BASIS_EIGHT
    provisional = isinstance(due, Deadline) and due.provisional
    due_date = due.due if isinstance(due, Deadline) else due
    facts = {"due": iso(due_date), "reported_on": iso(reported_on), "published_on": iso(published_on),
             "today": iso(today), "provisional": provisional}
    if due_date is None:
        return Decision(False, "no_deadline", basis, facts,
                        "该类信息不属于“十公示”，无公开期限", "Not one of the 十公示 categories: no deadline")
    late_days = None
    if reported_on is not None and reported_on > due_date:
        outcome, zh, en = ("overdue_reported_late", f"报送日期{reported_on}晚于公开期限{due_date}",
                           f"Reported on {reported_on}, after the due date {due_date}")
        late_days = (reported_on - due_date).days
    elif published_on is not None and published_on > due_date:
        outcome, zh, en = ("overdue_published_late", f"公开日期{published_on}晚于公开期限{due_date}",
                           f"Published on {published_on}, after the due date {due_date}")
        late_days = (published_on - due_date).days
    elif published_on is None and today > due_date:
        outcome, zh, en = ("overdue_unpublished", f"公开期限{due_date}已过仍未公开",
                           f"Still unpublished after the due date {due_date}")
        late_days = (today - due_date).days
    elif published_on is not None:
        return Decision(False, "on_time", basis, facts, f"已于{published_on}按期公开",
                        f"Published on time on {published_on}")
    else:
        return Decision(False, "pending", basis, facts, f"尚未公开，期限为{due_date}",
                        f"Not yet published; due {due_date}")
    # a late report is named first: it is what made the record late, whatever the publication date
    return Decision(True, outcome, f"{basis}; {BASIS_NOTICE}", {**facts, "days_late": late_days}, zh, en)
