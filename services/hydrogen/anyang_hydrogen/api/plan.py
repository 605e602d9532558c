"""The development plans' approved sites (第四条（一）、第五条、第二十七条): public to read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from anyang_hydrogen.domain import plan as rules
from anyang_hydrogen.models.plan import PlanSite
from anyang_hydrogen.schemas.plan import PlanSiteIn, PlanSiteOut
from anyang_hydrogen.service import plan as svc
from anyang_hydrogen.service.access import region_name
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.location import set_location
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/plan", tags=["plan"])


def site_out(s: PlanSite) -> PlanSiteOut:
    return PlanSiteOut(
        id=s.id, plan_area=s.plan_area, plan_area_name=rules.area_name(s.plan_area), region=s.region,
        region_name=region_name(s.region), name=s.name, address=s.address, latitude=s.latitude,
        longitude=s.longitude, added_under_art27=s.added_under_art27, approval_number=s.approval_number,
        approved_on=s.approved_on,
        basis=rules.ADDITION_BASIS if s.added_under_art27 else rules.PLAN_BASIS,
    )


@router.post("/sites", status_code=201, response_model=PlanSiteOut,
             summary="新增规划点位 / Add an approved site to an area's development plan")
async def add_site(body: PlanSiteIn, request: Request, response: Response, session: SessionDep,
                   principal: PrincipalDep) -> PlanSiteOut:
    """The city gas authority (dept-cgj) keeps the plan of the city districts and functional zones; a county's
    (市) gas authority its own county's plan. A site added under 第二十七条 records the city's approval."""
    site = await svc.add_site(session=session, principal=principal, data=body)
    set_location(request, response, f"/plan/sites/{site.id}")
    return site_out(site)


@router.get("/sites", response_model=Page[PlanSiteOut], summary="规划点位（免登录） / Plan sites (public)")
async def list_sites(session: SessionDep, page: PageDep,
                     plan_area: Annotated[str | None, Query(pattern=r"^\d{6}$")] = None) -> Page[PlanSiteOut]:
    rows, total = await svc.list_sites(session=session, limit=page.limit, offset=page.offset, plan_area=plan_area)
    return Page(items=[site_out(s) for s in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/sites/{site_id}", response_model=PlanSiteOut, summary="一个规划点位 / One plan site")
async def get_site(site_id: str, session: SessionDep) -> PlanSiteOut:
    return site_out(await svc.load_site(session, site_id))
