import dataclasses
from datetime import date

import pytest

from anyang_credit.domain.commitments import (
    Commitment,
    breach,
    commitment_record,
    deadline_passed,
    fulfil,
    has_deadline,
    validate_commitment,
)
from anyang_credit.domain.decision import RuleBroken
from anyang_credit.domain.vocab import CommitmentStatus, CommitmentType, RecordCategory


def commitment(**kw):
    base = dict(commitment_id="C1", subject_code="91410500MA00000001", type=CommitmentType.MISSING_DOCUMENTS,
                content="30日内补齐环评批复", liability_on_breach="撤销许可并记入失信记录", department="sthj",
                made_on=date(2023, 3, 1), deadline=date(2023, 3, 31))
    base.update(kw)
    return Commitment(**base)


@pytest.mark.parametrize(("kind", "required"), [
    ("missing_documents", True), ("in_lieu_of_approval", True), ("voluntary_disclosure", False),
    ("in_lieu_of_certificate", False), ("industry_self_discipline", False), ("credit_repair", False)])
def test_which_types_need_a_deadline(kind, required):
    assert has_deadline(kind) is required
    errors = validate_commitment(commitment(type=CommitmentType(kind), deadline=None))
    assert bool(errors) is required


def test_liability_on_breach_is_required():
    (error,) = validate_commitment(commitment(liability_on_breach=""))
    assert error.field == "liability_on_breach"
    assert "安政办〔2023〕1号（三）" in error.basis


def test_deadline_cannot_precede_commitment():
    assert [e.code for e in validate_commitment(commitment(deadline=date(2023, 2, 28)))] == ["before_made_on"]


def test_commitment_is_a_credit_record():
    assert commitment_record(commitment()).category is RecordCategory.COMMITMENT


def test_fulfilment_yields_a_positive_record():
    done, record = fulfil(commitment(), date(2023, 3, 31))
    assert done.status is CommitmentStatus.FULFILLED
    assert record.category is RecordCategory.COMMITMENT_FULFILLED and not record.negative
    assert "逾期" not in record.summary_zh


def test_breach_yields_a_negative_record_with_the_liability():
    done, record = breach(commitment(), date(2023, 4, 3), "逾期未补齐材料", "sthj")
    assert done.status is CommitmentStatus.BREACHED and done.status_reason == "逾期未补齐材料"
    assert record.category is RecordCategory.COMMITMENT_BREACHED and record.negative
    assert "撤销许可" in record.summary_zh


def test_only_the_department_it_was_made_to_finds_a_breach():
    with pytest.raises(RuleBroken):
        breach(commitment(), date(2023, 4, 3), "x", "fgw")


def test_closed_commitment_cannot_change_again():
    done, _ = fulfil(commitment(), date(2023, 3, 20))
    with pytest.raises(RuleBroken):
        breach(done, date(2023, 4, 3), "x", "sthj")


def test_deadline_day_is_in_time_and_the_next_day_is_flagged():
    assert not deadline_passed(commitment(), date(2023, 3, 31))
    flagged = deadline_passed(commitment(), date(2023, 4, 1))
    assert flagged and flagged.outcome == "deadline_passed"
    assert not deadline_passed(dataclasses.replace(commitment(), status=CommitmentStatus.FULFILLED),
                               date(2023, 4, 1))
