"""Supervision (安政办〔2023〕2号 第十八条–第二十条、第二十二条、第二十六条): see domain.supervision."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_hydrogen.domain import stations as station_rules
from anyang_hydrogen.domain import supervision as rules
from anyang_hydrogen.domain.penalties import PENALTY_SCOPE
from anyang_hydrogen.models import kit
from anyang_hydrogen.models.stations import Station
from anyang_hydrogen.models.supervision import (
    Assessment,
    Hazard,
    Inspection,
    Patrol,
    PatrolSchedule,
    Referral,
    SelfAssessment,
    StopOrder,
)
from anyang_hydrogen.schemas.supervision import (
    AssessmentIn,
    InspectionIn,
    PatrolIn,
    PatrolScheduleIn,
    ReferralIn,
    ReinspectionIn,
    SelfAssessmentIn,
    StopOrderIn,
)
from anyang_hydrogen.service.access import (
    check_operator,
    check_station_access,
    is_area_authority,
    is_county,
    is_regulator,
)
from anyang_hydrogen.service.paging import paged
from anyang_hydrogen.service.stations import load_station, move
from govkit import audit, refdata
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date, utcnow
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation

INSPECT = "hydrogen.inspect"


def inspector_field(p: Principal, station: Station) -> tuple[str, str]:
    """第四条、第二十条: the gas authority inspects the whole station; another department only in its field."""
    if is_regulator(p) or is_area_authority(p, station.region):
        return rules.GAS_FIELD
    if p.kind == PrincipalKind.department and p.has(INSPECT) and p.org in rules.FIELDS:
        return rules.FIELDS[p.org]
    raise Forbidden(
        f"安全监督检查由城镇燃气主管部门或有关部门在各自职责范围内进行（{rules.DOC} 第四条、第二十条）",
        f"Inspections are for the gas authority or a department in its own field ({rules.DOC} Art. 4, 20)")


def _not_future(d: date, field: str) -> None:
    if d > business_date():
        raise RuleViolation(f"{field} 不能晚于今天", f"{field} cannot be in the future",
                            errors=[{"field": field, "message": "in the future"}])


async def record_inspection(*, session: AsyncSession, principal: Principal, station_id: str, data: InspectionIn
                            ) -> tuple[Inspection, list[Hazard]]:
    async with session.begin():
        station = await load_station(session, station_id)
        field, _ = inspector_field(principal, station)
        if data.third_party_agency and field != "gas":
            raise Forbidden(f"委托第三方专业机构进行安全检查由城镇燃气主管部门决定（{rules.DOC} 第十八条）",
                            f"Only the gas authority commissions a third-party check ({rules.DOC} Art. 18)")
        _not_future(data.inspected_on, "inspected_on")
        inspection = Inspection(id=str(uuid.uuid4()), station_id=station.id, department=principal.org, field=field,
                                third_party_agency=data.third_party_agency, inspected_on=data.inspected_on,
                                findings=data.findings, created_at=utcnow())
        session.add(inspection)
        await session.flush()
        hazards = []
        for h in data.hazards:
            if h.deadline < data.inspected_on:
                raise RuleViolation("整改期限不能早于检查日期",
                                    "A rectification deadline cannot precede the inspection",
                                    errors=[{"field": "hazards.deadline", "message": "before the inspection"}])
            hazards.append(Hazard(id=str(uuid.uuid4()), inspection_id=inspection.id, station_id=station.id,
                                  region=station.region, department=principal.org, description=h.description,
                                  deadline=h.deadline, status="open", created_at=utcnow()))
        session.add_all(hazards)
        await session.flush()
        await audit.record(session, kit, "inspection.record", "inspection", inspection.id,
                           {"station_id": station.id, "field": field, "hazards": len(hazards)})
    return inspection, hazards


async def list_inspections(*, session: AsyncSession, principal: Principal, station_id: str, limit: int, offset: int
                           ) -> tuple[list[tuple[Inspection, list[str]]], int]:
    station = await load_station(session, station_id)
    q = select(Inspection).where(Inspection.station_id == station.id)
    if not (principal.kind == PrincipalKind.department and principal.has(INSPECT)):
        check_station_access(principal, region=station.region, operator_code=station.operator_code)
    elif not (is_regulator(principal) or is_county(principal)):
        q = q.where(Inspection.department == principal.org)  # another department: its own inspections
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = list((await session.execute(q.order_by(Inspection.inspected_on.desc(), Inspection.id).limit(limit)
                                       .offset(offset))).scalars())
    hazard_rows = await session.execute(select(Hazard.inspection_id, Hazard.id).where(
        Hazard.inspection_id.in_([i.id for i in rows])))
    by_inspection: dict[str, list[str]] = {}
    for iid, hid in hazard_rows:
        by_inspection.setdefault(iid, []).append(hid)
    return [(i, by_inspection.get(i.id, [])) for i in rows], total


async def _hazard(session: AsyncSession, hazard_id: str) -> Hazard:
    hazard = await session.get(Hazard, hazard_id)
    if hazard is None:
        raise NotFound(f"没有事故隐患 {hazard_id}", f"No hazard {hazard_id}")
    return hazard


async def respond(*, session: AsyncSession, principal: Principal, hazard_id: str, response: str) -> Hazard:
    """The operator's response to a rectification order (第十八条、第二十二条 及时采取措施消除隐患)."""
    async with session.begin():
        hazard = await _hazard(session, hazard_id)
        station = await load_station(session, hazard.station_id)
        check_operator(principal, station.operator_code, "整改情况", "The rectification response")
        if hazard.status == "closed":
            raise Conflict("该隐患已闭环", "This hazard is closed")
        hazard.status, hazard.response, hazard.responded_on = "responded", response, business_date()
        await audit.record(session, kit, "hazard.respond", "hazard", hazard.id,
                           {"responded_on": hazard.responded_on.isoformat()})
    return hazard


async def reinspect(*, session: AsyncSession, principal: Principal, hazard_id: str, data: ReinspectionIn) -> Hazard:
    """Re-inspection by the department that found the hazard (or the area's gas authority): closes it, or
    reopens it with a new deadline."""
    async with session.begin():
        hazard = await _hazard(session, hazard_id)
        station = await load_station(session, hazard.station_id)
        if not (principal.org == hazard.department or is_regulator(principal)
                or is_area_authority(principal, station.region)):
            raise Forbidden("复查由发现隐患的部门或所在地城镇燃气主管部门进行",
                            "Re-inspection is for the department that found the hazard or the area's gas authority")
        if hazard.status == "closed":
            raise Conflict("该隐患已闭环", "This hazard is closed")
        today = business_date()
        hazard.reinspected_on, hazard.reinspection_findings = today, data.findings
        if data.passed:
            hazard.status, hazard.closed_on = "closed", today
        else:
            if data.new_deadline is None or data.new_deadline < today:
                raise RuleViolation("复查未通过须给出不早于今天的新整改期限",
                                    "A failed re-inspection sets a new deadline not before today",
                                    errors=[{"field": "new_deadline", "message": "required"}])
            hazard.status, hazard.deadline = "open", data.new_deadline
        await audit.record(session, kit, "hazard.reinspect", "hazard", hazard.id, {"passed": data.passed})
    return hazard


async def list_hazards(*, session: AsyncSession, principal: Principal, overdue_only: bool, station_id: str | None,
                       limit: int, offset: int) -> tuple[list[Hazard], int]:
    q = select(Hazard)
    if is_regulator(principal):
        pass
    elif is_county(principal):
        q = q.where(Hazard.region == principal.region)
    elif principal.kind == PrincipalKind.department and principal.has(INSPECT):
        q = q.where(Hazard.department == principal.org)
    elif principal.kind == PrincipalKind.enterprise:
        q = q.join(Station, Station.id == Hazard.station_id).where(Station.operator_code == principal.org)
    else:
        raise Forbidden("无权查看事故隐患", "Not allowed to see hazards")
    if station_id:
        q = q.where(Hazard.station_id == station_id)
    if overdue_only:
        today = business_date()
        q = q.where(or_(Hazard.closed_on > Hazard.deadline, (Hazard.closed_on.is_(None)) & (Hazard.deadline < today)))
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(Hazard.deadline, Hazard.id).limit(limit).offset(offset))
    return list(rows.scalars()), total


async def assess(*, session: AsyncSession, principal: Principal, data: AssessmentIn) -> Assessment:
    """第十八条 组织考核评价: the gas authority (city, or the county of the operator's area)."""
    async with session.begin():
        if not (is_regulator(principal) or is_area_authority(principal, data.region)):
            raise Forbidden(f"考核评价由城镇燃气主管部门组织（{rules.DOC} 第十八条）",
                            f"Assessments are the gas authority's ({rules.DOC} Art. 18)")
        a = Assessment(id=str(uuid.uuid4()), operator_code=data.operator_code, operator_name=data.operator_name,
                       region=data.region, period=data.period, result=data.result.value, findings=data.findings,
                       assessed_on=business_date(), assessed_by=principal.org, created_at=utcnow())
        session.add(a)
        await session.flush()
        await audit.record(session, kit, "assessment.record", "assessment", a.id,
                           {"operator_code": a.operator_code, "result": a.result})
    return a


async def list_assessments(*, session: AsyncSession, principal: Principal, limit: int, offset: int
                           ) -> tuple[list[Assessment], int]:
    q = select(Assessment)
    if is_regulator(principal):
        pass
    elif is_county(principal):
        q = q.where(Assessment.region == principal.region)
    elif principal.kind == PrincipalKind.enterprise:
        q = q.where(Assessment.operator_code == principal.org)
    else:
        raise Forbidden("无权查看考核评价", "Not allowed to see assessments")
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(Assessment.assessed_on.desc(), Assessment.id).limit(limit).offset(offset))
    return list(rows.scalars()), total


async def add_schedule(*, session: AsyncSession, principal: Principal, station_id: str, data: PatrolScheduleIn
                       ) -> PatrolSchedule:
    async with session.begin():
        station = await load_station(session, station_id)
        check_operator(principal, station.operator_code, "巡检计划", "A patrol schedule")
        s = PatrolSchedule(id=str(uuid.uuid4()), station_id=station.id, equipment=data.equipment,
                           interval_days=data.interval_days, starts_on=data.starts_on, created_at=utcnow())
        session.add(s)
        await session.flush()
        await audit.record(session, kit, "patrol.schedule", "patrol_schedule", s.id, {"station_id": station.id})
    return s


async def record_patrol(*, session: AsyncSession, principal: Principal, station_id: str, schedule_id: str,
                        data: PatrolIn) -> Patrol:
    """A patrol done today (the service's date: a missed period cannot be filled in afterwards)."""
    async with session.begin():
        station = await load_station(session, station_id)
        check_operator(principal, station.operator_code, "巡检记录", "A patrol")
        schedule = await session.get(PatrolSchedule, schedule_id)
        if schedule is None or schedule.station_id != station.id:
            raise NotFound(f"没有巡检计划 {schedule_id}", f"No patrol schedule {schedule_id}")
        patrol = Patrol(id=str(uuid.uuid4()), schedule_id=schedule.id, done_on=business_date(),
                        findings=data.findings, created_at=utcnow())
        session.add(patrol)
        await session.flush()
        await audit.record(session, kit, "patrol.record", "patrol", patrol.id, {"schedule_id": schedule.id})
    return patrol


async def list_schedules(*, session: AsyncSession, principal: Principal, station_id: str, limit: int, offset: int
                         ) -> tuple[list[tuple[PatrolSchedule, list[date]]], int]:
    station = await load_station(session, station_id)
    if not (principal.kind == PrincipalKind.department and principal.has(INSPECT)):
        check_station_access(principal, region=station.region, operator_code=station.operator_code)
    schedules, total = await paged(session, select(PatrolSchedule).where(PatrolSchedule.station_id == station.id),
                                   PatrolSchedule.created_at, PatrolSchedule.id, limit=limit, offset=offset)
    done = await session.execute(select(Patrol.schedule_id, Patrol.done_on).where(
        Patrol.schedule_id.in_([s.id for s in schedules])))
    dates: dict[str, list[date]] = {}
    for sid, d in done:
        dates.setdefault(sid, []).append(d)
    return [(s, sorted(dates.get(s.id, []))) for s in schedules], total


async def self_assess(*, session: AsyncSession, principal: Principal, station_id: str, data: SelfAssessmentIn
                      ) -> SelfAssessment:
    async with session.begin():
        station = await load_station(session, station_id)
        check_operator(principal, station.operator_code, "安全评估", "A safety self-assessment")
        a = SelfAssessment(id=str(uuid.uuid4()), station_id=station.id, assessed_on=business_date(),
                           summary=data.summary, hazards_found=data.hazards_found, measures=data.measures,
                           created_at=utcnow())
        session.add(a)
        await session.flush()
        await audit.record(session, kit, "self_assessment.record", "self_assessment", a.id, {"station_id": station.id})
    return a


async def list_self_assessments(*, session: AsyncSession, principal: Principal, station_id: str, limit: int,
                                offset: int) -> tuple[list[SelfAssessment], int]:
    station = await load_station(session, station_id)
    if not (principal.kind == PrincipalKind.department and principal.has(INSPECT)):
        check_station_access(principal, region=station.region, operator_code=station.operator_code)
    return await paged(session, select(SelfAssessment).where(SelfAssessment.station_id == station.id),
                       SelfAssessment.assessed_on.desc(), SelfAssessment.id, limit=limit, offset=offset)


async def refer(*, session: AsyncSession, principal: Principal, data: ReferralIn) -> Referral:
    """第二十六条: a violation found by the gas authority or an inspecting department is referred for penalty."""
    async with session.begin():
        station = await load_station(session, data.station_id)
        inspector_field(principal, station)
        try:
            to = refdata.resolve(data.to_department)
        except refdata.UnknownUnit as e:
            raise RuleViolation(str(e), str(e),
                                errors=[{"field": "to_department", "message": "unknown unit"}]) from None
        r = Referral(id=str(uuid.uuid4()), station_id=station.id, region=station.region, from_department=principal.org,
                     to_department=to.code, violated_articles=sorted(set(data.violated_articles)), facts=data.facts,
                     referred_on=business_date(), created_at=utcnow())
        session.add(r)
        await session.flush()
        await audit.record(session, kit, "referral.record", "referral", r.id,
                           {"station_id": station.id, "to": to.code})
    return r


async def list_referrals(*, session: AsyncSession, principal: Principal, limit: int, offset: int
                         ) -> tuple[list[Referral], int]:
    q = select(Referral)
    if is_regulator(principal):
        pass
    elif is_county(principal):
        q = q.where(Referral.region == principal.region)
    elif principal.kind == PrincipalKind.department:
        q = q.where(or_(Referral.from_department == principal.org, Referral.to_department == principal.org))
    else:
        raise Forbidden("无权查看移送记录", "Not allowed to see referrals")
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(Referral.referred_on.desc(), Referral.id).limit(limit).offset(offset))
    return list(rows.scalars()), total


def check_competent(p: Principal) -> None:
    """第二十六条: the bulletin gives the gas authority no power to stop a station; only a department deciding
    under its own law (城市管理 penalty power, or an inspecting department in its field) does."""
    if p.kind == PrincipalKind.department and (p.has(PENALTY_SCOPE) or (p.has(INSPECT) and p.org in rules.FIELDS)):
        return
    raise Forbidden(f"责令停业须由依法有权的主管部门作出（{rules.DOC} 第二十六条），城镇燃气主管部门无此权限",
                    f"A stop-operating order comes from a competent department ({rules.DOC} Art. 26)")


async def stop_order(*, session: AsyncSession, principal: Principal, station_id: str, data: StopOrderIn
                     ) -> StopOrder:
    async with session.begin():
        check_competent(principal)
        station = await load_station(session, station_id)
        _not_future(data.decided_on, "decided_on")
        move(station, station_rules.Status.suspended)
        order = StopOrder(id=str(uuid.uuid4()), station_id=station.id, department=principal.org,
                          decision_number=data.decision_number, legal_basis=data.legal_basis,
                          decided_on=data.decided_on, active=True, created_at=utcnow())
        session.add(order)
        await session.flush()
        await audit.record(session, kit, "station.stop_order", "station", station.id,
                           {"order_id": order.id, "decision_number": data.decision_number})
    return order


async def lift_order(*, session: AsyncSession, principal: Principal, station_id: str, order_id: str,
                     lifted_on: date) -> StopOrder:
    async with session.begin():
        station = await load_station(session, station_id)
        order = await session.get(StopOrder, order_id)
        if order is None or order.station_id != station.id:
            raise NotFound(f"没有停业决定 {order_id}", f"No stop order {order_id}")
        if principal.org != order.department:
            raise Forbidden("停业决定由作出决定的部门解除", "A stop order is lifted by the department that made it")
        if not order.active:
            raise Conflict("该停业决定已解除", "This stop order is already lifted")
        _not_future(lifted_on, "lifted_on")
        order.active, order.lifted_on = False, lifted_on
        others = (await session.execute(select(func.count()).select_from(StopOrder).where(
            StopOrder.station_id == station.id, StopOrder.active.is_(True), StopOrder.id != order.id))).scalar_one()
        if not others and station.status == station_rules.Status.suspended:
            move(station, station_rules.Status.operating)
        await audit.record(session, kit, "station.stop_order.lift", "station", station.id, {"order_id": order.id})
    return order


async def list_stop_orders(*, session: AsyncSession, station_id: str, limit: int, offset: int
                           ) -> tuple[list[StopOrder], int]:
    await load_station(session, station_id)
    return await paged(session, select(StopOrder).where(StopOrder.station_id == station_id),
                       StopOrder.decided_on, StopOrder.id, limit=limit, offset=offset)
