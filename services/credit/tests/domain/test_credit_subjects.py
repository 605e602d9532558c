import pytest

from anyang_credit.domain.decision import RuleBroken
from anyang_credit.domain.subjects import (
    Registration,
    check_registration,
    default_kind,
    default_region,
    kinds_of_code,
    require_registrar,
)
from anyang_credit.domain.vocab import SubjectKind
from govkit.ids import make_resident_id, make_uscc

ENTERPRISE = make_uscc("91410502MA44A0001")
BODY = make_uscc("11410500MB1230001")
SOCIETY = make_uscc("51410500MJ1230001")
PERSON = make_resident_id("41050219850615003")
REGIONS = frozenset({"410500", "410502", "410581"})


def test_the_code_names_the_kinds_it_may_be_registered_as():
    assert kinds_of_code(ENTERPRISE) == {SubjectKind.ENTERPRISE}
    assert kinds_of_code(BODY) == {SubjectKind.GOVERNMENT_BODY}
    assert kinds_of_code(SOCIETY) == {SubjectKind.SOCIAL_ORGANISATION}
    assert kinds_of_code(PERSON) == {SubjectKind.NATURAL_PERSON}
    assert default_kind(BODY) is SubjectKind.GOVERNMENT_BODY and default_kind(PERSON) is SubjectKind.NATURAL_PERSON


def test_a_new_subjects_region_is_its_registering_authoritys_where_the_reference_data_knows_it():
    assert default_region(ENTERPRISE, REGIONS) == "410502"
    assert default_region(make_uscc("91110105MA44A0001"), REGIONS) == "410500"  # Beijing: the city by default
    assert default_region(PERSON, REGIONS) == "410500"


def test_a_registration_needs_a_known_region_and_a_kind_the_code_allows():
    bad = Registration("改名机关", SubjectKind.GOVERNMENT_BODY, "410599", "")
    assert {e.code for e in check_registration(ENTERPRISE, bad, REGIONS)} == {"kind_not_of_code", "unknown_region"}
    assert check_registration(ENTERPRISE, Registration("甲", SubjectKind.ENTERPRISE, "410581", ""), REGIONS) == []


@pytest.mark.parametrize(("department", "kind", "allowed"), [
    ("scjg", SubjectKind.ENTERPRISE, True), ("scjg", SubjectKind.INDIVIDUAL_BUSINESS, True),
    ("mzj", SubjectKind.SOCIAL_ORGANISATION, True), ("fgw", SubjectKind.GOVERNMENT_BODY, True),
    ("fgw", SubjectKind.PUBLIC_INSTITUTION, True), ("sw", SubjectKind.ENTERPRISE, False),
    ("fgw", SubjectKind.ENTERPRISE, False), ("scjg", SubjectKind.GOVERNMENT_BODY, False),
])
def test_only_the_registration_authority_of_the_kind_registers(department, kind, allowed):
    new = Registration("甲", kind, "410500", "")
    if allowed:
        require_registrar(department, None, new)
    else:
        with pytest.raises(RuleBroken) as refused:
            require_registrar(department, None, new)
        assert refused.value.status == 403 and refused.value.code == "not_registrar"


def test_a_change_of_kind_needs_the_registrar_of_both_kinds():
    before = Registration("甲", SubjectKind.ENTERPRISE, "410500", "")
    with pytest.raises(RuleBroken):
        require_registrar("fgw", before, Registration("甲", SubjectKind.GOVERNMENT_BODY, "410500", ""))
    require_registrar("scjg", before, Registration("甲", SubjectKind.INDIVIDUAL_BUSINESS, "410500", ""))
