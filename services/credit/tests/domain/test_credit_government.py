from datetime import date
from decimal import Decimal

import pytest

from anyang_credit.domain.decision import RuleBroken
from anyang_credit.domain.government import (
    GovernmentCommitment,
    OverdueAccount,
    balances,
    broken_commitment_record,
    disclosure,
    overdue_flag,
    reclassify_to_disputed,
    record_overdue,
    record_payment,
    resolve_dispute,
    validate_government_commitment,
)
from anyang_credit.domain.vocab import RecordCategory


def gov(**kw):
    base = dict(commitment_id="G1", body="410522", content="兑现招商引资奖励", measures="列入预算分期支付",
                deadline=date(2023, 6, 30), listed_on=date(2023, 2, 1))
    base.update(kw)
    return GovernmentCommitment(**base)


def test_measures_and_deadline_are_required():
    assert [e.field for e in validate_government_commitment(gov(measures=""))] == ["measures"]


def test_deadline_day_is_in_time_and_next_day_overdue():
    assert overdue_flag(gov(), date(2023, 6, 30)).outcome == "in_time"
    flag = overdue_flag(gov(), date(2023, 7, 1))
    assert flag and flag.facts["days_overdue"] == 1 and "（二十二）" in flag.basis


def test_fulfilled_commitment_is_not_overdue_even_if_late():
    assert not overdue_flag(gov(fulfilled_on=date(2023, 6, 30)), date(2023, 8, 1))
    late = overdue_flag(gov(fulfilled_on=date(2023, 7, 5)), date(2023, 8, 1))
    assert not late and late.outcome == "fulfilled_late"
    assert overdue_flag(gov(fulfilled_on=date(2023, 7, 5)), date(2023, 7, 2)).value is True


def test_broken_commitment_is_a_government_dishonesty_record():
    spec = broken_commitment_record(gov(), date(2023, 8, 1), "拒不兑现", "fgw")
    assert spec.category is RecordCategory.GOVERNMENT_DISHONESTY and spec.negative


def account():
    a = OverdueAccount("AC1", "zjj", "91410500MA00000001", "合同2022-17", date(2022, 12, 31))
    a = record_overdue(a, "undisputed", "100000.00", date(2023, 2, 1), "zjj")
    return record_overdue(a, "disputed", "20000.00", date(2023, 2, 1), "zjj")


def test_amounts_are_kept_apart():
    assert balances(account()) == {"undisputed": Decimal("100000.00"), "disputed": Decimal("20000.00"),
                                   "reclassified_undisputed_to_disputed": Decimal("0.00")}
    assert "total" not in disclosure(account(), date(2023, 2, 28))


def test_reclassification_to_disputed_is_recorded_and_shown_not_merged():
    a = reclassify_to_disputed(account(), "30000.00", date(2023, 3, 1), "zjj", "验收争议")
    d = disclosure(a, date(2023, 3, 31))
    assert (d["undisputed_outstanding"], d["disputed_outstanding"]) == ("70000.00", "50000.00")
    assert d["reclassified_undisputed_to_disputed"] == "30000.00"
    assert d["history"][-1]["kind"] == "reclassified_to_disputed" and d["history"][-1]["reason"] == "验收争议"
    before = disclosure(a, date(2023, 2, 28))
    assert before["reclassified_undisputed_to_disputed"] == "0.00" and len(before["history"]) == 2


def test_reclassification_needs_a_reason_and_cannot_exceed_the_balance():
    with pytest.raises(RuleBroken):
        reclassify_to_disputed(account(), "1.00", date(2023, 3, 1), "zjj", "")
    with pytest.raises(RuleBroken) as exc:
        reclassify_to_disputed(account(), "100000.01", date(2023, 3, 1), "zjj", "x")
    assert exc.value.code == "exceeds_balance"


def test_payments_and_dispute_resolution():
    a = record_payment(account(), "undisputed", "100000.00", date(2023, 3, 1), "zjj")
    a = resolve_dispute(a, "5000.00", True, date(2023, 4, 1), "zjj", "仲裁裁决应付")
    a = resolve_dispute(a, "15000.00", False, date(2023, 4, 1), "zjj", "仲裁裁决不应付")
    d = disclosure(a, date(2023, 4, 1))
    assert (d["undisputed_outstanding"], d["disputed_outstanding"]) == ("5000.00", "0.00")
    assert d["overdue"] is True


@pytest.mark.parametrize("amount", ["0", "-1", "1.001", "abc"])
def test_bad_amounts_are_refused(amount):
    with pytest.raises(RuleBroken):
        record_payment(account(), "undisputed", amount, date(2023, 3, 1), "zjj")


def test_changes_cannot_be_backdated():
    with pytest.raises(RuleBroken):
        record_payment(account(), "undisputed", "1.00", date(2023, 1, 31), "zjj")
