"""Round procedure (安政办〔2023〕4号 第十五条–第二十条, 第二十五条) and credit-event effects."""

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from anyang_awards.domain.errors import ProcedureError
from anyang_awards.domain.procedure import (
    Meeting,
    ObjectionFinding,
    ProcedureFacts,
    RoundState,
    decide_objection,
    objection_in_time,
    on_blacklist_added,
    on_blacklist_removed,
    public_notice_end,
    revoke_honour,
    transition,
)
from govkit.rules.periods import SHANGHAI

S = RoundState
FACTS = ProcedureFacts(
    as_of=date(2023, 7, 1),
    application_deadline=date(2023, 6, 30),
    leading_group_meeting=Meeting(date(2023, 9, 5), "领导小组成员会议纪要〔2023〕1号"),
    executive_meeting=Meeting(date(2023, 9, 20), "市政府常务会议纪要第12次"),
    standing_committee_meeting=Meeting(date(2023, 9, 27), "市委常委会议纪要第30次"),
)


def test_the_whole_procedure_in_order():
    steps = list(S)
    for cur, nxt in zip(steps, steps[1:], strict=False):
        facts = (
            FACTS
            if nxt is not S.PUBLISHED
            else replace(FACTS, as_of=date(2023, 10, 13), notice_end=date(2023, 10, 12))
        )
        t = transition(cur, nxt, facts)
        assert (t.from_state, t.to_state) == (cur, nxt)


@pytest.mark.parametrize(
    ("cur", "target"),
    [
        (S.ANNOUNCED, S.COUNTY_REVIEW),  # skipping applications
        (S.DEPARTMENT_REVIEW, S.CITY_EXAMINATION),  # skipping the preliminary opinion
        (S.PUBLIC_NOTICE, S.CITY_EXAMINATION),  # backwards
        (S.COUNTY_REVIEW, S.COUNTY_REVIEW),
    ],
)
def test_only_the_next_step_is_allowed(cur, target):
    with pytest.raises(ProcedureError) as e:
        transition(cur, target, FACTS)
    assert e.value.zh and e.value.en and e.value.basis.startswith("安政办〔2023〕4号")


def test_nothing_follows_publication():
    with pytest.raises(ProcedureError) as e:
        transition(S.PUBLISHED, S.PUBLIC_NOTICE, FACTS)
    assert e.value.basis == "安政办〔2023〕4号 第二十五条"


def test_county_review_starts_only_after_the_application_deadline_day():
    with pytest.raises(ProcedureError):
        transition(S.APPLICATIONS_OPEN, S.COUNTY_REVIEW, replace(FACTS, as_of=date(2023, 6, 30)))
    assert transition(S.APPLICATIONS_OPEN, S.COUNTY_REVIEW, replace(FACTS, as_of=date(2023, 7, 1)))


def test_department_review_needs_every_county_decision():
    with pytest.raises(ProcedureError) as e:
        transition(S.COUNTY_REVIEW, S.DEPARTMENT_REVIEW, replace(FACTS, pending_county_reviews=2))
    assert e.value.basis == "安政办〔2023〕4号 第十七条"


def test_preliminary_opinion_needs_every_department_opinion():
    with pytest.raises(ProcedureError):
        transition(S.DEPARTMENT_REVIEW, S.PRELIMINARY_OPINION, replace(FACTS, pending_department_opinions=1))


def test_city_examination_needs_the_leading_group_meeting():
    with pytest.raises(ProcedureError) as e:
        transition(S.PRELIMINARY_OPINION, S.CITY_EXAMINATION, replace(FACTS, leading_group_meeting=None))
    assert e.value.basis == "安政办〔2023〕4号 第十八条"


@pytest.mark.parametrize("missing", ["executive_meeting", "standing_committee_meeting"])
def test_public_notice_needs_both_city_meetings(missing):
    with pytest.raises(ProcedureError) as e:
        transition(S.CITY_EXAMINATION, S.PUBLIC_NOTICE, replace(FACTS, **{missing: None}))
    assert e.value.basis == "安政办〔2023〕4号 第十九条"


def test_notice_runs_7_working_days_from_the_later_meeting_across_national_day():
    t = transition(S.CITY_EXAMINATION, S.PUBLIC_NOTICE, FACTS)
    # approved 2023-09-27 (not counted): 9-28; 9-29..10-6 holiday; 10-7, 10-8 调休上班; 10-9..10-12
    assert t.final_approval_date == date(2023, 9, 27)
    assert t.notice_end.due == date(2023, 10, 12) and t.notice_end.provisional is False
    assert t.facts["notice_end"] == "2023-10-12"


def test_notice_end_on_ordinary_weeks():
    assert public_notice_end(date(2023, 11, 1)).due == date(2023, 11, 10)  # Wed → Fri of next week


def test_publishing_waits_for_the_end_of_the_notice():
    facts = replace(FACTS, notice_end=date(2023, 10, 12), as_of=date(2023, 10, 12))
    with pytest.raises(ProcedureError) as e:
        transition(S.PUBLIC_NOTICE, S.PUBLISHED, facts)
    assert e.value.basis == "安政办〔2023〕4号 第二十条"
    assert transition(S.PUBLIC_NOTICE, S.PUBLISHED, replace(facts, as_of=date(2023, 10, 13)))


def test_publishing_waits_for_every_objection_to_be_decided():
    facts = replace(FACTS, notice_end=date(2023, 10, 12), as_of=date(2023, 10, 20), open_objections=1)
    with pytest.raises(ProcedureError) as e:
        transition(S.PUBLIC_NOTICE, S.PUBLISHED, facts)
    assert e.value.basis == "安政办〔2023〕4号 第二十五条"


# ---------------------------------------------------------------- objections


def _at(d, hh, mm, ss=0):
    return datetime.combine(d, time(hh, mm, ss), tzinfo=SHANGHAI)


def test_online_objection_counts_until_24_00_of_the_last_day():
    last = date(2023, 10, 12)
    assert objection_in_time(_at(last, 23, 59, 59), "online", last).accepted is True
    assert objection_in_time(_at(date(2023, 10, 13), 0, 0), "online", last).accepted is False


def test_counter_objection_counts_until_office_closing():
    last = date(2023, 10, 12)
    assert objection_in_time(_at(last, 17, 59), "counter", last).accepted is True
    late = objection_in_time(_at(last, 18, 0), "counter", last)
    assert late.accepted is False and "第二百零三条" in late.basis


@pytest.mark.parametrize(
    ("finding", "disqualify"),
    [("fraud", True), ("infringement", True), ("unfounded", False), ("other", False)],
)
def test_objection_outcome(finding, disqualify):
    d = decide_objection(finding)
    assert d.disqualify is disqualify and d.basis == "安政办〔2023〕4号 第二十五条"


def test_honour_is_revoked_only_after_publication_and_only_for_fraud_or_infringement():
    assert (
        revoke_honour(S.PUBLISHED, ObjectionFinding.FRAUD, "申报数据造假").finding is ObjectionFinding.FRAUD
    )
    with pytest.raises(ProcedureError):
        revoke_honour(S.PUBLIC_NOTICE, ObjectionFinding.FRAUD, "x")
    with pytest.raises(ProcedureError):
        revoke_honour(S.PUBLISHED, ObjectionFinding.UNFOUNDED, "x")
    with pytest.raises(ProcedureError):
        revoke_honour(S.PUBLISHED, ObjectionFinding.INFRINGEMENT, "  ")


# ---------------------------------------------------------------- credit events


def test_blacklist_added_disqualifies_until_publication():
    assert on_blacklist_added("major_tax_violation", S.PUBLIC_NOTICE).change is True
    assert on_blacklist_added("major_tax_violation", S.PUBLISHED).change is False
    assert on_blacklist_added("wage_arrears", S.COUNTY_REVIEW).change is False  # not an Art. 2 list


@pytest.mark.parametrize(
    ("reason", "state", "restore"),
    [
        ("revocation", S.PUBLIC_NOTICE, True),  # wrongly made: any stage before publication
        ("revocation", S.PUBLISHED, False),
        ("repair", S.CITY_EXAMINATION, True),  # ended: only before the public notice
        ("repair", S.PUBLIC_NOTICE, False),
        ("expiry", S.DEPARTMENT_REVIEW, True),
        ("expiry", S.PUBLIC_NOTICE, False),
    ],
)
def test_blacklist_removed_restores_by_reason_and_stage(reason, state, restore):
    assert on_blacklist_removed(reason, state).change is restore
