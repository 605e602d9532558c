"""County construction plans (二（一）: 报省政府审批，并向社会公布) and the yearly assessment (五（五）)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_housing.domain.plans import ASSESSMENT_BASIS, assess_region
from anyang_housing.domain.regions import UnknownRegion, region_unit
from anyang_housing.models import kit
from anyang_housing.models.plans import ConstructionPlan
from anyang_housing.models.projects import Project, Unit
from anyang_housing.schemas.plans import PlanApprovalIn, PlanIn
from anyang_housing.schemas.vocab import PLAN_STATUS_LABELS
from anyang_housing.service.access import is_admin, is_region_government, require_admin
from govkit import audit, refdata
from govkit.auth import Principal
from govkit.clock import business_date, utcnow
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation
from govkit.i18n import t


async def _load(session: AsyncSession, plan_id: str) -> ConstructionPlan:
    plan = await session.get(ConstructionPlan, plan_id)
    if plan is None:
        raise NotFound(f"没有建设计划 {plan_id}", f"No plan {plan_id}")
    return plan


def _may_manage(principal: Principal, region: str) -> bool:
    return is_admin(principal) or is_region_government(principal, region)


async def create(*, session: AsyncSession, principal: Principal, data: PlanIn) -> ConstructionPlan:
    async with session.begin():
        try:
            region_unit(data.region)
        except UnknownRegion:
            raise RuleViolation(f"{data.region} 不是本市县（市、区）或功能区代码", "Not a region of the city",
                                errors=[{"field": "region", "message": t("未知区域", "unknown region")}]) from None
        if not _may_manage(principal, data.region):
            raise Forbidden("年度建设计划由本县（市、区）政府编制", "Drawn up by the region's own government")
        taken = (await session.execute(select(ConstructionPlan.id).where(
            ConstructionPlan.region == data.region, ConstructionPlan.year == data.year))).first()
        if taken:
            raise Conflict(f"{data.year}年度计划已存在", f"A {data.year} plan exists already")
        plan = ConstructionPlan(id=str(uuid.uuid4()), region=data.region, year=data.year,
                                planned_units=data.planned_units, status="drafted", created_by=principal.sub,
                                created_at=utcnow())
        session.add(plan)
        await session.flush()
        await audit.record(session, kit, "plan.create", "construction_plan", plan.id, data.model_dump())
    return plan


async def approve(*, session: AsyncSession, principal: Principal, plan_id: str,
                  data: PlanApprovalIn) -> ConstructionPlan:
    """Record the provincial government's approval (报省政府审批): by the leading group office."""
    async with session.begin():
        require_admin(principal)
        plan = await _load(session, plan_id)
        if plan.status != "drafted":
            raise Conflict("计划已批准", "The plan is already approved")
        if data.approved_on > business_date():
            raise RuleViolation("批准日期不能晚于今天", "approved_on cannot be in the future",
                                errors=[{"field": "approved_on", "message": t("晚于今天", "in the future")}])
        plan.status, plan.approval_number, plan.approved_on = "approved", data.approval_number, data.approved_on
        await audit.record(session, kit, "plan.approve", "construction_plan", plan.id, data.model_dump(mode="json"))
    return plan


async def publish(*, session: AsyncSession, principal: Principal, plan_id: str) -> ConstructionPlan:
    async with session.begin():
        plan = await _load(session, plan_id)
        if not _may_manage(principal, plan.region):
            raise Forbidden("由本县（市、区）政府或市住房城乡建设局公布", "Published by the region or the office")
        if plan.status != "approved":
            raise Conflict("计划经省政府批准后方可公布", "Only an approved plan is published")
        plan.status, plan.published_on = "published", business_date()
        await audit.record(session, kit, "plan.publish", "construction_plan", plan.id)
    return plan


async def list_plans(*, session: AsyncSession, principal: Principal, year: int | None, limit: int, offset: int):
    """The public sees published plans; the office all; a region government its own."""
    q = select(ConstructionPlan)
    if is_admin(principal):
        pass
    elif principal.has("housing.region"):
        q = q.where((ConstructionPlan.region == principal.region) | (ConstructionPlan.status == "published"))
    else:
        q = q.where(ConstructionPlan.status == "published")
    if year is not None:
        q = q.where(ConstructionPlan.year == year)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(ConstructionPlan.year, ConstructionPlan.region).limit(limit).offset(offset))
    return list(rows.scalars()), total


async def _units_by_region(session: AsyncSession, column, year: int) -> dict[str, int]:
    q = (select(Project.region, func.count(Unit.id)).join(Unit, Unit.project_id == Project.id)
         .where(column >= date(year, 1, 1), column <= date(year, 12, 31)).group_by(Project.region))
    return dict((await session.execute(q)).all())


async def assessment(*, session: AsyncSession, principal: Principal, year: int) -> list[dict]:
    """五（五）: planned vs started vs completed units per county (district, county, functional zone)."""
    if not (is_admin(principal) or principal.has("housing.region")):
        raise Forbidden("年度考核由市住房城乡建设局组织", "The yearly assessment is for the housing office")
    plans = {p.region: p for p in (await session.execute(
        select(ConstructionPlan).where(ConstructionPlan.year == year))).scalars()}
    started = await _units_by_region(session, Project.started_on, year)
    completed = await _units_by_region(session, Project.completed_on, year)
    rows = []
    for u in refdata.regions():
        if not is_admin(principal) and u.code != principal.region:
            continue
        plan = plans.get(u.code)
        rows.append({"region": u.code, "region_name": u.name, "year": year,
                     "plan_status": plan.status if plan else None,
                     "plan_status_label": PLAN_STATUS_LABELS[plan.status] if plan else None, "basis": ASSESSMENT_BASIS}
                    | assess_region(planned=plan.planned_units if plan else 0, started=started.get(u.code, 0),
                                    completed=completed.get(u.code, 0)))
    return rows
