"""Fraud cases: the housing authority opens a case and confirms (or dismisses) a 骗取保障性住房 finding.

A confirmed case revokes the person's applications, ends their active leases and withdraws their open
offers (each audited), and emits housing.fraud.confirmed, on which credit records a dishonesty record
(安政〔2023〕2号 二（五）4). The event names the person by the platform-wide PersonRef (never the ID number):
{case_id, person_ref, person_id_masked, person_name, decision_number, decided_on, department, facts,
leases_ended, offers_withdrawn}.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_housing.models import kit
from anyang_housing.models.applications import Application
from anyang_housing.models.fraud import FraudCase
from anyang_housing.schemas.fraud import ConfirmationIn, FraudCaseIn
from anyang_housing.service.access import is_admin, is_the_person, require_admin
from anyang_housing.service.allocation import end_for_fraud
from govkit import audit
from govkit.auth import Principal
from govkit.clock import business_date, utcnow
from govkit.crypto import IdVault, PersonRef
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation
from govkit.events import Outbox
from govkit.i18n import t
from govkit.ids import mask_id


async def open_case(
    *, session: AsyncSession, principal: Principal, vault: IdVault, data: FraudCaseIn
) -> FraudCase:
    async with session.begin():
        require_admin(principal)
        name = data.person_name
        if data.application_id:
            app = await session.get(Application, data.application_id)
            if app is None:
                raise NotFound(f"没有申请 {data.application_id}", f"No application {data.application_id}")
            id_number = vault.decrypt(app.applicant_id_encrypted)
            if data.id_number and data.id_number != id_number:
                raise RuleViolation(
                    "身份证号与涉案申请的申请人不一致",
                    "id_number is not the application's applicant",
                    errors=[{"field": "id_number",
                             "message": t("与涉案申请的申请人不一致", "does not match the application")}],
                )
            name = name or app.applicant_name
        else:
            id_number = data.id_number
        if not name:
            raise RuleViolation(
                "须填写当事人姓名",
                "person_name is required",
                errors=[{"field": "person_name", "message": t("必填", "required")}],
            )
        case = FraudCase(
            id=str(uuid.uuid4()),
            application_id=data.application_id,
            person_id_encrypted=vault.encrypt(id_number),
            person_id_hash=vault.lookup_hash(id_number),
            person_id_masked=mask_id(id_number),
            person_name=name,
            facts=data.facts,
            status="open",
            department=principal.org,
            opened_at=utcnow(),
        )
        session.add(case)
        await session.flush()
        await audit.record(
            session, kit, "fraud_case.open", "fraud_case", case.id, {"application_id": data.application_id}
        )
    return case


async def _load(session: AsyncSession, case_id: str) -> FraudCase:
    case = await session.get(FraudCase, case_id)
    if case is None:
        raise NotFound(f"没有案件 {case_id}", f"No case {case_id}")
    return case


async def confirm_case(
    *,
    session: AsyncSession,
    principal: Principal,
    vault: IdVault,
    person_ref: PersonRef,
    outbox: Outbox,
    case_id: str,
    data: ConfirmationIn,
) -> FraudCase:
    async with session.begin():
        require_admin(principal)
        case = await _load(session, case_id)
        if case.status != "open":
            raise Conflict(
                f"案件已{'认定' if case.status == 'confirmed' else '撤销'}，不能再认定",
                f"The case is already {case.status}",
            )
        if data.decided_on > business_date():
            raise RuleViolation(
                "认定日期不能晚于今天",
                "decided_on cannot be in the future",
                errors=[{"field": "decided_on", "message": t("晚于今天", "in the future")}],
            )
        taken = await session.execute(
            select(FraudCase.id).where(FraudCase.decision_number == data.decision_number)
        )
        if taken.first() is not None:
            raise Conflict(
                f"文号 {data.decision_number} 已用于另一案件",
                f"Decision number {data.decision_number} is used by another case",
            )
        case.status, case.decision_number, case.decided_on = (
            "confirmed",
            data.decision_number,
            data.decided_on,
        )
        case.facts, case.closed_at = data.facts or case.facts, utcnow()
        id_number = vault.decrypt(case.person_id_encrypted)
        hashes = vault.lookup_hashes(id_number)
        revoked = await session.execute(
            update(Application)
            .where(Application.applicant_id_hash.in_(hashes), Application.status != "revoked")
            .values(status="revoked", queue_status=None)
        )
        ended = await end_for_fraud(session, hashes, case.id)
        await outbox.emit(
            session,
            "housing.fraud.confirmed",
            case.id,
            {
                "case_id": case.id,
                "person_ref": person_ref.ref(id_number),
                "person_id_masked": case.person_id_masked,
                "person_name": case.person_name,
                "decision_number": case.decision_number,
                "decided_on": case.decided_on.isoformat(),
                "department": case.department,
                "facts": case.facts,
            }
            | ended,
        )
        await audit.record(
            session,
            kit,
            "fraud_case.confirm",
            "fraud_case",
            case.id,
            {"decision_number": data.decision_number, "applications_revoked": revoked.rowcount} | ended,
        )
    return case


async def dismiss_case(
    *, session: AsyncSession, principal: Principal, case_id: str, reason: str
) -> FraudCase:
    async with session.begin():
        require_admin(principal)
        case = await _load(session, case_id)
        if case.status != "open":
            raise Conflict(f"案件状态为 {case.status}，不能撤销", f"The case is {case.status}")
        case.status, case.closed_at = "dismissed", utcnow()
        await audit.record(session, kit, "fraud_case.dismiss", "fraud_case", case.id, {"reason": reason})
    return case


async def get_case(*, session: AsyncSession, principal: Principal, vault: IdVault, case_id: str) -> FraudCase:
    case = await _load(session, case_id)
    if not (is_admin(principal) or is_the_person(principal, vault, case.person_id_hash)):
        raise Forbidden("无权查看该案件", "Not allowed to see this case")
    return case


async def list_cases(
    *, session: AsyncSession, principal: Principal, limit: int, offset: int
) -> tuple[list[FraudCase], int]:
    require_admin(principal)
    q = select(FraudCase)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(FraudCase.opened_at, FraudCase.id).limit(limit).offset(offset))
    return list(rows.scalars()), total
