"""Construction parties (安政办〔2023〕2号 第十条), the start of construction and the completion acceptance
with its 15-day report to the county gas authority (第十一条)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_hydrogen.domain import construction as rules
from anyang_hydrogen.domain import stations as station_rules
from anyang_hydrogen.models import kit
from anyang_hydrogen.models.construction import Acceptance, ConstructionParty
from anyang_hydrogen.schemas.construction import AcceptanceIn, PartyIn
from anyang_hydrogen.service.access import check_area_authority, check_station_access, is_operator
from anyang_hydrogen.service.paging import paged
from anyang_hydrogen.service.refusals import ensure
from anyang_hydrogen.service.stations import load_station, move
from govkit import audit
from govkit.auth import Principal
from govkit.clock import business_date, utcnow
from govkit.errors import Forbidden, RuleViolation


async def add_party(*, session: AsyncSession, principal: Principal, station_id: str, data: PartyIn
                    ) -> ConstructionParty:
    async with session.begin():
        station = await load_station(session, station_id)
        check_station_access(principal, region=station.region, operator_code=station.operator_code)
        party = ConstructionParty(
            id=str(uuid.uuid4()), station_id=station.id, role=data.role.value, name=data.name, code=data.code,
            qualification=data.qualification, certificate_number=data.certificate_number, created_at=utcnow())
        session.add(party)
        await session.flush()
        await audit.record(session, kit, "station.party.add", "station", station.id,
                           {"role": data.role.value, "code": data.code,
                            "certificate_number": data.certificate_number})
    return party


async def list_parties(*, session: AsyncSession, station_id: str, limit: int, offset: int
                       ) -> tuple[list[ConstructionParty], int]:
    await load_station(session, station_id)
    return await paged(session, select(ConstructionParty).where(ConstructionParty.station_id == station_id),
                       ConstructionParty.role, ConstructionParty.created_at, limit=limit, offset=offset)


async def start_construction(*, session: AsyncSession, principal: Principal, station_id: str, reason: str):
    """planned → under_construction: 第十条 parties recorded; 第九条 land use fits the station's use."""
    async with session.begin():
        station = await load_station(session, station_id)
        check_station_access(principal, region=station.region, operator_code=station.operator_code)
        if not (station.use and station.land_use and station.media):
            raise RuleViolation(
                "开工前须登记加氢站的介质、用途和用地性质（安政办〔2023〕2号 第三条、第九条）",
                "Medium, use and land use must be recorded before construction (Art. 3, 9)",
                errors=[{"field": f, "message": "required before construction"}
                        for f in ("media", "use", "land_use") if not getattr(station, f)])
        ensure(station_rules.check_land_use(station.use, station.land_use, station.site_setting), field="land_use")
        roles = set((await session.execute(select(ConstructionParty.role).where(
            ConstructionParty.station_id == station.id))).scalars())
        ensure(rules.check_parties(roles))
        move(station, station_rules.Status.under_construction)
        await audit.record(session, kit, "station.construction", "station", station.id, {"reason": reason})
    return station


async def record_acceptance(*, session: AsyncSession, principal: Principal, station_id: str, data: AcceptanceIn
                            ) -> Acceptance:
    """第十一条: the builder's completion acceptance with the safety acceptance evaluation report, reported to the
    county gas authority; online the report is received the day it is sent (the service's clock), a paper
    report is entered by that authority with the day it was handed in."""
    async with session.begin():
        station = await load_station(session, station_id)
        today = business_date()
        if is_operator(principal, station.operator_code):
            if data.reported_on is not None and data.reported_on != today:
                raise RuleViolation("网上报送之日由系统记录，经营企业不能另行填写",
                                    "An online report is received the day it is sent; reported_on is not set "
                                    "by the operator",
                                    errors=[{"field": "reported_on", "message": "set by the service"}])
            reported_on, channel = today, "online"
        else:
            if not principal.has("hydrogen.county"):
                raise Forbidden("竣工验收情况由建设单位报送，或由县级燃气主管部门录入",
                                "The acceptance is reported by the builder or entered by the county authority")
            check_area_authority(principal, station.region, "录入竣工验收备案", "Entering an acceptance report",
                                 rules.ACCEPTANCE_BASIS)
            if data.reported_on is None:
                raise RuleViolation("录入纸质报送须填写递交之日", "A paper report needs the day it was handed in",
                                    errors=[{"field": "reported_on", "message": "required"}])
            reported_on, channel = data.reported_on, "paper"
        if data.accepted_on > today:
            raise RuleViolation("竣工验收日期不能晚于今天", "accepted_on cannot be in the future",
                                errors=[{"field": "accepted_on", "message": "in the future"}])
        if not data.accepted_on <= reported_on <= today:
            raise RuleViolation("报送日期应在竣工验收之日与今天之间",
                                "reported_on must lie between acceptance and today",
                                errors=[{"field": "reported_on", "message": "out of range"}])
        move(station, station_rules.Status.accepted)
        due = rules.report_due(data.accepted_on)
        acceptance = Acceptance(
            id=str(uuid.uuid4()), station_id=station.id, accepted_on=data.accepted_on,
            evaluation_agency=data.evaluation_agency, evaluation_report_number=data.evaluation_report_number,
            summary=data.summary, reported_on=reported_on, report_due=due.due, due_provisional=due.provisional,
            due_basis=f"{rules.ACCEPTANCE_BASIS}；{due.basis}",
            report_late=bool(rules.report_late(reported_on, due.due)), channel=channel,
            entered_by=principal.org, created_at=utcnow())
        session.add(acceptance)
        await session.flush()
        await audit.record(session, kit, "station.acceptance", "acceptance", acceptance.id,
                           {"station_id": station.id, "accepted_on": data.accepted_on.isoformat(),
                            "reported_on": reported_on.isoformat(), "late": acceptance.report_late,
                            "channel": channel})
    return acceptance


async def list_acceptances(*, session: AsyncSession, station_id: str, limit: int, offset: int
                           ) -> tuple[list[Acceptance], int]:
    await load_station(session, station_id)
    return await paged(session, select(Acceptance).where(Acceptance.station_id == station_id),
                       Acceptance.accepted_on, Acceptance.id, limit=limit, offset=offset)
