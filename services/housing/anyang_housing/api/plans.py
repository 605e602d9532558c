"""County construction plans and the yearly assessment (安政办〔2023〕7号 二（一）, 五（五）)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from anyang_housing.api.common import created
from anyang_housing.domain.regions import region_name
from anyang_housing.models.plans import ConstructionPlan
from anyang_housing.schemas.plans import AssessmentRow, PlanApprovalIn, PlanIn, PlanOut
from anyang_housing.schemas.vocab import PLAN_STATUS_LABELS
from anyang_housing.service import plans as svc
from govkit.auth import OptionalPrincipalDep, PrincipalDep
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(tags=["construction plans"])


def plan_out(p: ConstructionPlan) -> PlanOut:
    return PlanOut(id=p.id, region=p.region, region_name=region_name(p.region), year=p.year,
                   planned_units=p.planned_units, status=p.status, status_label=PLAN_STATUS_LABELS[p.status],
                   approval_number=p.approval_number, approved_on=p.approved_on, published_on=p.published_on)


@router.post("/construction-plans", status_code=201, response_model=PlanOut,
             summary="编制年度建设计划 / Draw up a county's annual construction plan")
async def create_plan(body: PlanIn, request: Request, response: Response, session: SessionDep,
                      principal: PrincipalDep) -> PlanOut:
    """二（一）: 各县（市、区）制定年度建设计划，报省政府审批 (the region's government, or the housing office).
    Example caller: dept-zjj (or county-linzhou for 林州市)."""
    plan = await svc.create(session=session, principal=principal, data=body)
    created(request, response, "/construction-plans")
    return plan_out(plan)


@router.post("/construction-plans/{plan_id}/approval", response_model=PlanOut,
             summary="登记省政府批准 / Record the provincial government's approval (housing office)")
async def approve_plan(plan_id: str, body: PlanApprovalIn, session: SessionDep, principal: PrincipalDep) -> PlanOut:
    """Example caller: dept-zjj."""
    return plan_out(await svc.approve(session=session, principal=principal, plan_id=plan_id, data=body))


@router.post("/construction-plans/{plan_id}/publication", response_model=PlanOut,
             summary="向社会公布 / Publish the approved plan")
async def publish_plan(plan_id: str, session: SessionDep, principal: PrincipalDep) -> PlanOut:
    return plan_out(await svc.publish(session=session, principal=principal, plan_id=plan_id))


@router.get("/construction-plans", response_model=Page[PlanOut],
            summary="年度建设计划（公众：已公布的） / Construction plans (the public: published ones)")
async def list_plans(session: SessionDep, principal: OptionalPrincipalDep, page: PageDep,
                     year: Annotated[int | None, Query(ge=2021, le=2100)] = None) -> Page[PlanOut]:
    rows, total = await svc.list_plans(session=session, principal=principal, year=year, limit=page.limit,
                                       offset=page.offset)
    return Page(items=[plan_out(p) for p in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/construction-plans/assessment", response_model=Page[AssessmentRow],
            summary="年度目标考核：计划、开工、竣工套数 / Yearly assessment: planned, started, completed units")
async def assessment(session: SessionDep, principal: PrincipalDep, page: PageDep,
                     year: Annotated[int, Query(ge=2021, le=2100)]) -> Page[AssessmentRow]:
    rows = await svc.assessment(session=session, principal=principal, year=year)
    return Page(items=[AssessmentRow(**r) for r in rows[page.offset:page.offset + page.limit]], total=len(rows),
                limit=page.limit, offset=page.offset)
