"""Cylinder registrations (第四条（六）) and fill authorisation with its traceability records (第十五条、第二十一条)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from anyang_hydrogen.domain.filling import DOC
from anyang_hydrogen.models.filling import Cylinder, Fill
from anyang_hydrogen.schemas.filling import CylinderImportIn, CylinderIn, CylinderOut, FillIn, FillOut, ImportOut
from anyang_hydrogen.service import filling as svc
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.location import set_location
from govkit.pagination import Page, PageDep

router = APIRouter(tags=["filling"])


def cylinder_out(c: Cylinder) -> CylinderOut:
    return CylinderOut(id=c.id, serial=c.serial, vin=c.vin, certificate_number=c.certificate_number,
                       valid_until=c.valid_until, next_inspection_on=c.next_inspection_on, source=c.source)


def fill_out(f: Fill) -> FillOut:
    return FillOut(id=f.id, station_id=f.station_id, cylinder_id=f.cylinder_id, serial=f.serial, vin=f.vin,
                   certificate_number=f.certificate_number, kg=f.kg, filled_at=f.filled_at,
                   basis=f"{DOC} 第十五条、第二十一条")


@router.post("/cylinders", status_code=201, response_model=CylinderOut,
             summary="登记车用储氢瓶使用登记 / Record a cylinder's use registration (market regulation)")
async def record_cylinder(body: CylinderIn, request: Request, response: Response, session: SessionDep,
                          principal: PrincipalDep) -> CylinderOut:
    """Market regulation (dept-scjg, scope hydrogen.cylinders) records a registration (第四条（六）)."""
    [c], _ = await svc.upsert_cylinders(session=session, principal=principal, items=[body], source="recorded")
    set_location(request, response, f"/cylinders/{c.serial}")
    return cylinder_out(c)


@router.post("/cylinders/import", response_model=ImportOut,
             summary="导入储氢瓶使用登记 / Import cylinder registrations (market regulation)")
async def import_cylinders(body: CylinderImportIn, session: SessionDep, principal: PrincipalDep) -> ImportOut:
    """Registrations from market regulation's system (dept-scjg), keyed by serial (new ones added, known ones
    updated)."""
    rows, created = await svc.upsert_cylinders(session=session, principal=principal, items=body.items,
                                               source="imported")
    return ImportOut(created=created, updated=len(rows) - created)


@router.get("/cylinders/{serial}", response_model=CylinderOut, summary="一个储氢瓶的使用登记 / One registration")
async def get_cylinder(serial: str, session: SessionDep, principal: PrincipalDep) -> CylinderOut:
    return cylinder_out(await svc.get_cylinder(session=session, principal=principal, serial=serial))


@router.get("/cylinders/{serial}/fills", response_model=Page[FillOut],
            summary="储氢瓶加气追溯 / Fills of one cylinder (traceability)")
async def cylinder_fills(serial: str, session: SessionDep, principal: PrincipalDep, page: PageDep) -> Page[FillOut]:
    rows, total = await svc.list_cylinder_fills(session=session, principal=principal, serial=serial,
                                                limit=page.limit, offset=page.offset)
    return Page(items=[fill_out(f) for f in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/stations/{station_id}/fills", status_code=201, response_model=FillOut,
             summary="加气授权 / Authorise and record a fill (第十五条、第二十一条)",
             responses={422: {"description": "拒绝加气：`rule` 指明规则（station_not_operating, not_vehicle_cylinder, "
                                              "unregistered_cylinder, registration_mismatch, registration_expired, "
                                              "accessories_missing, high_pressure_leak, inspection_overdue）"}})
async def authorise_fill(station_id: str, body: FillIn, request: Request, response: Response, session: SessionDep,
                         principal: PrincipalDep) -> FillOut:
    """The station's operator (ent-demo2 at the demo station) asks before each fill: 201 authorised and recorded,
    or 422 refused with `rule`, `basis` and `facts`."""
    fill = await svc.authorise_fill(session=session, principal=principal, station_id=station_id, data=body)
    set_location(request, response, f"/stations/{station_id}/fills")
    return fill_out(fill)


@router.get("/stations/{station_id}/fills", response_model=Page[FillOut],
            summary="加气记录 / Fills recorded at a station")
async def station_fills(station_id: str, session: SessionDep, principal: PrincipalDep, page: PageDep
                        ) -> Page[FillOut]:
    rows, total = await svc.list_station_fills(session=session, principal=principal, station_id=station_id,
                                               limit=page.limit, offset=page.offset)
    return Page(items=[fill_out(f) for f in rows], total=total, limit=page.limit, offset=page.offset)
