"""Accident reports (安政办〔2023〕2号 第二十五条) and the conclusion of their investigation.

An accident of grade 较大 or worse is announced (hydrogen.accident.reported), and so is its conclusion
(hydrogen.accident.concluded): awards acts on them (安政办〔2023〕4号 第二十四条: 较大责任事故).
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_hydrogen.domain import severity as grading
from anyang_hydrogen.models import kit
from anyang_hydrogen.models.accidents import Accident
from anyang_hydrogen.schemas.accidents import AccidentIn, ConclusionIn
from anyang_hydrogen.service.access import check_station_access, is_county, is_regulator
from anyang_hydrogen.service.stations import load_station
from govkit import audit
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date, utcnow
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation
from govkit.events import Outbox


def reported_data(a: Accident) -> dict:
    return {
        "accident_id": a.id,
        "station_id": a.station_id,
        "operator_code": a.operator_code,
        "operator_name": a.operator_name,
        "occurred_on": a.occurred_on.isoformat(),
        "severity": a.severity,
        "summary": a.summary,
    }


def concluded_data(a: Accident) -> dict:
    return {
        "accident_id": a.id,
        "operator_code": a.operator_code,
        "occurred_on": a.occurred_on.isoformat(),
        "severity": a.severity,
        "responsible": a.responsible,
        "conclusion": a.conclusion,
        "concluded_on": a.concluded_on.isoformat(),
    }


async def report_accident(
    *, session: AsyncSession, principal: Principal, outbox: Outbox, data: AccidentIn
) -> Accident:
    async with session.begin():
        station = await load_station(session, data.station_id)
        check_station_access(principal, region=station.region, operator_code=station.operator_code)
        if data.occurred_on > business_date():
            raise RuleViolation(
                "事故发生日期不能晚于今天",
                "occurred_on cannot be in the future",
                errors=[{"field": "occurred_on", "message": "in the future"}],
            )
        check = grading.check_reported_grade(
            data.severity.value, grading.Casualties(data.deaths, data.serious_injuries, data.direct_loss_yuan)
        )
        if not check:
            raise RuleViolation(
                check.reason_zh, check.reason_en, extra={"basis": check.basis, "facts": dict(check.facts)}
            )
        announce = grading.at_least(data.severity.value, grading.ANNOUNCE_FROM)
        accident = Accident(
            id=str(uuid.uuid4()),
            station_id=station.id,
            operator_code=station.operator_code,
            operator_name=station.operator_name,
            region=station.region,
            occurred_on=data.occurred_on,
            severity=data.severity.value,
            deaths=data.deaths,
            serious_injuries=data.serious_injuries,
            direct_loss_yuan=data.direct_loss_yuan,
            summary=data.summary,
            announced=announce,
            reported_by=principal.org,
            created_at=utcnow(),
        )
        session.add(accident)
        await session.flush()
        if announce:
            await outbox.emit(
                session, "hydrogen.accident.reported", accident.operator_code, reported_data(accident)
            )
        await audit.record(
            session,
            kit,
            "accident.report",
            "accident",
            accident.id,
            {"station_id": station.id, "severity": accident.severity, "announced": announce},
        )
    return accident


async def conclude_accident(
    *, session: AsyncSession, principal: Principal, outbox: Outbox, accident_id: str, data: ConclusionIn
) -> Accident:
    """Records the investigation's finding; the city records any grade, a county only 一般 in its area."""
    async with session.begin():
        accident = await load_accident(session, accident_id)
        check_station_access(
            principal, region=accident.region, operator_code=accident.operator_code, operator_allowed=False
        )
        if is_county(principal) and not is_regulator(principal):
            may = grading.county_may_record_conclusion(accident.severity)
            if not may:
                raise Forbidden(may.reason_zh, may.reason_en, extra={"basis": may.basis})
        if accident.concluded_on is not None:
            raise Conflict("该事故已有调查结论", "This accident already has an investigation conclusion")
        if not accident.occurred_on <= data.concluded_on <= business_date():
            raise RuleViolation(
                f"调查结论日期应在事故发生之日（{accident.occurred_on.isoformat()}）与今天之间",
                f"concluded_on must lie between the accident ({accident.occurred_on}) and today",
                errors=[{"field": "concluded_on", "message": "out of range"}],
            )
        accident.responsible, accident.conclusion = data.responsible, data.conclusion
        accident.concluded_on, accident.concluded_by = data.concluded_on, principal.org
        if accident.announced:
            await outbox.emit(
                session, "hydrogen.accident.concluded", accident.operator_code, concluded_data(accident)
            )
        await audit.record(
            session,
            kit,
            "accident.conclude",
            "accident",
            accident.id,
            {"responsible": data.responsible, "concluded_on": data.concluded_on.isoformat()},
        )
    return accident


async def load_accident(session: AsyncSession, accident_id: str) -> Accident:
    accident = await session.get(Accident, accident_id)
    if accident is None:
        raise NotFound(f"没有事故 {accident_id}", f"No accident {accident_id}")
    return accident


async def get_accident(*, session: AsyncSession, principal: Principal, accident_id: str) -> Accident:
    accident = await load_accident(session, accident_id)
    check_station_access(principal, region=accident.region, operator_code=accident.operator_code)
    return accident


async def list_accidents(
    *, session: AsyncSession, principal: Principal, limit: int, offset: int, station_id: str | None = None
) -> tuple[list[Accident], int]:
    q = select(Accident)
    if is_regulator(principal):
        pass
    elif is_county(principal):
        q = q.where(Accident.region == principal.region)
    elif principal.kind == PrincipalKind.enterprise:
        q = q.where(Accident.operator_code == principal.org)
    else:
        raise Forbidden("需要城镇燃气主管部门或经营企业", "Requires the gas authority or an operator")
    if station_id:
        q = q.where(Accident.station_id == station_id)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(
        q.order_by(Accident.occurred_on.desc(), Accident.id).limit(limit).offset(offset)
    )
    return list(rows.scalars()), total
