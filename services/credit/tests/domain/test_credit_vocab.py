from anyang_credit.domain.vocab import (
    DOUBLE_PUBLICATION,
    EIGHT_ADDED,
    LISTS,
    TEN_PUBLICATIONS,
    CommitmentType,
    Grade,
    ListCode,
    RecordCategory,
    all_codes,
    label,
)
from govkit.i18n import set_language


def test_ten_publications_are_the_double_publication_plus_eight_added_categories():
    assert len(DOUBLE_PUBLICATION) == 2 and len(EIGHT_ADDED) == 8
    assert len(TEN_PUBLICATIONS) == 10
    assert RecordCategory.COMMITMENT not in TEN_PUBLICATIONS


def test_labels_give_chinese_and_english():
    assert label("administrative_penalty").zh == "行政处罚"
    assert label("administrative_inspection").zh == "行政监督检查"
    assert label(RecordCategory.ADMINISTRATIVE_LICENSE).en == "Administrative license"
    assert label("in_lieu_of_approval").zh == "审批替代型"
    assert label("dishonest_judgment_debtor").zh == "失信被执行人"


def test_label_text_follows_caller_language():
    set_language("en")
    try:
        assert label("serious").text == "Serious"
    finally:
        set_language(None)
    assert label("serious").text == "严重"


def test_grades_are_labelled_per_spec():
    assert [label(g).zh for g in Grade] == ["诚信", "守信", "关注", "失信"]


def test_six_commitment_types():
    assert {label(t).zh for t in CommitmentType} == {
        "主动公示型", "容缺受理型", "证明事项型", "审批替代型", "行业自律型", "信用修复型"}


def test_lists_have_their_authorities_and_expiry_flags():
    assert {c: d.authority for c, d in LISTS.items()} == {
        ListCode.DISHONEST_JUDGMENT_DEBTOR: "zy", ListCode.MAJOR_TAX_VIOLATION: "sw",
        ListCode.SERIOUS_ILLEGAL_DISHONEST: "scjg", ListCode.WAGE_ARREARS: "rsj"}
    assert not LISTS[ListCode.DISHONEST_JUDGMENT_DEBTOR].has_expiry
    assert LISTS[ListCode.MAJOR_TAX_VIOLATION].has_expiry


def test_unknown_code_has_no_label():
    import pytest

    with pytest.raises(KeyError):
        label("no_such_code")
    assert "A" in all_codes()
