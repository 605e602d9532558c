"""Who may do what (安政办〔2023〕4号 第十三条、第十四条: the leading group and its office at 市工信局)."""

from __future__ import annotations

from govkit.auth import Principal, PrincipalKind, require

DEPT = (PrincipalKind.department,)


def office(p: Principal) -> None:
    require(p, kinds=DEPT, scope="awards.office")


def department(p: Principal) -> None:
    require(p, kinds=DEPT, scope="awards.department_review")


def county(p: Principal) -> None:
    require(p, kinds=DEPT, scope="awards.county_review")


def enterprise(p: Principal) -> None:
    require(p, kinds=(PrincipalKind.enterprise,))


def office_or_department(p: Principal) -> None:
    if not (p.kind == PrincipalKind.department and (p.has("awards.office") or p.has("awards.department_review"))):
        require(p, kinds=DEPT, scope="awards.office")


def reviewer(p: Principal) -> None:
    """Office, member departments and county governments (the procedure's participants)."""
    if not (p.kind == PrincipalKind.department and any(
            p.has(s) for s in ("awards.office", "awards.department_review", "awards.county_review"))):
        require(p, kinds=DEPT, scope="awards.office")
