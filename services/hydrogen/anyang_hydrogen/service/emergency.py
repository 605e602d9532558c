"""Emergency plans and drills (安政办〔2023〕2号 第二十三条) and public reports (举报, 第二十四条)."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_hydrogen.domain import emergency as rules
from anyang_hydrogen.models import kit
from anyang_hydrogen.models.emergency import Drill, EmergencyPlan, PublicReport
from anyang_hydrogen.schemas.emergency import DrillIn, EmergencyPlanIn, HandlingIn, PublicReportIn
from anyang_hydrogen.service.access import check_operator, check_station_access, is_county, is_regulator
from anyang_hydrogen.service.paging import paged
from anyang_hydrogen.service.regions import check_region
from anyang_hydrogen.service.stations import load_station
from govkit import audit
from govkit.auth import Principal
from govkit.clock import business_date, utcnow
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation


async def file_plan(*, session: AsyncSession, principal: Principal, station_id: str, data: EmergencyPlanIn
                    ) -> EmergencyPlan:
    async with session.begin():
        station = await load_station(session, station_id)
        check_operator(principal, station.operator_code, "应急预案备案", "Filing an emergency plan")
        plan = EmergencyPlan(id=str(uuid.uuid4()), station_id=station.id, title=data.title, version=data.version,
                             filed_on=business_date(), created_at=utcnow())
        session.add(plan)
        await session.flush()
        await audit.record(session, kit, "emergency_plan.file", "emergency_plan", plan.id, {"station_id": station.id})
    return plan


async def list_plans(*, session: AsyncSession, principal: Principal, station_id: str, limit: int, offset: int
                     ) -> tuple[list[EmergencyPlan], int]:
    station = await load_station(session, station_id)
    check_station_access(principal, region=station.region, operator_code=station.operator_code)
    return await paged(session, select(EmergencyPlan).where(EmergencyPlan.station_id == station.id),
                       EmergencyPlan.filed_on.desc(), EmergencyPlan.id, limit=limit, offset=offset)


async def record_drill(*, session: AsyncSession, principal: Principal, station_id: str, data: DrillIn) -> Drill:
    async with session.begin():
        station = await load_station(session, station_id)
        check_operator(principal, station.operator_code, "应急演练", "A drill")
        if data.drilled_on > business_date():
            raise RuleViolation("演练日期不能晚于今天", "drilled_on cannot be in the future",
                                errors=[{"field": "drilled_on", "message": "in the future"}])
        drill = Drill(id=str(uuid.uuid4()), station_id=station.id, drilled_on=data.drilled_on, scenario=data.scenario,
                      created_at=utcnow())
        session.add(drill)
        await session.flush()
        await audit.record(session, kit, "drill.record", "drill", drill.id,
                           {"station_id": station.id, "drilled_on": data.drilled_on.isoformat()})
    return drill


async def drill_status(*, session: AsyncSession, principal: Principal, station_id: str
                       ) -> tuple[list[Drill], list[rules.HalfYear]]:
    """Every half-year since the station opened (or was registered): drilled, missed, or due now."""
    station = await load_station(session, station_id)
    check_station_access(principal, region=station.region, operator_code=station.operator_code)
    drills = list((await session.execute(select(Drill).where(Drill.station_id == station.id)
                                         .order_by(Drill.drilled_on))).scalars())
    since = station.opening_date or business_date(station.created_at)
    return drills, rules.half_years(since, [d.drilled_on for d in drills], business_date())


async def submit_report(*, session: AsyncSession, data: PublicReportIn) -> PublicReport:
    """第二十四条: anyone may report damage to facilities or warning signs; no login needed."""
    async with session.begin():
        if data.station_id:
            region = (await load_station(session, data.station_id)).region
        elif data.region:
            check_region(data.region)
            region = data.region
        else:
            raise RuleViolation("未指明加氢站时须填写所在县（市、区）", "Give the station or the region",
                                errors=[{"field": "region", "message": "required without station_id"}])
        report = PublicReport(id=str(uuid.uuid4()), station_id=data.station_id, region=region,
                              location=data.location, description=data.description, contact=data.contact,
                              status="received", received_on=business_date(), created_at=utcnow())
        session.add(report)
        await session.flush()
        await audit.record(session, kit, "report.submit", "public_report", report.id, {"region": region})
    return report


def _check_handler(p: Principal, region: str) -> None:
    if is_regulator(p) or (is_county(p) and p.region == region):
        return
    raise Forbidden("举报由城镇燃气主管部门处理（安政办〔2023〕2号 第二十四条）",
                    "Reports are handled by the gas authority (Art. 24)")


async def get_report(*, session: AsyncSession, principal: Principal, report_id: str) -> PublicReport:
    report = await session.get(PublicReport, report_id)
    if report is None:
        raise NotFound(f"没有举报 {report_id}", f"No report {report_id}")
    _check_handler(principal, report.region)
    return report


async def handle_report(*, session: AsyncSession, principal: Principal, report_id: str, data: HandlingIn
                        ) -> PublicReport:
    async with session.begin():
        report = await get_report(session=session, principal=principal, report_id=report_id)
        if report.status == "handled":
            raise Conflict("该举报已处理", "This report has been handled")
        report.status, report.handling = "handled", data.handling
        report.handled_by, report.handled_on = principal.org, business_date()
        await audit.record(session, kit, "report.handle", "public_report", report.id, {})
    return report


async def list_reports(*, session: AsyncSession, principal: Principal, limit: int, offset: int
                       ) -> tuple[list[PublicReport], int]:
    q = select(PublicReport)
    if is_regulator(principal):
        pass
    elif is_county(principal):
        q = q.where(PublicReport.region == principal.region)
    else:
        raise Forbidden("举报由城镇燃气主管部门处理", "Reports are for the gas authority")
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(PublicReport.received_on.desc(), PublicReport.id).limit(limit)
                                 .offset(offset))
    return list(rows.scalars()), total
