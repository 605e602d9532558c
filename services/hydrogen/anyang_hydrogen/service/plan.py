"""The development plans' approved sites (安政办〔2023〕2号 第四条（一）、第五条、第二十七条)."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_hydrogen.domain import plan as rules
from anyang_hydrogen.models import kit
from anyang_hydrogen.models.plan import PlanSite
from anyang_hydrogen.schemas.plan import PlanSiteIn
from anyang_hydrogen.service.access import is_area_authority, is_regulator
from anyang_hydrogen.service.regions import check_region
from govkit import audit
from govkit.auth import Principal
from govkit.clock import business_date, utcnow
from govkit.errors import Forbidden, NotFound, RuleViolation


def check_plan_keeper(p: Principal, area: str) -> None:
    """第四条（一）: the city gas authority keeps the city plan (市区), a county's (市) authority its own."""
    if area == rules.CITY_PLAN and is_regulator(p):
        return
    if area != rules.CITY_PLAN and (is_area_authority(p, area) or is_regulator(p)):
        return
    raise Forbidden(
        f"{rules.area_name(area)}汽车加氢站发展规划由{'市' if area == rules.CITY_PLAN else '该县（市）'}"
        f"城镇燃气主管部门编制（{rules.PLAN_BASIS}）",
        f"The {area} plan is kept by its own gas authority ({rules.PLAN_BASIS})",
        extra={"basis": rules.PLAN_BASIS},
    )


async def add_site(*, session: AsyncSession, principal: Principal, data: PlanSiteIn) -> PlanSite:
    async with session.begin():
        check_region(data.region)
        area = rules.plan_area(data.region)
        check_plan_keeper(principal, area)
        if data.added_under_art27:
            if not (data.approval_number and data.approved_on):
                raise RuleViolation(
                    f"第二十七条新增点位须经市政府同意，须填写同意文号和日期（{rules.ADDITION_BASIS}）",
                    f"A site added under Art. 27 records the city's approval ({rules.ADDITION_BASIS})",
                    errors=[{"field": "approval_number", "message": "required with added_under_art27"}],
                    extra={"basis": rules.ADDITION_BASIS},
                )
            if data.approved_on > business_date():
                raise RuleViolation("市政府同意日期不能晚于今天", "approved_on cannot be in the future",
                                    errors=[{"field": "approved_on", "message": "in the future"}])
        site = PlanSite(
            id=str(uuid.uuid4()), plan_area=area, region=data.region, name=data.name, address=data.address,
            latitude=data.latitude, longitude=data.longitude, added_under_art27=data.added_under_art27,
            approval_number=data.approval_number if data.added_under_art27 else None,
            approved_on=data.approved_on if data.added_under_art27 else None,
            created_by=principal.org, created_at=utcnow(),
        )
        session.add(site)
        await session.flush()
        await audit.record(session, kit, "plan.site.add", "plan_site", site.id,
                           {"plan_area": area, "region": data.region, "art27": data.added_under_art27})
    return site


async def load_site(session: AsyncSession, site_id: str) -> PlanSite:
    site = await session.get(PlanSite, site_id)
    if site is None:
        raise NotFound(f"没有规划点位 {site_id}", f"No plan site {site_id}")
    return site


async def list_sites(
    *, session: AsyncSession, limit: int, offset: int, plan_area: str | None = None
) -> tuple[list[PlanSite], int]:
    q = select(PlanSite)
    if plan_area:
        q = q.where(PlanSite.plan_area == plan_area)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(PlanSite.plan_area, PlanSite.name, PlanSite.id).limit(limit)
                                 .offset(offset))
    return list(rows.scalars()), total
