"""Who is asking: the subject itself, or a department holding a scope."""

from __future__ import annotations

from anyang_credit.domain.vocab import CREDIT_LEAD
from govkit.auth import Principal, PrincipalKind, require
from govkit.errors import Forbidden


def is_self(principal: Principal, code: str) -> bool:
    """The principal is the subject itself (an enterprise by its USCC, a person by its ID number)."""
    return (
        principal.kind in (PrincipalKind.enterprise, PrincipalKind.person)
        and principal.org.strip().upper() == code.strip().upper()
    )


def require_self(principal: Principal, code: str) -> None:
    if not is_self(principal, code):
        raise Forbidden("只有信用主体本人可以办理此事项", "Only the subject itself may do this")


def require_department(principal: Principal, scope: str) -> None:
    require(principal, kinds=(PrincipalKind.department,), scope=scope)


def is_credit_lead(principal: Principal) -> bool:
    return principal.kind is PrincipalKind.department and principal.org == CREDIT_LEAD


def require_credit_lead(principal: Principal) -> None:
    """The credit lead department (市发展改革委) with scope credit.admin."""
    require_department(principal, "credit.admin")
    if not is_credit_lead(principal):
        raise Forbidden("仅限市发展改革委（信用牵头部门）", "Only the credit lead department (市发展改革委)")
