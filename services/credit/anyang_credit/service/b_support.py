"""Small helpers shared by the part-B services (lists, grades, draws, repairs, reports, finance)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain.decision import RuleBroken
from anyang_credit.models.subjects import Subject
from anyang_credit.service.subjects import find_subject
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date
from govkit.crypto import IdVault
from govkit.errors import Forbidden, NotFound, RuleViolation
from govkit.ids import InvalidIdentifier, subject_type, validate_subject_code


def today() -> date:
    return business_date()


def code_of(subject: Subject, vault: IdVault) -> str:
    """The subject's USCC, or its decrypted ID number (internal use: events, the subject's own view)."""
    return subject.code or vault.decrypt(subject.code_encrypted)


def is_person(subject: Subject) -> bool:
    return subject.code is None


def problem(err: RuleBroken, *, forbidden_codes: tuple[str, ...] = ("not_authority", "not_decider")):
    """Map a domain refusal to 403 (who may act) or 422 (a rule), with its basis and facts."""
    extra = {"rule": err.code}
    if err.basis:
        extra["basis"] = err.basis
    if err.facts:
        extra["facts"] = err.facts
    errors = [e.as_dict() for e in err.errors] or None
    detail_zh = err.zh + (f"（依据：{err.basis}）" if err.basis else "")
    detail_en = err.en + (f" (basis: {err.basis})" if err.basis else "")
    cls = Forbidden if err.code in forbidden_codes else RuleViolation
    return cls(detail_zh, detail_en, errors=errors, code=err.code, extra=extra)


def valid_code(code: str) -> str:
    try:
        return validate_subject_code(code)
    except InvalidIdentifier as e:
        raise RuleViolation(
            e.zh, e.en, errors=[{"field": "subject_code", "message": str(e)}], code="invalid_identifier"
        ) from None


async def require_subject(session: AsyncSession, vault: IdVault, code: str) -> Subject:
    code = valid_code(code)
    subject = await find_subject(session=session, vault=vault, code=code)
    if subject is None:
        raise NotFound(
            f"没有主体{mask_if_person(code)}的信用信息", f"No credit information on {mask_if_person(code)}"
        )
    return subject


def mask_if_person(code: str) -> str:
    from govkit.ids import mask_id

    return mask_id(code) if subject_type(code) == "natural_person" else code


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
    from govkit.auth import require

    require(principal, kinds=(PrincipalKind.department,), scope=scope)
