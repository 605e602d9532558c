"""Objections (异议): a subject objects to its own record → disputed on the public view; the reporting
department answers (uphold / correct / withdraw; correct and withdraw go through the correction path with
history) and the objection is closed."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain.vocab import ObjectionOutcome, ObjectionStatus, RecordStatus
from anyang_credit.models import kit
from anyang_credit.models.objections import Objection
from anyang_credit.schemas.objections import ObjectionAnswerIn, ObjectionIn
from anyang_credit.service.records import (
    apply_correction,
    apply_withdrawal,
    get_record,
    require_reporting_department,
    subject_of_principal,
)
from govkit import audit
from govkit.auth import Principal, PrincipalKind
from govkit.crypto import IdVault
from govkit.db import transactional
from govkit.errors import Conflict, Forbidden, NotFound


@transactional
async def file_objection(*, session: AsyncSession, principal: Principal, vault: IdVault, data: ObjectionIn,
                         now: datetime) -> Objection:
    record = await get_record(session, data.record_id)
    own = await subject_of_principal(session, vault, principal)
    if own is None or own.id != record.subject_id:
        raise Forbidden("信用主体只能对自己的记录提出异议", "A subject may object only to its own records")
    if record.status != RecordStatus.ACTIVE:
        raise Conflict("该记录已撤回或已修复，无需异议", "The record is no longer active")
    open_one = (await session.execute(select(Objection).where(
        Objection.record_id == record.id, Objection.status == ObjectionStatus.OPEN.value))).scalars().first()
    if open_one is not None and (open_one.subject_id, open_one.reason, open_one.evidence) == (
            own.id, data.reason, data.evidence):
        return open_one  # the same objection sent again
    if open_one is not None:
        raise Conflict("该记录已有处理中的异议", "An objection to this record is already open",
                       extra={"objection_id": open_one.id})
    objection = Objection(id=str(uuid.uuid4()), record_id=record.id, subject_id=own.id,
                          department=record.department, reason=data.reason, evidence=data.evidence,
                          status=ObjectionStatus.OPEN.value, submitted_by=principal.sub or principal.org,
                          submitted_at=now)
    session.add(objection)
    record.disputed = True
    await session.flush()
    await audit.record(session, kit, "credit.objection.file", "objection", objection.id, {"record_id": record.id})
    return objection


@transactional
async def answer_objection(*, session: AsyncSession, principal: Principal, objection_id: str,
                           data: ObjectionAnswerIn, now: datetime) -> Objection:
    objection = await session.get(Objection, objection_id)
    if objection is None:
        raise NotFound(f"没有异议 {objection_id}", f"No objection {objection_id}")
    record = await get_record(session, objection.record_id)
    require_reporting_department(principal, record)
    if objection.status != ObjectionStatus.OPEN:
        raise Conflict("异议已办结", "The objection is already closed")
    by = principal.sub or principal.org
    reason = f"异议处理：{data.answer}"[:500]
    if data.outcome == ObjectionOutcome.CORRECT:
        changes = data.changes.model_dump(exclude_unset=True, exclude={"reason"})
        await apply_correction(session, record, changes, reason, by, now)
    elif data.outcome == ObjectionOutcome.WITHDRAW:
        await apply_withdrawal(session, record, reason, by, now)
    record.disputed = False
    objection.status, objection.outcome = ObjectionStatus.CLOSED.value, data.outcome.value
    objection.answer, objection.answered_by, objection.answered_at = data.answer, by, now
    await session.flush()
    await audit.record(session, kit, "credit.objection.answer", "objection", objection.id,
                       {"outcome": data.outcome.value, "record_id": record.id})
    return objection


async def list_objections(*, session: AsyncSession, principal: Principal, vault: IdVault, status: str | None,
                          limit: int, offset: int):
    """A department: objections to its records (credit.admin: all); a subject: its own."""
    q = select(Objection)
    if principal.kind == PrincipalKind.department:
        if not principal.has("credit.admin"):
            q = q.where(Objection.department == principal.org)
    else:
        own = await subject_of_principal(session, vault, principal)
        if own is None:
            raise Forbidden("仅限部门或信用主体", "Departments or subjects only")
        q = q.where(Objection.subject_id == own.id)
    if status:
        q = q.where(Objection.status == status)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = (await session.execute(q.order_by(Objection.submitted_at.desc()).limit(limit).offset(offset))).scalars()
    return list(rows), total
