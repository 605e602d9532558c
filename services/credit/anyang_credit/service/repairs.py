"""Credit repair (信用修复, CP 三（四）、二（二）5、二（九）1): apply, department-initiated, decide;
approval ends the record's publication or the list entry. Free of charge, always said."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain import repair as dr
from anyang_credit.domain.vocab import (
    CommitmentType,
    PenaltySeverity,
    RecordCategory,
    RecordStatus,
    RepairStatus,
    label,
)
from anyang_credit.models import kit
from anyang_credit.models.records import CreditRecord
from anyang_credit.models.repairs import RepairApplicationRow, RepairStep
from anyang_credit.models.subjects import Subject
from anyang_credit.rules import default_parameters
from anyang_credit.service.access import is_self
from anyang_credit.service.list_entries import to_domain
from anyang_credit.service.lists import end_entry, get_entry
from anyang_credit.service.subjects import code_of, masked_actor
from govkit import audit
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date, utcnow
from govkit.crypto import IdVault
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation
from govkit.events import Outbox

OPEN = (RepairStatus.SUBMITTED.value, RepairStatus.ACCEPTED.value)


async def _target(session: AsyncSession, vault: IdVault, kind: str, target_id: str):
    """(domain target, subject, row) of a record or a list entry."""
    if kind == "record":
        found = (
            await session.execute(
                select(CreditRecord, Subject)
                .join(Subject, Subject.id == CreditRecord.subject_id)
                .where(CreditRecord.id == target_id)
            )
        ).first()
        if found is None:
            raise NotFound(f"没有信用记录{target_id}", f"No record {target_id}")
        rec, subject = found
        if rec.status in ("repaired", "withdrawn"):
            raise RuleViolation(
                "该信息已修复或已撤回", "The record is already repaired or withdrawn", code="not_active"
            )
        try:
            category = RecordCategory(rec.category)
        except ValueError:
            category = rec.category
        target = dr.RepairableRecord(
            rec.id,
            code_of(subject, vault),
            category,
            rec.decision_date,
            rec.department,
            PenaltySeverity(rec.severity) if rec.severity else None,
        )
        return target, subject, rec
    row, subject = await get_entry(session, target_id)
    return to_domain(row, code_of(subject, vault)), subject, row


def _eligibility(target, on):
    return (
        dr.entry_repair_eligibility(target, on)
        if isinstance(target, dr.ListEntry)
        else dr.repair_eligibility(target, on, default_parameters())
    )


async def _check_commitment(
    session: AsyncSession, subject: Subject, data: dict
) -> tuple[str | None, dict | None]:
    """A 信用修复型 commitment: an existing one (commitment_id) or its content given inline."""
    if data.get("commitment_id"):
        try:
            from anyang_credit.models.commitments import CreditCommitment
        except ImportError:  # pragma: no cover - part A's table not present
            return data["commitment_id"], None
        c = await session.get(CreditCommitment, data["commitment_id"])
        if c is None or c.subject_id != subject.id or c.type != CommitmentType.CREDIT_REPAIR.value:
            raise RuleViolation(
                "所附承诺不是本主体的信用修复型承诺",
                "The commitment is not a 信用修复型 commitment of this subject",
                code="commitment_mismatch",
                extra={"basis": dr.BASIS_WORKFLOW},
            )
        return c.id, None
    inline = data.get("commitment") or None
    if inline and (inline.get("content") or "").strip() and (inline.get("liability_on_breach") or "").strip():
        return None, {
            "type": CommitmentType.CREDIT_REPAIR.value,
            "type_label": label(CommitmentType.CREDIT_REPAIR).text,
            "content": inline["content"],
            "liability_on_breach": inline["liability_on_breach"],
        }
    return None, None


async def _open_one(session, data: dict, initiated_by: str) -> RepairApplicationRow | None:
    """The open application of the item, when this one is it sent again (same initiator, reason and evidence);
    409 when another is open."""
    row = (await session.execute(select(RepairApplicationRow).where(
        RepairApplicationRow.target_kind == data["target_kind"], RepairApplicationRow.target_id == data["target_id"],
        RepairApplicationRow.status.in_(OPEN)))).scalars().first()
    if row is None:
        return None
    if (row.initiated_by, row.reason, list(row.evidence or [])) == (
            initiated_by, data.get("reason") or "", list(data.get("evidence") or [])):
        return row
    raise Conflict("该信息已有正在办理的修复申请", "A repair of this item is already in progress")


def _save(
    session, app: dr.RepairApplication, subject: Subject, commitment: dict | None
) -> RepairApplicationRow:
    now = utcnow()
    row = RepairApplicationRow(
        id=app.application_id,
        subject_id=subject.id,
        target_kind=app.target_kind,
        target_id=app.target_id,
        decider=app.decider,
        reason=app.reason,
        evidence=list(app.evidence),
        commitment=commitment,
        commitment_id=app.commitment_id if commitment is None else None,
        status=app.status.value,
        initiated_by=app.initiated_by,
        submitted_on=app.submitted_on,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    step = app.history[-1]
    session.add(
        RepairStep(
            application_id=row.id,
            from_status=None,
            to_status=step.to_status.value,
            on=step.on,
            by=masked_actor(step.by),
            reason=step.reason,
            at=now,
        )
    )
    return row


async def apply(
    *, session: AsyncSession, principal: Principal, vault: IdVault, data: dict
) -> RepairApplicationRow:
    """The subject applies; refused (422) before the minimum publication period with the earliest date."""
    async with session.begin():
        target, subject, _ = await _target(session, vault, data["target_kind"], data["target_id"])
        if not is_self(principal, code_of(subject, vault)):
            raise Forbidden("只能为本主体的信息申请信用修复", "You can apply only for your own records")
        if (again := await _open_one(session, data, "subject")) is not None:
            return again
        commitment_id, inline = await _check_commitment(session, subject, data)
        app_id = str(uuid.uuid4())
        app = dr.submit_application(
            app_id,
            target,
            reason=data.get("reason") or "",
            evidence=data.get("evidence") or [],
            commitment_id=commitment_id or (f"inline:{app_id}" if inline else None),
            on=business_date(),
            eligibility=_eligibility(target, business_date()),
            subject_code=code_of(subject, vault),
        )
        row = _save(session, app, subject, inline)
        await audit.record(
            session,
            kit,
            "repair.apply",
            "repair_application",
            row.id,
            {"target_kind": row.target_kind, "target_id": row.target_id},
        )
    return row


async def start_by_department(
    *, session: AsyncSession, principal: Principal, outbox: Outbox, vault: IdVault, data: dict
) -> RepairApplicationRow:
    """CP 二（九）1: the deciding department starts a repair itself (accepted at once)."""
    async with session.begin():
        target, subject, _ = await _target(session, vault, data["target_kind"], data["target_id"])
        if (again := await _open_one(session, data, "department")) is not None:
            return again
        app = dr.department_initiated(
            str(uuid.uuid4()),
            target,
            department_code=principal.org,
            reason=data.get("reason") or "",
            evidence=data.get("evidence") or [],
            on=business_date(),
            eligibility=_eligibility(target, business_date()),
            subject_code=code_of(subject, vault),
        )
        row = _save(session, app, subject, None)
        await audit.record(
            session,
            kit,
            "repair.start",
            "repair_application",
            row.id,
            {"target_kind": row.target_kind, "target_id": row.target_id},
        )
    return row


async def _steps(session, app_id: str) -> list[RepairStep]:
    return list(
        (
            await session.execute(
                select(RepairStep).where(RepairStep.application_id == app_id).order_by(RepairStep.id)
            )
        ).scalars()
    )


def _domain_app(row: RepairApplicationRow, steps: list[RepairStep]) -> dr.RepairApplication:
    history = tuple(
        dr.Transition(
            RepairStatus(s.from_status) if s.from_status else None,
            RepairStatus(s.to_status),
            s.on,
            s.by,
            s.reason,
        )
        for s in steps
    )
    return dr.RepairApplication(
        row.id,
        row.subject_id,
        row.target_kind,
        row.target_id,
        row.decider,
        row.reason,
        tuple(row.evidence or ()),
        row.commitment_id,
        RepairStatus(row.status),
        row.initiated_by,
        history,
    )


async def decide(
    *,
    session: AsyncSession,
    principal: Principal,
    outbox: Outbox,
    vault: IdVault,
    application_id: str,
    to: str,
    reason: str,
) -> RepairApplicationRow:
    """accepted / approved / rejected by the decider; approval ends the publication or the list entry."""
    async with session.begin():
        row = await session.get(RepairApplicationRow, application_id)
        if row is None:
            raise NotFound(f"没有修复申请{application_id}", f"No repair application {application_id}")
        steps = await _steps(session, row.id)
        app = dr.transition(
            _domain_app(row, steps), to, by_department=principal.org, on=business_date(), reason=reason
        )
        now = utcnow()
        row.status, row.updated_at = app.status.value, now
        step = app.history[-1]
        session.add(
            RepairStep(
                application_id=row.id,
                from_status=step.from_status.value,
                to_status=step.to_status.value,
                on=step.on,
                by=masked_actor(step.by),
                reason=step.reason,
                at=now,
            )
        )
        if app.status is RepairStatus.APPROVED:
            await _apply_approval(session, outbox, vault, row, app)
        await audit.record(
            session, kit, f"repair.{app.status.value}", "repair_application", row.id, {"reason": reason}
        )
    return row


async def _apply_approval(
    session, outbox, vault, row: RepairApplicationRow, app: dr.RepairApplication
) -> None:
    from anyang_credit.service.grades import recompute_grade

    if row.target_kind == "record":
        dr.publication_end_on_approval(app)
        rec = await session.get(CreditRecord, row.target_id)
        if rec.status in ("repaired", "withdrawn"):
            raise Conflict("该信息已修复或已撤回", "The record is already repaired or withdrawn")
        rec.publication_ended_at = rec.updated_at = utcnow()
        rec.status = RecordStatus.REPAIRED.value  # publication ends; the record stays in the archive
        await session.flush()
        await audit.record(
            session, kit, "record.repaired", "credit_record", rec.id, {"application_id": row.id}
        )
        await recompute_grade(session, rec.subject_id)
        return
    entry, subject = await get_entry(session, row.target_id)
    await end_entry(
        session,
        outbox,
        vault,
        entry,
        subject,
        reason="repair",
        on=app.history[-1].on,
        by=app.decider,
        note=f"信用修复申请{row.id}",
    )


async def get_application(session: AsyncSession, application_id: str) -> tuple[RepairApplicationRow, Subject]:
    found = (
        await session.execute(
            select(RepairApplicationRow, Subject)
            .join(Subject, Subject.id == RepairApplicationRow.subject_id)
            .where(RepairApplicationRow.id == application_id)
        )
    ).first()
    if found is None:
        raise NotFound(f"没有修复申请{application_id}", f"No repair application {application_id}")
    return found[0], found[1]


def may_read(principal: Principal, row: RepairApplicationRow, subject_code: str) -> bool:
    return is_self(principal, subject_code) or (
        principal.kind == PrincipalKind.department and principal.org == row.decider
    )


async def view(session: AsyncSession, row: RepairApplicationRow) -> dict[str, Any]:
    steps = await _steps(session, row.id)
    return {
        "id": row.id,
        "target_kind": row.target_kind,
        "target_id": row.target_id,
        "decider": row.decider,
        "status": row.status,
        "status_label": label(row.status).text,
        "initiated_by": row.initiated_by,
        "reason": row.reason,
        "evidence": row.evidence,
        "commitment_id": row.commitment_id,
        "commitment": row.commitment,
        "submitted_on": row.submitted_on.isoformat(),
        "history": [
            {
                "from_status": s.from_status,
                "to_status": s.to_status,
                "on": s.on.isoformat(),
                "by": s.by,
                "reason": s.reason,
            }
            for s in steps
        ],
        "free_of_charge": dr.free_of_charge(),
    }


async def list_for(
    session: AsyncSession, principal: Principal, subject: Subject | None
) -> list[RepairApplicationRow]:
    q = select(RepairApplicationRow).order_by(RepairApplicationRow.created_at.desc())
    if subject is not None:
        q = q.where(RepairApplicationRow.subject_id == subject.id)
    else:
        q = q.where(RepairApplicationRow.decider == principal.org)
    return list((await session.execute(q.limit(500))).scalars())
