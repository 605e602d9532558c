"""Registering stations, their lifecycle (安政办〔2023〕2号 第三条、第九条), operating filings and their
3-working-day verification (第十三条、第十四条), opening and closure."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_hydrogen.domain import conditions as cond_rules
from anyang_hydrogen.domain import filing as filing_rules
from anyang_hydrogen.domain import plan as plan_rules
from anyang_hydrogen.domain import stations as rules
from anyang_hydrogen.models import kit
from anyang_hydrogen.models.construction import Acceptance
from anyang_hydrogen.models.plan import PlanSite
from anyang_hydrogen.models.stations import Filing, Station
from anyang_hydrogen.schemas.stations import FilingIn, OpeningIn, StationIn, VerificationIn
from anyang_hydrogen.service.access import (
    VERIFY_BASIS,
    check_area_authority,
    check_operator,
    check_station_access,
    is_area_authority,
    is_county,
    is_operator,
    is_regulator,
)
from anyang_hydrogen.service.refusals import ensure, refuse
from anyang_hydrogen.service.regions import check_region
from govkit import audit
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date, utcnow
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation
from govkit.events import Outbox


def effective_status(s: Station, today: date | None = None) -> str:
    """A verified station operates from the opening date its operator recorded (第十三条)."""
    if s.status == rules.Status.verified and s.opening_date and s.opening_date <= (today or business_date()):
        return rules.Status.operating.value
    return s.status


def operating_clause(today: date):
    """SQL twin of effective_status == operating."""
    return or_(Station.status == rules.Status.operating.value,
               and_(Station.status == rules.Status.verified.value, Station.opening_date <= today))


def move(station: Station, target: rules.Status) -> None:
    """A guarded lifecycle step (409 naming the allowed steps when it is not one)."""
    ensure(rules.check_transition(effective_status(station), target.value), conflict=True)
    station.status = target.value


async def register_station(
    *, session: AsyncSession, principal: Principal, outbox: Outbox, data: StationIn, station_id: str | None = None
) -> Station:
    async with session.begin():
        check_region(data.region)
        if principal.kind == PrincipalKind.enterprise:
            if data.operator_code and data.operator_code != principal.org:
                raise Forbidden(
                    "经营企业只能登记本企业的加氢站", "An operator registers only its own stations"
                )
            operator_code, operator_name = principal.org, data.operator_name or principal.name
        elif is_regulator(principal) or is_county(principal):
            if not data.operator_code:
                raise RuleViolation(
                    "主管部门登记加氢站须填写经营企业统一社会信用代码",
                    "operator_code is required when an authority registers a station",
                    errors=[{"field": "operator_code", "message": "required"}],
                )
            operator_code, operator_name = data.operator_code, data.operator_name
        else:
            raise Forbidden(
                "加氢站由经营企业或城镇燃气主管部门登记",
                "Stations are registered by their operator or the gas authority",
            )
        check_station_access(principal, region=data.region, operator_code=operator_code)
        if data.use and data.land_use:
            ensure(rules.check_land_use(data.use, data.land_use, data.site_setting), field="land_use")
        if data.plan_site_id:
            site = await session.get(PlanSite, data.plan_site_id)
            if site is None:
                raise RuleViolation(f"没有规划点位 {data.plan_site_id}", f"No plan site {data.plan_site_id}",
                                    errors=[{"field": "plan_site_id", "message": "unknown"}])
            ensure(plan_rules.check_in_plan(data.region, site.plan_area), field="plan_site_id")
        station = Station(
            id=station_id or str(uuid.uuid4()),
            name=data.name,
            kind=data.kind.value,
            operator_code=operator_code,
            operator_name=operator_name,
            region=data.region,
            address=data.address,
            status=rules.Status.planned.value,
            created_at=utcnow(),
            media=[m.value for m in data.media] if data.media else None,
            use=data.use.value if data.use else None,
            land_use=data.land_use.value if data.land_use else None,
            site_setting=data.site_setting.value if data.site_setting else None,
            combined_with=[c.value for c in data.combined_with],
            latitude=data.latitude,
            longitude=data.longitude,
            plan_site_id=data.plan_site_id,
        )
        session.add(station)
        await session.flush()
        await audit.record(
            session,
            kit,
            "station.register",
            "station",
            station.id,
            {"operator_code": operator_code, "region": data.region, "name": data.name},
        )
    return station


async def load_station(session: AsyncSession, station_id: str) -> Station:
    station = await session.get(Station, station_id)
    if station is None:
        raise NotFound(f"没有加氢站 {station_id}", f"No station {station_id}")
    return station


async def get_station(*, session: AsyncSession, station_id: str) -> Station:
    return await load_station(session, station_id)


async def list_stations(
    *,
    session: AsyncSession,
    principal: Principal,
    limit: int,
    offset: int,
    region: str | None = None,
    operator_code: str | None = None,
) -> tuple[list[Station], int]:
    """The public sees operating stations only; the gas authority its stations in every status (city: all,
    county: its area), an operator its own."""
    q = select(Station)
    if is_regulator(principal):
        pass
    elif is_county(principal):
        q = q.where(Station.region == principal.region)
    elif principal.kind == PrincipalKind.enterprise and operator_code == principal.org:
        q = q.where(Station.operator_code == principal.org)
    else:
        q = q.where(operating_clause(business_date()))
    if region:
        q = q.where(Station.region == region)
    if operator_code:
        q = q.where(Station.operator_code == operator_code)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = (
        await session.execute(q.order_by(Station.created_at, Station.id).limit(limit).offset(offset))
    ).scalars()
    return list(rows), total


async def latest_acceptance(session: AsyncSession, station_id: str) -> Acceptance | None:
    return (await session.execute(select(Acceptance).where(Acceptance.station_id == station_id)
                                  .order_by(Acceptance.accepted_on.desc()).limit(1))).scalar_one_or_none()


def _received_on(principal: Principal, station: Station, given: date | None, acceptance: Acceptance) -> tuple[
        date, str]:
    """第十三条: the period runs from the day the county authority received the filing. Online: the day it is
    submitted (the service's clock); a paper filing is entered by that authority with the day it was handed
    in — not in the future, not before the acceptance."""
    today = business_date()
    if is_operator(principal, station.operator_code):
        if given is not None and given != today:
            raise RuleViolation(
                "网上报备的接收日期为提交当日，由系统记录，经营企业不能另行填写",
                "An online filing is received the day it is submitted; the operator does not set received_on",
                errors=[{"field": "received_on", "message": "set by the service"}])
        return today, "online"
    check_area_authority(principal, station.region, "纸质报备的录入", "Entering a paper filing", VERIFY_BASIS)
    if given is None:
        raise RuleViolation("录入纸质报备须填写递交之日", "A paper filing needs the day it was handed in",
                            errors=[{"field": "received_on", "message": "required for a paper filing"}])
    if given > today or given < acceptance.accepted_on:
        raise RuleViolation(
            f"纸质报备递交日期应在竣工验收之日（{acceptance.accepted_on.isoformat()}）与今天之间",
            f"received_on must lie between the acceptance ({acceptance.accepted_on}) and today",
            errors=[{"field": "received_on", "message": "out of range"}])
    return given, "paper"


async def submit_filing(
    *, session: AsyncSession, principal: Principal, outbox: Outbox, station_id: str, data: FilingIn
) -> Filing:
    """第十三条: the operator files with its county gas authority (or that authority enters a paper filing);
    第十四条: all required materials; 第十一条、第十四条（二）: not without a recorded acceptance; 第十二条（一）:
    only for a site in its area's plan."""
    async with session.begin():
        station = await load_station(session, station_id)
        if not (is_operator(principal, station.operator_code) or is_area_authority(principal, station.region)):
            raise Forbidden(
                "报备由该站经营企业提交，或由所在县（市、区）燃气主管部门录入纸质报备（安政办〔2023〕2号 第十三条）",
                "The filing is submitted by the station's operator, or entered on paper by its county authority",
            )
        move(station, rules.Status.filed)
        acceptance = await latest_acceptance(session, station.id)
        if acceptance is None:
            raise RuleViolation(
                "未经竣工验收的加氢站不得报备（安政办〔2023〕2号 第十一条、第十四条（二））",
                "A station without a recorded completion acceptance cannot file (Art. 11, 14(2))",
                code="acceptance-missing", extra={"basis": "安政办〔2023〕2号 第十一条、第十四条（二）"})
        site_area = None
        if station.plan_site_id:
            site_area = (await session.get(PlanSite, station.plan_site_id)).plan_area
        ensure(plan_rules.check_in_plan(station.region, site_area))
        received_on, channel = _received_on(principal, station, data.received_on, acceptance)
        unknown = sorted(set(data.materials) - set(filing_rules.MATERIALS))
        if unknown:
            raise RuleViolation(
                f"未知的材料代码：{'、'.join(unknown)}",
                f"Unknown material codes: {unknown}",
                errors=[{"field": "materials", "message": f"unknown: {unknown}"}],
            )
        materials = filing_rules.check_materials(data.materials, received_on)
        if not materials:
            raise RuleViolation(
                materials.reason_zh,
                materials.reason_en,
                extra={"basis": materials.basis, "missing": materials.facts["missing"]},
            )
        due = filing_rules.verification_due(received_on)
        filing = Filing(
            id=str(uuid.uuid4()),
            station_id=station.id,
            materials=sorted(set(data.materials)),
            received_on=received_on,
            verification_due=due.due,
            due_provisional=due.provisional,
            due_basis=filing_rules.due_basis(received_on, due),
            status="submitted",
            created_at=utcnow(),
            channel=channel,
            entered_by=principal.org,
        )
        session.add(filing)
        await session.flush()
        await audit.record(
            session,
            kit,
            "filing.submit",
            "filing",
            filing.id,
            {"station_id": station.id, "verification_due": due.due.isoformat(), "channel": channel,
             "received_on": received_on.isoformat()},
        )
    return filing


async def verify_filing(
    *, session: AsyncSession, principal: Principal, outbox: Outbox, filing_id: str, data: VerificationIn
) -> Filing:
    """第十三条: the county gas authority of the station's area reviews the materials and checks on site,
    recording every condition of 第十二条; only then may the station operate."""
    async with session.begin():
        filing = await session.get(Filing, filing_id)
        if filing is None:
            raise NotFound(f"没有报备 {filing_id}", f"No filing {filing_id}")
        station = await load_station(session, filing.station_id)
        check_area_authority(principal, station.region, "报备核验", "Verification", VERIFY_BASIS)
        if filing.status != "submitted":
            raise Conflict("该报备已核验", "This filing has already been verified")
        today = business_date()
        if not filing.received_on <= data.verified_on <= today:
            raise RuleViolation(
                "核验日期应在接到报备之日与今天之间",
                "verified_on must lie between receipt and today",
                errors=[{"field": "verified_on", "message": "out of range"}],
            )
        unknown = sorted({c.code for c in data.conditions} - set(cond_rules.CONDITIONS))
        if unknown:
            raise RuleViolation(f"未知的经营条件代码：{'、'.join(unknown)}", f"Unknown condition codes: {unknown}",
                                errors=[{"field": "conditions", "message": f"unknown: {unknown}"}])
        results = cond_rules.evaluate(
            [cond_rules.ConditionFact(c.code, c.passed, c.evidence, c.number) for c in data.conditions],
            filing.received_on)
        if data.passed:
            ensure(cond_rules.check_complete([c.code for c in data.conditions]), field="conditions")
            ensure(cond_rules.check_pass(results), field="conditions")
        move(station, rules.Status.verified if data.passed else rules.Status.rejected)
        filing.status = "verified" if data.passed else "rejected"
        filing.verified_on, filing.experts, filing.findings = data.verified_on, data.experts, data.findings
        filing.conditions = [r.__dict__ for r in results]
        filing.decided_on, filing.decided_by = today, principal.org
        filing.verified_late = today > filing.verification_due
        await audit.record(
            session,
            kit,
            "filing.verify",
            "filing",
            filing.id,
            {"passed": data.passed, "late": filing.verified_late,
             "failed": [r.code for r in results if not r.passed]},
        )
    return filing


async def list_filings(
    *,
    session: AsyncSession,
    principal: Principal,
    limit: int,
    offset: int,
    overdue_only: bool = False,
    today: date | None = None,
) -> tuple[list[Filing], int]:
    """The authority's view: every filing (city) or its area's (county); overdue = unverified past
    the due day."""
    q = select(Filing).join(Station, Station.id == Filing.station_id)
    if is_regulator(principal):
        pass
    elif is_county(principal):
        q = q.where(Station.region == principal.region)
    elif principal.kind == PrincipalKind.enterprise:
        q = q.where(Station.operator_code == principal.org)
    else:
        raise Forbidden("需要城镇燃气主管部门或经营企业", "Requires the gas authority or an operator")
    if overdue_only:
        q = q.where(Filing.status == "submitted", Filing.verification_due < (today or business_date()))
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(Filing.verification_due, Filing.id).limit(limit).offset(offset))
    return list(rows.scalars()), total


async def record_opening(
    *, session: AsyncSession, principal: Principal, station_id: str, data: OpeningIn
) -> Station:
    """第十三条 核验通过后，方可投入运营: a verified station operates from the opening date its operator records."""
    async with session.begin():
        station = await load_station(session, station_id)
        check_operator(principal, station.operator_code, "开业日期", "The opening date")
        if station.status != rules.Status.verified:
            refuse(rules.check_transition(station.status, rules.Status.operating), conflict=True)
        verified_on = (await session.execute(select(func.max(Filing.verified_on)).where(
            Filing.station_id == station.id, Filing.status == "verified"))).scalar_one()
        if verified_on and data.opening_date < verified_on:
            raise RuleViolation(
                f"开业日期不能早于核验通过之日（{verified_on.isoformat()}，安政办〔2023〕2号 第十三条）",
                f"The opening date cannot precede the verification ({verified_on})",
                errors=[{"field": "opening_date", "message": "before verification"}])
        if data.opening_date <= business_date():
            move(station, rules.Status.operating)
        station.opening_date = data.opening_date
        await audit.record(session, kit, "station.opening", "station", station.id,
                           {"opening_date": data.opening_date.isoformat()})
    return station


async def close_station(*, session: AsyncSession, principal: Principal, station_id: str, reason: str) -> Station:
    async with session.begin():
        station = await load_station(session, station_id)
        check_station_access(principal, region=station.region, operator_code=station.operator_code)
        move(station, rules.Status.closed)
        await audit.record(session, kit, "station.close", "station", station.id, {"reason": reason})
    return station


async def open_due_stations(session: AsyncSession, now) -> str:
    """Job: a verified station whose opening date has come is operating (第十三条)."""
    today = business_date(now)
    rows = (await session.execute(select(Station).where(
        Station.status == rules.Status.verified.value, Station.opening_date <= today))).scalars().all()
    for s in rows:
        s.status = rules.Status.operating.value
        await audit.record(session, kit, "station.operating", "station", s.id,
                           {"opening_date": s.opening_date.isoformat()})
    return f"{len(rows)} station(s) opened"


async def get_filing(*, session: AsyncSession, principal: Principal, filing_id: str) -> Filing:
    filing = await session.get(Filing, filing_id)
    if filing is None:
        raise NotFound(f"没有报备 {filing_id}", f"No filing {filing_id}")
    station = await load_station(session, filing.station_id)
    check_station_access(principal, region=station.region, operator_code=station.operator_code)
    return filing
