"""Who registers a credit subject's name, kind, region and industry, and what its code allows (CP 二（十）4).

A subject's registration data change only by the registration authority of its kind (issue #10 item 6):
market regulation for enterprises and individual businesses (市场主体登记管理条例), civil affairs for social
organisations (社会团体登记管理条例), the credit lead for government bodies and public institutions (政务诚信,
CP 二（一）2). A USCC names the kind of body it was issued to (GB 32100-2015: 登记管理部门代码 and 机构类别代码,
its first two characters) and the region of the authority that issued it (characters 3–8).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from govkit.ids import subject_type

from .decision import Decision, FieldError, RuleBroken
from .vocab import CP, CREDIT_LEAD, SubjectKind

CITY = "410500"
BASIS_REGISTRAR = (f"{CP} 二（十）4, 二（一）2; 市场主体登记管理条例 (市场监管), 社会团体登记管理条例 (民政); "
                   "Interpretation: the credit lead registers government bodies and public institutions, "
                   "the public security bureau natural persons (户籍)")
BASIS_CODE = "GB 32100-2015 (统一社会信用代码: 登记管理部门代码、机构类别代码、登记管理机关行政区划码)"

# the registration authority of each kind (department codes of govkit.refdata)
REGISTRARS: Mapping[SubjectKind, str] = {
    SubjectKind.ENTERPRISE: "scjg",
    SubjectKind.INDIVIDUAL_BUSINESS: "scjg",
    SubjectKind.SOCIAL_ORGANISATION: "mzj",
    SubjectKind.GOVERNMENT_BODY: CREDIT_LEAD,
    SubjectKind.PUBLIC_INSTITUTION: CREDIT_LEAD,
    SubjectKind.NATURAL_PERSON: "gaj",
}
# GB 32100-2015: first character 1 机构编制, 5 民政, 9 工商 (市场监管); the second the category within it
_BY_CODE: Mapping[str, Mapping[str, frozenset[SubjectKind]]] = {
    "1": {"1": frozenset({SubjectKind.GOVERNMENT_BODY}), "2": frozenset({SubjectKind.PUBLIC_INSTITUTION}),
          "": frozenset({SubjectKind.GOVERNMENT_BODY, SubjectKind.PUBLIC_INSTITUTION})},
    "5": {"": frozenset({SubjectKind.SOCIAL_ORGANISATION})},
    "9": {"1": frozenset({SubjectKind.ENTERPRISE}), "2": frozenset({SubjectKind.INDIVIDUAL_BUSINESS}),
          "3": frozenset({SubjectKind.ENTERPRISE}),  # 农民专业合作社: a market entity like an enterprise
          "": frozenset({SubjectKind.ENTERPRISE, SubjectKind.INDIVIDUAL_BUSINESS})},
}
_LEGAL_ENTITY_KINDS = frozenset(SubjectKind) - {SubjectKind.NATURAL_PERSON}
REGISTERED = ("name", "kind", "region", "industry")


@dataclass(frozen=True)
class Registration:
    name: str
    kind: SubjectKind
    region: str
    industry: str

    def changes_to(self, other: Registration) -> dict[str, tuple[str, str]]:
        """{field: (before, after)} of the fields that differ."""
        return {f: (str(getattr(self, f)), str(getattr(other, f))) for f in REGISTERED
                if getattr(self, f) != getattr(other, f)}


def kinds_of_code(code: str) -> frozenset[SubjectKind]:
    """The kinds a validated code may be registered as: a resident ID number is a natural person; a USCC
    by its registration-management and category codes (any legal-entity kind for the other authorities)."""
    if subject_type(code) == "natural_person":
        return frozenset({SubjectKind.NATURAL_PERSON})
    by_category = _BY_CODE.get(code[0])
    if by_category is None:
        return _LEGAL_ENTITY_KINDS
    return by_category.get(code[1], by_category[""])


def default_kind(code: str) -> SubjectKind:
    """The kind of a subject first known by its code (a record, a list entry, an event)."""
    kinds = kinds_of_code(code)
    for kind in (SubjectKind.NATURAL_PERSON, SubjectKind.ENTERPRISE, SubjectKind.GOVERNMENT_BODY):
        if kind in kinds:
            return kind
    return sorted(kinds)[0]


def default_region(code: str, known_regions: frozenset[str]) -> str:
    """A USCC's registering authority's region where it is a county, district or zone of the reference
    data (or the city); else the city."""
    if subject_type(code) != "natural_person" and code[2:8] in known_regions:
        return code[2:8]
    return CITY


def may_register(department: str, kind: SubjectKind) -> Decision:
    registrar = REGISTRARS[kind]
    facts = {"department": department, "kind": kind.value, "registrar": registrar}
    if department == registrar:
        return Decision(True, "registrar", BASIS_REGISTRAR, facts, f"{department}是该类主体的登记机关",
                        f"{department} registers this kind of subject")
    return Decision(False, "not_registrar", BASIS_REGISTRAR, facts,
                    f"{kind.value}类主体的名称、类型、区划和行业只能由其登记机关{registrar}登记或变更",
                    f"Only {registrar}, the registration authority of {kind.value}, registers or changes the "
                    "name, kind, region and industry of such a subject")


def check_registration(code: str, new: Registration, known_regions: frozenset[str]) -> list[FieldError]:
    """Field problems of a registration: a region of the reference data, a kind the code allows."""
    errors = []
    if new.region not in known_regions:
        errors.append(FieldError("region", "unknown_region", f"区划代码{new.region}不是本市的县（市、区）或功能区",
                                 f"Region {new.region} is not a county, district or zone of the city",
                                 "README: Reference data (GB/T 2260)"))
    if new.kind not in kinds_of_code(code):
        errors.append(FieldError("kind", "kind_not_of_code",
                                 f"统一社会信用代码{code[:2]}开头的主体不能登记为{new.kind.value}",
                                 f"A code beginning {code[:2]} cannot be registered as {new.kind.value}",
                                 BASIS_CODE))
    return errors


def require_registrar(department: str, before: Registration | None, after: Registration) -> None:
    """A new subject needs the registrar of its kind; a change the registrar of the kind it had and of the
    kind it gets (403)."""
    kinds = [after.kind] if before is None else list(dict.fromkeys((before.kind, after.kind)))
    for kind in kinds:
        decision = may_register(department, kind)
        if not decision:
            raise RuleBroken(decision.reason_zh, decision.reason_en, basis=decision.basis, code="not_registrar",
                             facts=decision.facts, status=403)
