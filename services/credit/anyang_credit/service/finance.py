"""信易贷 (CP 二（二）1): authorisations by the subject, authorised queries only (logged, visible to the
subject), financing outcomes and the city's summary. 公益性: free of charge."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain.vocab import CP
from anyang_credit.models import kit
from anyang_credit.models.finance import Authorisation, FinancingOutcome, QueryLogEntry
from anyang_credit.models.subjects import Subject
from anyang_credit.service.subjects import code_of, get_or_create_subject, mask_if_person
from govkit import audit
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date, utcnow
from govkit.crypto import IdVault
from govkit.errors import Forbidden, NotFound, RuleViolation

BASIS_AUTH = (
    f"{CP} 二（二）1 (为银行、保险、担保等金融机构和供应链核心企业提供…公益性基础信息服务); README Privacy: "
    "the full file only with the subject's recorded authorisation, every query logged"
)
FREE_ZH = "信易贷信用信息服务为公益性服务，不收取任何费用。"
FREE_EN = "The 信易贷 credit information service is a public-interest service, free of charge."
SCOPES = {"full_file": ("full_file",), "report": ("full_file", "report")}  # what → scopes that allow it


def free_of_charge() -> dict[str, str]:
    return {"zh": FREE_ZH, "en": FREE_EN, "basis": f"{CP} 二（二）1 (公益性基础信息服务)"}


def is_querier(principal: Principal) -> bool:
    """Financial institutions, and supply-chain core enterprises holding credit.finance_query."""
    return principal.kind == PrincipalKind.financial_institution or (
        principal.kind == PrincipalKind.enterprise and principal.has("credit.finance_query")
    )


async def authorisations_granted_to(session: AsyncSession, grantee: str) -> list[Authorisation]:
    """The authorisations an institution or core enterprise holds, newest first."""
    q = select(Authorisation).where(Authorisation.grantee == grantee).order_by(Authorisation.granted_at.desc())
    return list((await session.execute(q)).scalars())


async def grant(*, session: AsyncSession, principal: Principal, vault: IdVault, data: dict) -> Authorisation:
    """The subject (the caller itself) authorises an institution or core enterprise."""
    if data["valid_until"] < data["valid_from"]:
        raise RuleViolation(
            "授权截止日期不能早于起始日期", "valid_until cannot precede valid_from", code="validity"
        )
    if data["valid_until"] < business_date():
        raise RuleViolation("授权截止日期已过", "valid_until is in the past", code="validity")
    async with session.begin():
        subject = await get_or_create_subject(session=session, vault=vault, code=principal.org, name=principal.name)
        row = Authorisation(
            id=str(uuid.uuid4()),
            subject_id=subject.id,
            grantee=data["grantee_code"],
            grantee_name=data.get("grantee_name") or "",
            scope=data["scope"],
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
            purpose=data.get("purpose") or "",
            granted_at=utcnow(),
            granted_by=principal.sub,
        )
        session.add(row)
        await audit.record(
            session,
            kit,
            "finance.authorisation.grant",
            "authorisation",
            row.id,
            {"grantee": row.grantee, "scope": row.scope, "valid_until": row.valid_until.isoformat()},
        )
    return row


async def revoke(
    *, session: AsyncSession, principal: Principal, subject: Subject, authorisation_id: str
) -> Authorisation:
    async with session.begin():
        row = await session.get(Authorisation, authorisation_id)
        if row is None or row.subject_id != subject.id:
            raise NotFound(f"没有授权{authorisation_id}", f"No authorisation {authorisation_id}")
        if row.revoked_at is None:
            row.revoked_at = utcnow()
            await audit.record(session, kit, "finance.authorisation.revoke", "authorisation", row.id)
    return row


async def authorisations_of(session: AsyncSession, subject: Subject) -> list[Authorisation]:
    return list(
        (
            await session.execute(
                select(Authorisation)
                .where(Authorisation.subject_id == subject.id)
                .order_by(Authorisation.granted_at.desc())
            )
        ).scalars()
    )


def status_of(a: Authorisation, on: date) -> str:
    if a.revoked_at is not None:
        return "revoked"
    if on < a.valid_from:
        return "not_yet_valid"
    if on > a.valid_until:
        return "expired"
    return "valid"


async def require_authorisation(
    *, sessionmaker, principal: Principal, subject: Subject, vault: IdVault, what: str, purpose: str = ""
) -> Authorisation:
    """A valid authorisation of `subject` for the querier covering `what`, else 403 naming what is missing.
    The query is logged (allowed or refused) in its own transaction, visible to the subject."""
    on = business_date()
    async with sessionmaker() as session:
        rows = list(
            (
                await session.execute(
                    select(Authorisation).where(
                        Authorisation.subject_id == subject.id, Authorisation.grantee == principal.org
                    )
                )
            ).scalars()
        )
    covering = [a for a in rows if a.scope in SCOPES[what]]
    valid = [a for a in covering if status_of(a, on) == "valid"]
    chosen = max(valid, key=lambda a: a.valid_until) if valid else None
    async with sessionmaker() as session, session.begin():
        session.add(
            QueryLogEntry(
                id=str(uuid.uuid4()),
                subject_id=subject.id,
                querier=principal.org,
                querier_kind=principal.kind.value,
                querier_name=principal.name,
                what=what,
                outcome="allowed" if chosen else "refused",
                authorisation_id=chosen.id if chosen else None,
                purpose=purpose,
                at=utcnow(),
            )
        )
    if chosen is not None:
        return chosen
    code = mask_if_person(code_of(subject, vault))
    scopes = "或".join(SCOPES[what])
    states = sorted({f"{a.id}: {status_of(a, on)}" for a in covering})
    note_zh = f"；已有授权状态：{'，'.join(states)}" if states else ""
    note_en = f"; existing authorisations: {', '.join(states)}" if states else ""
    raise Forbidden(
        f"缺少信用主体{code}对{principal.org}的有效授权（范围：{scopes}，须在有效期内且未撤销）{note_zh}",
        f"Missing authorisation: {code} has not authorised {principal.org} (scope {scopes}, "
        f"valid today, not revoked){note_en}",
        code="authorisation_required",
        extra={
            "missing_authorisation": {
                "subject_code": code,
                "grantee_code": principal.org,
                "scopes": list(SCOPES[what]),
                "on": on.isoformat(),
            },
            "basis": BASIS_AUTH,
        },
    )


async def query_log(session: AsyncSession, subject: Subject) -> list[QueryLogEntry]:
    return list(
        (
            await session.execute(
                select(QueryLogEntry)
                .where(QueryLogEntry.subject_id == subject.id)
                .order_by(QueryLogEntry.at.desc())
                .limit(1000)
            )
        ).scalars()
    )


async def record_outcome(
    *, session: AsyncSession, principal: Principal, subject: Subject, data: dict
) -> FinancingOutcome:
    """An institution reports a financing decision on an enterprise that authorised it (at any time)."""
    if data["loan_granted"] and (not data.get("amount_fen") or not data.get("loan_kind")):
        raise RuleViolation(
            "发放贷款须填写金额和贷款方式（信用/担保）",
            "A granted loan needs its amount and kind (credit / secured)",
            code="loan_details",
        )
    async with session.begin():
        ever = (
            await session.execute(
                select(func.count())
                .select_from(Authorisation)
                .where(Authorisation.subject_id == subject.id, Authorisation.grantee == principal.org)
            )
        ).scalar_one()
        if not ever:
            raise Forbidden(
                "该主体从未授权本机构，不能报送融资结果",
                "The subject never authorised your institution: no outcome can be reported",
                code="authorisation_required",
            )
        row = FinancingOutcome(
            id=str(uuid.uuid4()),
            subject_id=subject.id,
            institution=principal.org,
            loan_granted=data["loan_granted"],
            amount_fen=data.get("amount_fen") if data["loan_granted"] else None,
            loan_kind=data.get("loan_kind") if data["loan_granted"] else None,
            first_loan=bool(data.get("first_loan")) and data["loan_granted"],
            decided_on=data["decided_on"],
            reference=data.get("reference") or "",
            reported_at=utcnow(),
        )
        session.add(row)
        await audit.record(
            session,
            kit,
            "finance.outcome",
            "financing_outcome",
            row.id,
            {"loan_granted": row.loan_granted, "amount_fen": row.amount_fen},
        )
    return row


async def summary(session: AsyncSession, start: date | None, end: date | None) -> dict[str, Any]:
    q = select(FinancingOutcome)
    if start:
        q = q.where(FinancingOutcome.decided_on >= start)
    if end:
        q = q.where(FinancingOutcome.decided_on <= end)
    rows = list((await session.execute(q)).scalars())
    granted = [r for r in rows if r.loan_granted]
    per_inst: dict[str, dict[str, int]] = {}
    for r in rows:
        d = per_inst.setdefault(r.institution, {"decisions": 0, "loans": 0, "amount_fen": 0})
        d["decisions"] += 1
        if r.loan_granted:
            d["loans"] += 1
            d["amount_fen"] += r.amount_fen or 0
    queries = (
        await session.execute(
            select(func.count()).select_from(QueryLogEntry).where(QueryLogEntry.outcome == "allowed")
        )
    ).scalar_one()
    return {
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "decisions": len(rows),
        "loans": len(granted),
        "declined": len(rows) - len(granted),
        "amount_fen": sum(r.amount_fen or 0 for r in granted),
        "credit_loans": {
            "count": sum(r.loan_kind == "credit" for r in granted),
            "amount_fen": sum(r.amount_fen or 0 for r in granted if r.loan_kind == "credit"),
        },
        "secured_loans": {
            "count": sum(r.loan_kind == "secured" for r in granted),
            "amount_fen": sum(r.amount_fen or 0 for r in granted if r.loan_kind == "secured"),
        },
        "first_loans": {
            "count": sum(r.first_loan for r in granted),
            "amount_fen": sum(r.amount_fen or 0 for r in granted if r.first_loan),
        },
        "borrowers": len({r.subject_id for r in granted}),
        "by_institution": [{"institution_code": k} | v for k, v in sorted(per_inst.items())],
        "authorised_queries_total": queries,
        "free_of_charge": free_of_charge(),
    }
