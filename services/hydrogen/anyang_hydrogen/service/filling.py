"""Cylinder registrations (安政办〔2023〕2号 第四条（六）) and fill authorisation (第七条、第十三条、第十五条、
第二十一条): a station decides a fill with a few indexed reads and records every authorised one."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_hydrogen.domain import filling as rules
from anyang_hydrogen.models import kit
from anyang_hydrogen.models.filling import Cylinder, Fill
from anyang_hydrogen.models.stations import Station
from anyang_hydrogen.schemas.filling import CylinderIn, FillIn
from anyang_hydrogen.service.access import check_operator, check_station_access, is_county, is_regulator
from anyang_hydrogen.service.refusals import refuse
from anyang_hydrogen.service.stations import effective_status, load_station
from govkit import audit
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date, utcnow
from govkit.errors import Forbidden, NotFound

CYLINDERS = "hydrogen.cylinders"
REGISTRATION_BASIS = "安政办〔2023〕2号 第四条（六）"


def check_registrar(p: Principal) -> None:
    """第四条（六）: use registration is market regulation's (scope hydrogen.cylinders), never an operator's."""
    if p.kind == PrincipalKind.department and p.has(CYLINDERS):
        return
    raise Forbidden(
        f"储氢瓶使用登记由市场监管部门办理（{REGISTRATION_BASIS}），加氢站经营企业不能登记",
        f"Cylinder use registration is market regulation's ({REGISTRATION_BASIS})",
        extra={"basis": REGISTRATION_BASIS})


def _apply(c: Cylinder, data: CylinderIn, principal: Principal, source: str) -> None:
    c.vin, c.certificate_number = data.vin, data.certificate_number
    c.valid_until, c.next_inspection_on = data.valid_until, data.next_inspection_on
    c.source, c.registered_by, c.updated_at = source, principal.org, utcnow()


async def _by_serial(session: AsyncSession, serials: list[str]) -> dict[str, Cylinder]:
    rows = await session.execute(select(Cylinder).where(Cylinder.serial.in_(serials)))
    return {c.serial: c for c in rows.scalars()}


async def upsert_cylinders(*, session: AsyncSession, principal: Principal, items: list[CylinderIn],
                           source: str) -> tuple[list[Cylinder], int]:
    """Record or import registrations keyed by serial; returns the cylinders and how many were new."""
    async with session.begin():
        check_registrar(principal)
        existing = await _by_serial(session, [i.serial for i in items])
        out, created = [], 0
        for item in items:
            c = existing.get(item.serial)
            if c is None:
                c = Cylinder(id=str(uuid.uuid4()), serial=item.serial, created_at=utcnow())
                session.add(c)
                existing[item.serial] = c
                created += 1
            _apply(c, item, principal, source)
            out.append(c)
        await session.flush()
        await audit.record(session, kit, f"cylinder.{source}", "cylinder", out[0].id if len(out) == 1 else "batch",
                           {"serials": [c.serial for c in out][:100], "count": len(out)})
    return out, created


async def get_cylinder(*, session: AsyncSession, principal: Principal, serial: str) -> Cylinder:
    if not (is_regulator(principal) or is_county(principal) or principal.has(CYLINDERS)):
        raise Forbidden("需要城镇燃气主管部门或市场监管部门", "Requires the gas authority or market regulation")
    c = (await _by_serial(session, [serial])).get(serial)
    if c is None:
        raise NotFound(f"没有气瓶 {serial} 的使用登记", f"No registration of cylinder {serial}")
    return c


async def authorise_fill(*, session: AsyncSession, principal: Principal, station_id: str, data: FillIn) -> Fill:
    """Authorise and record one fill, or refuse it naming the rule (422)."""
    async with session.begin():
        station = await load_station(session, station_id)
        check_operator(principal, station.operator_code, "加气授权", "Fill authorisation")
        today = business_date()
        cylinder = (await session.execute(select(Cylinder).where(Cylinder.serial == data.cylinder_serial))
                    ).scalar_one_or_none()
        registration = None if cylinder is None else rules.Registration(
            cylinder.serial, cylinder.vin, cylinder.certificate_number, cylinder.valid_until,
            cylinder.next_inspection_on)
        decision = rules.authorise(rules.FillRequest(
            effective_status(station, today), data.target, data.cylinder_serial, data.vin,
            data.accessories_complete, data.high_pressure_leak, today), registration)
        if not decision:
            refuse(decision)
        fill = Fill(id=str(uuid.uuid4()), station_id=station.id, cylinder_id=cylinder.id, serial=cylinder.serial,
                    vin=data.vin, certificate_number=cylinder.certificate_number, kg=data.kg, filled_at=utcnow(),
                    recorded_by=principal.sub or principal.org)
        session.add(fill)
        await audit.record(session, kit, "fill.authorise", "fill", fill.id,
                           {"station_id": station.id, "serial": cylinder.serial})
    return fill


async def list_station_fills(*, session: AsyncSession, principal: Principal, station_id: str, limit: int,
                             offset: int) -> tuple[list[Fill], int]:
    station = await load_station(session, station_id)
    if not principal.has(CYLINDERS):
        check_station_access(principal, region=station.region, operator_code=station.operator_code)
    q = select(Fill).where(Fill.station_id == station_id)
    return await _page(session, q, limit, offset)


async def list_cylinder_fills(*, session: AsyncSession, principal: Principal, serial: str, limit: int,
                              offset: int) -> tuple[list[Fill], int]:
    """The cylinder's trace: the city authority and market regulation see every fill, a county its area's,
    an operator its own stations'."""
    cylinder = (await _by_serial(session, [serial])).get(serial)
    if cylinder is None:
        raise NotFound(f"没有气瓶 {serial} 的使用登记", f"No registration of cylinder {serial}")
    q = select(Fill).where(Fill.cylinder_id == cylinder.id)
    if is_regulator(principal) or principal.has(CYLINDERS):
        pass
    elif is_county(principal):
        q = q.join(Station, Station.id == Fill.station_id).where(Station.region == principal.region)
    elif principal.kind == PrincipalKind.enterprise:
        q = q.join(Station, Station.id == Fill.station_id).where(Station.operator_code == principal.org)
    else:
        raise Forbidden("无权查看加气记录", "Not allowed to see fills")
    return await _page(session, q, limit, offset)


async def _page(session: AsyncSession, q, limit: int, offset: int) -> tuple[list[Fill], int]:
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(Fill.filled_at.desc(), Fill.id).limit(limit).offset(offset))
    return list(rows.scalars()), total
