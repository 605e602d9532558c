"""Registering stations; operating filings and their 3-working-day verification (第十三条、第十四条)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_hydrogen.domain import filing as filing_rules
from anyang_hydrogen.models import kit
from anyang_hydrogen.models.stations import Filing, Station
from anyang_hydrogen.schemas.stations import FilingIn, StationIn, VerificationIn
from anyang_hydrogen.service.access import check_station_access, is_county, is_regulator
from govkit import audit, refdata
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date, utcnow
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation
from govkit.events import Outbox


def _check_region(code: str) -> None:
    """A station lies in a county, district, county-level city or functional zone (第四条)."""
    try:
        unit = refdata.unit(code)
    except refdata.UnknownUnit:
        unit = None
    if unit is None or unit.kind not in refdata.REGION_KINDS:
        raise RuleViolation(
            f"所在区域“{code}”不是本市县（市、区）或功能区代码（安政办〔2023〕2号 第四条）",
            f"Region {code!r} is not a county, district or functional zone of the city",
            errors=[{"field": "region", "message": "unknown county code"}],
        )


async def register_station(
    *, session: AsyncSession, principal: Principal, outbox: Outbox, data: StationIn
) -> Station:
    async with session.begin():
        _check_region(data.region)
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
        station = Station(
            id=str(uuid.uuid4()),
            name=data.name,
            kind=data.kind.value,
            operator_code=operator_code,
            operator_name=operator_name,
            region=data.region,
            address=data.address,
            status="registered",
            created_at=utcnow(),
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
    limit: int,
    offset: int,
    region: str | None = None,
    operator_code: str | None = None,
) -> tuple[list[Station], int]:
    q = select(Station)
    if region:
        q = q.where(Station.region == region)
    if operator_code:
        q = q.where(Station.operator_code == operator_code)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = (
        await session.execute(q.order_by(Station.created_at, Station.id).limit(limit).offset(offset))
    ).scalars()
    return list(rows), total


async def submit_filing(
    *, session: AsyncSession, principal: Principal, outbox: Outbox, station_id: str, data: FilingIn
) -> Filing:
    """第十三条: the operator files with its county gas authority; 第十四条: all required materials."""
    async with session.begin():
        station = await load_station(session, station_id)
        if not (principal.kind == PrincipalKind.enterprise and principal.org == station.operator_code):
            raise Forbidden(
                "报备由该站经营企业提交（安政办〔2023〕2号 第十三条）",
                "The filing is submitted by the station's operator (Art. 13)",
            )
        if station.status not in ("registered", "rejected"):
            raise Conflict(
                f"该站当前状态为“{station.status}”，不能再次报备",
                f"Station is {station.status}; it cannot file again",
            )
        received_on = data.received_on or business_date()
        if received_on > business_date():
            raise RuleViolation(
                "接到报备申请日期不能晚于今天",
                "received_on cannot be in the future",
                errors=[{"field": "received_on", "message": "in the future"}],
            )
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
            due_basis=f"{filing_rules.verification_reference(received_on)}；{due.basis}",
            status="submitted",
            created_at=utcnow(),
        )
        station.status = "filed"
        session.add(filing)
        await session.flush()
        await audit.record(
            session,
            kit,
            "filing.submit",
            "filing",
            filing.id,
            {"station_id": station.id, "verification_due": due.due.isoformat()},
        )
    return filing


async def verify_filing(
    *, session: AsyncSession, principal: Principal, outbox: Outbox, filing_id: str, data: VerificationIn
) -> Filing:
    """第十三条: the county gas authority reviews the materials and checks on site; only then may it
    operate."""
    async with session.begin():
        filing = await session.get(Filing, filing_id)
        if filing is None:
            raise NotFound(f"没有报备 {filing_id}", f"No filing {filing_id}")
        station = await load_station(session, filing.station_id)
        check_station_access(
            principal, region=station.region, operator_code=station.operator_code, operator_allowed=False
        )
        if filing.status != "submitted":
            raise Conflict("该报备已核验", "This filing has already been verified")
        if not filing.received_on <= data.verified_on <= business_date():
            raise RuleViolation(
                "核验日期应在接到报备之日与今天之间",
                "verified_on must lie between receipt and today",
                errors=[{"field": "verified_on", "message": "out of range"}],
            )
        filing.status = "verified" if data.passed else "rejected"
        filing.verified_on, filing.experts, filing.findings = data.verified_on, data.experts, data.findings
        station.status = filing.status
        await audit.record(
            session,
            kit,
            "filing.verify",
            "filing",
            filing.id,
            {"passed": data.passed, "late": data.verified_on > filing.verification_due},
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
