from datetime import date

import pytest

from anyang_credit.domain.decision import RuleBroken
from anyang_credit.domain.lists import ListEntry, is_effective
from anyang_credit.domain.repair import (
    RepairableRecord,
    decider_for,
    department_initiated,
    end_entry_on_approval,
    entry_repair_eligibility,
    free_of_charge,
    publication_end_on_approval,
    repair_eligibility,
    submit_application,
    transition,
)
from anyang_credit.domain.vocab import ListCode, RemovalReason, RepairStatus
from anyang_credit.rules import default_parameters

SUBJECT = "91410500MA00000001"

PARAMS = default_parameters()


def penalty(severity="minor", decided=date(2023, 1, 31)):
    return RepairableRecord("P1", SUBJECT, "administrative_penalty", decided, "scjg", severity)


def test_minor_penalty_earliest_date_is_end_of_month_three_months_later():
    refused = repair_eligibility(penalty("minor"), date(2023, 4, 29), PARAMS)
    assert not refused and refused.outcome == "minimum_period_not_served"
    assert refused.facts["earliest_date"] == "2023-04-30"
    assert refused.facts["minimum_period_months"] == 3
    assert "2023-04-30" in refused.reason_zh and "3个月" in refused.reason_zh
    assert "第58号" in refused.basis
    assert repair_eligibility(penalty("minor"), date(2023, 4, 30), PARAMS).value is True


def test_general_penalty_uses_three_months_too():
    assert repair_eligibility(penalty("general", date(2023, 3, 15)), date(2023, 6, 14), PARAMS).value is False
    assert repair_eligibility(penalty("general", date(2023, 3, 15)), date(2023, 6, 15), PARAMS).value is True


def test_serious_penalty_needs_one_year():
    refused = repair_eligibility(penalty("serious", date(2023, 3, 15)), date(2024, 3, 14), PARAMS)
    assert refused.facts["earliest_date"] == "2024-03-15" and refused.facts["minimum_period_months"] == 12
    assert repair_eligibility(penalty("serious", date(2023, 3, 15)), date(2024, 3, 15), PARAMS).value is True


def test_serious_penalty_on_29_february_ends_on_28_february():
    refused = repair_eligibility(penalty("serious", date(2024, 2, 29)), date(2025, 2, 27), PARAMS)
    assert refused.facts["earliest_date"] == "2025-02-28"


def test_non_penalty_negative_record_has_no_minimum_period():
    record = RepairableRecord("B1", SUBJECT, "commitment_breached", date(2023, 5, 1), "gxj")
    assert repair_eligibility(record, date(2023, 5, 2), PARAMS).value is True


def test_positive_record_is_not_repairable():
    record = RepairableRecord("R1", SUBJECT, "administrative_reward", date(2023, 5, 1), "gxj")
    assert repair_eligibility(record, date(2023, 5, 2), PARAMS).outcome == "not_repairable"


def entry():
    return ListEntry("E1", SUBJECT, ListCode.SERIOUS_ILLEGAL_DISHONEST, "scjg",
                     "市场监督管理严重违法失信名单管理办法", "安市监列〔2023〕1号",
                     date(2023, 3, 1), date(2026, 3, 1))


def test_decider_is_the_records_department_or_the_lists_authority():
    assert decider_for(RepairableRecord("X", SUBJECT, "dishonesty", date(2023, 1, 1), "zjj")) == "zjj"
    assert decider_for(entry()) == "scjg"


def test_entry_repair_only_while_effective():
    assert entry_repair_eligibility(entry(), date(2023, 6, 1)).value is True
    assert entry_repair_eligibility(entry(), date(2026, 3, 1)).outcome == "not_effective"


def _submit(target, on=date(2023, 6, 1)):
    eligibility = (entry_repair_eligibility(target, on) if isinstance(target, ListEntry)
                   else repair_eligibility(target, on, PARAMS))
    return submit_application("A1", target, reason="已整改", evidence=["整改报告.pdf"], commitment_id="C9",
                              on=on, eligibility=eligibility, subject_code=SUBJECT)


def test_application_needs_reason_evidence_and_repair_commitment():
    with pytest.raises(RuleBroken) as exc:
        submit_application("A1", penalty(), reason="", evidence=[], commitment_id=None, on=date(2023, 6, 1),
                           eligibility=repair_eligibility(penalty(), date(2023, 6, 1), PARAMS), subject_code=SUBJECT)
    assert {e.field for e in exc.value.errors} == {"reason", "evidence", "commitment_id"}


def test_application_before_minimum_period_is_refused_with_earliest_date():
    with pytest.raises(RuleBroken) as exc:
        _submit(penalty(), on=date(2023, 3, 1))
    assert exc.value.facts["earliest_date"] == "2023-04-30"


def test_workflow_submitted_accepted_approved_by_the_decider():
    app = _submit(entry())
    assert (app.status, app.decider, app.submitted_on) == (RepairStatus.SUBMITTED, "scjg", date(2023, 6, 1))
    app = transition(app, "accepted", by_department="scjg", on=date(2023, 6, 2), reason="材料齐全")
    app = transition(app, "approved", by_department="scjg", on=date(2023, 6, 9), reason="符合修复条件")
    assert app.status is RepairStatus.APPROVED and len(app.history) == 3
    ended = end_entry_on_approval(app, entry())
    assert (ended.removed_on, ended.removal_reason) == (date(2023, 6, 9), RemovalReason.REPAIR)
    assert not is_effective(ended, date(2023, 6, 9))


def test_record_approval_ends_publication_on_approval_date():
    app = _submit(penalty())
    app = transition(app, "accepted", by_department="scjg", on=date(2023, 6, 2), reason="")
    app = transition(app, "approved", by_department="scjg", on=date(2023, 6, 5), reason="已纠正")
    assert publication_end_on_approval(app) == date(2023, 6, 5)


def test_another_department_cannot_decide():
    with pytest.raises(RuleBroken) as exc:
        transition(_submit(entry()), "accepted", by_department="fgw", on=date(2023, 6, 2), reason="")
    assert exc.value.code == "not_decider"


@pytest.mark.parametrize(("path", "bad"), [
    ((), "approved"),  # submitted → approved skips acceptance
    (("rejected",), "accepted"),  # rejected is final
])
def test_invalid_transitions_are_refused(path, bad):
    app = _submit(entry())
    for step in path:
        app = transition(app, step, by_department="scjg", on=date(2023, 6, 2), reason="理由")
    with pytest.raises(RuleBroken) as exc:
        transition(app, bad, by_department="scjg", on=date(2023, 6, 3), reason="理由")
    assert exc.value.code == "invalid_transition"


def test_rejection_needs_reasons():
    app = transition(_submit(entry()), "accepted", by_department="scjg", on=date(2023, 6, 2), reason="")
    with pytest.raises(RuleBroken):
        transition(app, "rejected", by_department="scjg", on=date(2023, 6, 3), reason=" ")


def test_department_initiated_repair_starts_accepted():
    eligible = entry_repair_eligibility(entry(), date(2023, 6, 1))
    app = department_initiated("A2", entry(), department_code="scjg", reason="主动修复", evidence=[],
                               on=date(2023, 6, 1), eligibility=eligible, subject_code=SUBJECT)
    assert app.status is RepairStatus.ACCEPTED and app.initiated_by == "department"
    with pytest.raises(RuleBroken):
        department_initiated("A3", entry(), department_code="sw", reason="x", evidence=[],
                             on=date(2023, 6, 1), eligibility=eligible, subject_code=SUBJECT)


def test_repair_is_free_of_charge():
    statement = free_of_charge()
    assert "不收取任何费用" in statement["zh"] and "free of charge" in statement["en"]
    assert "二（二）5" in statement["basis"]
