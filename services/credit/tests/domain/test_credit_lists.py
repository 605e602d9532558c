import dataclasses
from datetime import date

import pytest

from anyang_credit.domain.decision import RuleBroken
from anyang_credit.domain.lists import (
    ListEntry,
    Provenance,
    check,
    check_many,
    due_expiries,
    expire,
    is_effective,
    may_manage,
    remove_entry,
    validate_entry,
)
from anyang_credit.domain.vocab import ListCode, RemovalReason

SUBJECT = "91410500MA00000001"


def tax_entry(**kw):
    base = dict(entry_id="T1", subject_code=SUBJECT, list_code=ListCode.MAJOR_TAX_VIOLATION, authority="sw",
                legal_basis="重大税收违法失信主体信息公布管理办法", decision_number="安税稽罚〔2023〕1号",
                effective_date=date(2023, 3, 1), expiry_date=date(2026, 3, 1))
    base.update(kw)
    return ListEntry(**base)


def test_valid_entry_has_no_errors():
    assert validate_entry(tax_entry()) == []


@pytest.mark.parametrize(("field", "code"), [("legal_basis", "required"), ("authority", "required"),
                                            ("decision_number", "required")])
def test_entry_without_legal_basis_authority_or_number_is_refused(field, code):
    errors = validate_entry(tax_entry(**{field: "  "}))
    assert [(e.field, e.code) for e in errors] == [(field, code)]


@pytest.mark.parametrize(("field", "value"), [("legal_basis", "x"), ("legal_basis", "第1条"),
                                              ("decision_number", "x"), ("decision_number", "〔〕")])
def test_an_implausible_legal_basis_or_number_is_refused(field, value):
    assert [(e.field, e.code) for e in validate_entry(tax_entry(**{field: value}))] == [(field, "implausible")]


def test_missing_legal_basis_cites_no_generalisation_rule():
    (error,) = validate_entry(tax_entry(legal_basis=""))
    assert "四（四）" in error.basis


def test_only_the_lists_authority_may_add_locally():
    (error,) = validate_entry(tax_entry(authority="scjg"))
    assert error.code == "not_authority"


def test_imported_entry_names_its_issuing_body():
    imported = tax_entry(authority="国家税务总局北京市税务局",
                         provenance=Provenance("信用中国", "2023-03-02T08:00:00Z", "X-1"))
    assert validate_entry(imported) == []


def test_list_with_expiry_needs_an_expiry_date_after_effective_date():
    assert [e.code for e in validate_entry(tax_entry(expiry_date=None))] == ["required"]
    same_day = tax_entry(expiry_date=date(2023, 3, 1))
    assert [e.code for e in validate_entry(same_day)] == ["not_after_effective"]


def test_judgment_debtor_entry_may_have_no_expiry():
    e = tax_entry(list_code=ListCode.DISHONEST_JUDGMENT_DEBTOR, authority="zy", expiry_date=None)
    assert validate_entry(e) == []


@pytest.mark.parametrize(("list_code", "department", "allowed"), [
    ("dishonest_judgment_debtor", "zy", True), ("dishonest_judgment_debtor", "fgw", False),
    ("major_tax_violation", "sw", True), ("serious_illegal_dishonest", "scjg", True),
    ("wage_arrears", "rsj", True), ("wage_arrears", "scjg", False), ("wage_arrears", None, False),
])
def test_may_manage(list_code, department, allowed):
    decision = may_manage(list_code, department)
    assert bool(decision) is allowed
    assert "四（四）" in decision.basis


def test_effective_on_first_day_and_not_on_expiry_day():
    e = tax_entry()
    assert not is_effective(e, date(2023, 2, 28))
    assert is_effective(e, date(2023, 3, 1))
    assert is_effective(e, date(2026, 2, 28))
    assert not is_effective(e, date(2026, 3, 1))


def test_removed_entry_is_not_effective_from_removal_day():
    removed = remove_entry(tax_entry(), RemovalReason.REVOCATION, date(2023, 6, 1), "sw")
    assert removed.removal_reason is RemovalReason.REVOCATION
    assert is_effective(removed, date(2023, 5, 31)) and not is_effective(removed, date(2023, 6, 1))


def test_another_department_cannot_remove():
    with pytest.raises(RuleBroken) as exc:
        remove_entry(tax_entry(), "repair", date(2023, 6, 1), "fgw")
    assert exc.value.code == "not_authority"


def test_expiry_is_not_a_manual_removal_and_happens_by_itself():
    with pytest.raises(RuleBroken):
        remove_entry(tax_entry(), "expiry", date(2026, 3, 1), "sw")
    e = tax_entry()
    assert due_expiries([e], date(2026, 2, 28)) == []
    assert due_expiries([e], date(2026, 3, 1)) == [e]
    expired = expire(e)
    assert (expired.removed_on, expired.removal_reason) == (date(2026, 3, 1), RemovalReason.EXPIRY)
    assert expire(expired) == expired


def test_removing_twice_is_refused():
    removed = remove_entry(tax_entry(), "court_decision", date(2023, 6, 1), "sw")
    with pytest.raises(RuleBroken):
        remove_entry(removed, "revocation", date(2023, 7, 1), "sw")


def test_check_reports_effective_hits_only():
    entries = [tax_entry(), tax_entry(entry_id="W1", list_code=ListCode.WAGE_ARREARS, authority="rsj",
                                      effective_date=date(2023, 9, 1), expiry_date=date(2026, 9, 1))]
    result = check(entries, date(2023, 6, 1))
    assert result.listed and [h.entry_id for h in result.hits] == ["T1"]
    assert result.subject_code == SUBJECT
    assert "安政办〔2023〕4号 第二条" in result.basis
    assert result.as_dict()["hits"][0]["list"] == "major_tax_violation"


def test_check_limited_to_some_lists():
    result = check([tax_entry()], date(2023, 6, 1), lists=["dishonest_judgment_debtor"])
    assert not result.listed and result.lists_checked == (ListCode.DISHONEST_JUDGMENT_DEBTOR,)


def test_check_refuses_entries_of_several_subjects():
    with pytest.raises(ValueError):
        check([tax_entry(), dataclasses.replace(tax_entry(), subject_code="other")], date(2023, 6, 1))


def test_check_many_answers_each_subject():
    results = check_many([tax_entry()], [SUBJECT, "91410500MA00000002"], date(2023, 6, 1))
    assert results[SUBJECT].listed and not results["91410500MA00000002"].listed
