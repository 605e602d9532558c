"""Credit commitments (信用承诺, CP 三（四）): made by a subject (or recorded by the department it is made
to), fulfilled or breached by that department; the commitment, its fulfilment and a breach are credit
records (CP 二（三）2: 将信用承诺和履约情况记入信用记录), published at once (承诺公示)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain import commitments as rules
from anyang_credit.domain.vocab import CREDIT_LEAD, CommitmentStatus, CommitmentType
from anyang_credit.models import kit
from anyang_credit.models.commitments import CreditCommitment
from anyang_credit.models.subjects import Subject
from anyang_credit.schemas.commitments import CommitmentIn
from anyang_credit.service.records import new_record, subject_of_principal
from anyang_credit.service.subjects import get_or_create_subject
from govkit import audit
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date
from govkit.crypto import IdVault
from govkit.db import transactional
from govkit.errors import Forbidden, NotFound, RuleViolation

WINDOW_DEPARTMENT = CREDIT_LEAD  # Interpretation: the 主动公示型 open window is run by the credit lead


def domain_view(c: CreditCommitment, subject_code: str) -> rules.Commitment:
    return rules.Commitment(c.id, subject_code, CommitmentType(c.type), c.content, c.liability_on_breach,
                            c.department, c.made_on, c.deadline, CommitmentStatus(c.status),
                            c.status_changed_on, c.status_reason)


@transactional
async def make_commitment(*, session: AsyncSession, principal: Principal, vault: IdVault, data: CommitmentIn,
                          now: datetime) -> tuple[CreditCommitment, Subject]:
    today = business_date(now)
    if principal.kind in (PrincipalKind.enterprise, PrincipalKind.person):
        if data.subject_code and data.subject_code != principal.org:
            raise Forbidden("信用主体只能以自己的名义作出承诺", "A subject makes commitments only in its own name")
        subject = await get_or_create_subject(session=session, vault=vault, code=principal.org,
                                              name=data.subject_name or principal.name)
        department = data.department or (WINDOW_DEPARTMENT if data.type == CommitmentType.VOLUNTARY_DISCLOSURE
                                         else "")
    elif principal.kind == PrincipalKind.department:
        if not data.subject_code:
            raise RuleViolation("请载明作出承诺的信用主体", "Name the subject that made the commitment",
                                errors=[{"field": "subject_code", "message": "required"}])
        if data.department and data.department != principal.org:
            raise Forbidden("部门只能登记向本部门作出的承诺", "A department records only commitments made to it")
        department = principal.org
        subject = await get_or_create_subject(session=session, vault=vault, code=data.subject_code,
                                              name=data.subject_name)
    else:
        raise Forbidden("仅限信用主体或承诺所向部门", "Only the subject or the department it is made to")
    commitment = CreditCommitment(
        id=str(uuid.uuid4()), subject_id=subject.id, type=data.type.value, content=data.content,
        liability_on_breach=data.liability_on_breach, department=department, made_on=data.made_on or today,
        deadline=data.deadline, status=CommitmentStatus.IN_FORCE.value, created_by=principal.sub or principal.org,
        created_at=now)
    view = domain_view(commitment, subject.id)
    errors = rules.validate_commitment(view)
    if commitment.made_on > today:
        errors = [*errors, rules.FieldError("made_on", "in_future", "承诺日期不能晚于今天",
                                            "The commitment date cannot be after today")]
    if errors:
        raise RuleViolation("信用承诺不完整", "The commitment is incomplete",
                            errors=[e.as_dict() for e in errors], extra={"basis": rules.BASIS_LIABILITY})
    spec = rules.commitment_record(view)
    record = _record(session, subject, spec, commitment, "C", now)
    await session.flush()  # the record first: the commitment refers to it
    commitment.record_id = record.id
    session.add(commitment)
    await session.flush()
    await audit.record(session, kit, "credit.commitment.make", "credit_commitment", commitment.id,
                       {"type": commitment.type, "department": department})
    return commitment, subject


def _record(session, subject: Subject, spec: rules.RecordSpec, c: CreditCommitment, suffix: str, now: datetime):
    # decision number: the commitment id with a suffix (C made, F fulfilled, B breached) — one of each
    return new_record(session, subject, category=spec.category, department=c.department,
                      decision_number=f"CMT-{c.id}-{suffix}", decision_date=spec.decision_date,
                      title=spec.summary_zh[:300], content=c.content, legal_basis=spec.basis, now=now,
                      source="commitment", published=True)


async def _load(session: AsyncSession, commitment_id: str) -> tuple[CreditCommitment, Subject]:
    c = await session.get(CreditCommitment, commitment_id)
    if c is None:
        raise NotFound(f"没有信用承诺 {commitment_id}", f"No commitment {commitment_id}")
    return c, await session.get(Subject, c.subject_id)


def _require_department(principal: Principal, c: CreditCommitment) -> None:
    if principal.kind != PrincipalKind.department or principal.org != c.department:
        raise Forbidden(f"履约和违约由承诺所向部门（{c.department}）认定",
                        f"Fulfilment and breach are decided by {c.department}, the department it was made to")


@transactional
async def fulfil_commitment(*, session: AsyncSession, principal: Principal, commitment_id: str, on, now: datetime):
    c, subject = await _load(session, commitment_id)
    _require_department(principal, c)
    done, spec = rules.fulfil(domain_view(c, subject.id), on or business_date(now))
    record = _record(session, subject, spec, c, "F", now)
    await session.flush()
    c.status, c.status_changed_on, c.outcome_record_id = done.status.value, done.status_changed_on, record.id
    await session.flush()
    await audit.record(session, kit, "credit.commitment.fulfil", "credit_commitment", c.id,
                       {"on": str(done.status_changed_on)})
    return c, subject


@transactional
async def breach_commitment(*, session: AsyncSession, principal: Principal, commitment_id: str, on, reason: str,
                            now: datetime):
    c, subject = await _load(session, commitment_id)
    _require_department(principal, c)
    done, spec = rules.breach(domain_view(c, subject.id), on or business_date(now), reason, principal.org)
    record = _record(session, subject, spec, c, "B", now)
    record.content = spec.summary_zh
    await session.flush()
    c.status, c.status_changed_on, c.status_reason = done.status.value, done.status_changed_on, reason
    c.outcome_record_id = record.id
    await session.flush()
    await audit.record(session, kit, "credit.commitment.breach", "credit_commitment", c.id, {"reason": reason})
    return c, subject


async def list_commitments(*, session: AsyncSession, principal: Principal | None, vault: IdVault,
                           public_only: bool, type_: str | None, status: str | None, limit: int, offset: int):
    """Public: 主动公示型 only. A department: those made to it (credit.admin: all). A subject: its own."""
    q = select(CreditCommitment, Subject).join(Subject, Subject.id == CreditCommitment.subject_id)
    if public_only:
        q = q.where(CreditCommitment.type == CommitmentType.VOLUNTARY_DISCLOSURE.value)
    elif principal.kind == PrincipalKind.department:
        if not principal.has("credit.admin"):
            q = q.where(CreditCommitment.department == principal.org)
    else:
        own = await subject_of_principal(session, vault, principal)
        q = q.where(CreditCommitment.subject_id == (own.id if own else "-"))
    if type_:
        q = q.where(CreditCommitment.type == type_)
    if status:
        q = q.where(CreditCommitment.status == status)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = (await session.execute(q.order_by(CreditCommitment.created_at.desc(), CreditCommitment.id)
                                  .limit(limit).offset(offset))).all()
    return rows, total
