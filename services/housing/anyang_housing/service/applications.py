"""Applications: assessed at once against 三（一） (eligibility and priority), stored with the basis."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_housing.domain.eligibility import Household, assess, per_person_area
from anyang_housing.models import kit
from anyang_housing.models.applications import Application
from anyang_housing.schemas.applications import ApplicationIn
from anyang_housing.service.access import is_admin, is_the_person
from govkit import audit
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date, utcnow
from govkit.crypto import IdVault
from govkit.errors import Forbidden, NotFound, RuleViolation
from govkit.ids import mask_id, resident_birth_date


async def submit_application(
    *, session: AsyncSession, principal: Principal, vault: IdVault, data: ApplicationIn
) -> Application:
    async with session.begin():
        if principal.kind == PrincipalKind.person:
            if principal.org.strip().upper() != data.id_number:
                raise Forbidden("个人只能为本人申请", "A person applies only for themself")
        elif not is_admin(principal):
            raise Forbidden(
                "由申请人本人或市住房城乡建设局受理", "Submitted by the applicant or the housing office"
            )
        applied_on = data.applied_on or business_date()
        if applied_on > business_date():
            raise RuleViolation(
                "申请日期不能晚于今天",
                "applied_on cannot be in the future",
                errors=[{"field": "applied_on", "message": "in the future"}],
            )
        if any(a <= 0 for a in data.owned_areas_m2):
            raise RuleViolation(
                "每套自有住房的建筑面积应大于0",
                "Each owned home's floor area must be above 0",
                errors=[{"field": "owned_areas_m2", "message": "must be > 0"}],
            )
        household = Household(
            members=data.household_members,
            owned_areas_m2=tuple(data.owned_areas_m2),
            birth_date=resident_birth_date(data.id_number),
            new_citizen=data.new_citizen,
            applied_on=applied_on,
        )
        decision = assess(household)
        app = Application(
            id=str(uuid.uuid4()),
            applicant_id_encrypted=vault.encrypt(data.id_number),
            applicant_id_hash=vault.lookup_hash(data.id_number),
            applicant_id_masked=mask_id(data.id_number),
            applicant_name=data.applicant_name,
            household_members=data.household_members,
            owned_areas_m2=[str(a) for a in data.owned_areas_m2],
            per_person_area_m2=per_person_area(household),
            new_citizen=data.new_citizen,
            applied_on=applied_on,
            eligible=decision.value,
            priority_tier=decision.facts["priority_tier"],
            decision={
                "outcome": decision.outcome,
                "basis": decision.basis,
                "facts": dict(decision.facts),
                "reason_zh": decision.reason_zh,
                "reason_en": decision.reason_en,
            },
            status="eligible" if decision.value else "ineligible",
            created_by=principal.sub,
            created_at=utcnow(),
        )
        session.add(app)
        await session.flush()
        await audit.record(
            session,
            kit,
            "application.submit",
            "application",
            app.id,
            {"eligible": decision.value, "outcome": decision.outcome},
        )
    return app


async def get_application(
    *, session: AsyncSession, principal: Principal, vault: IdVault, application_id: str
) -> Application:
    app = await session.get(Application, application_id)
    if app is None:
        raise NotFound(f"没有申请 {application_id}", f"No application {application_id}")
    if not (is_admin(principal) or is_the_person(principal, vault, app.applicant_id_hash)):
        raise Forbidden("只能查看本人的申请", "Only your own application")
    return app


async def list_applications(
    *, session: AsyncSession, principal: Principal, vault: IdVault, limit: int, offset: int
) -> tuple[list[Application], int]:
    q = select(Application)
    if is_admin(principal):
        pass
    elif principal.kind == PrincipalKind.person:
        q = q.where(Application.applicant_id_hash.in_(vault.lookup_hashes(principal.org)))
    else:
        raise Forbidden("需要 housing.admin 或申请人本人", "Requires housing.admin or the applicant")
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(
        q.order_by(Application.created_at, Application.id).limit(limit).offset(offset)
    )
    return list(rows.scalars()), total
