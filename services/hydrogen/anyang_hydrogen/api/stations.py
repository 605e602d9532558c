"""Stations (public read), their registration and operating filings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from anyang_hydrogen.models.stations import Filing, Station
from anyang_hydrogen.schemas.stations import (
    STATION_KIND_LABELS,
    STATION_STATUS_LABELS,
    FilingIn,
    FilingOut,
    StationIn,
    StationOut,
    VerificationIn,
)
from anyang_hydrogen.service import stations as svc
from anyang_hydrogen.service.access import region_name
from govkit.auth import PrincipalDep
from govkit.clock import business_date
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(tags=["stations"])


def station_out(s: Station) -> StationOut:
    return StationOut(
        id=s.id,
        name=s.name,
        kind=s.kind,
        kind_label=STATION_KIND_LABELS[s.kind],
        operator_code=s.operator_code,
        operator_name=s.operator_name,
        region=s.region,
        region_name=region_name(s.region),
        address=s.address,
        status=s.status,
        status_label=STATION_STATUS_LABELS.get(s.status, s.status),
    )


def filing_out(f: Filing) -> FilingOut:
    return FilingOut(
        id=f.id,
        station_id=f.station_id,
        materials=f.materials,
        received_on=f.received_on,
        verification_due=f.verification_due,
        due_provisional=f.due_provisional,
        due_basis=f.due_basis,
        overdue=f.status == "submitted" and f.verification_due < business_date(),
        status=f.status,
        verified_on=f.verified_on,
        experts=f.experts,
        findings=f.findings,
    )


@router.post("/stations", status_code=201, response_model=StationOut,
             summary="登记加氢站 / Register a hydrogen refuelling station")
async def register_station(
    body: StationIn, request: Request, session: SessionDep, principal: PrincipalDep
) -> StationOut:
    """Register a station: its operator (for itself), the city gas authority, or the county authority
    of its area."""
    station = await svc.register_station(
        session=session, principal=principal, outbox=request.app.state.outbox, data=body
    )
    return station_out(station)


@router.get("/stations", response_model=Page[StationOut],
            summary="加氢站列表（免登录） / Public list of stations (no login)")
async def list_stations(
    session: SessionDep,
    page: PageDep,
    region: Annotated[str | None, Query(pattern=r"^\d{6}$")] = None,
    operator_code: Annotated[str | None, Query(max_length=18)] = None,
) -> Page[StationOut]:
    """Public list of stations (name, operator, area, address and status are not private)."""
    rows, total = await svc.list_stations(
        session=session, limit=page.limit, offset=page.offset, region=region, operator_code=operator_code
    )
    return Page(items=[station_out(s) for s in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/stations/{station_id}", response_model=StationOut, summary="一座加氢站 / One station")
async def get_station(station_id: str, session: SessionDep) -> StationOut:
    return station_out(await svc.get_station(session=session, station_id=station_id))


@router.post("/stations/{station_id}/filings", status_code=201, response_model=FilingOut,
             summary="经营备案 / Submit an operating filing (第十三条, 第十四条)")
async def submit_filing(
    station_id: str, body: FilingIn, request: Request, session: SessionDep, principal: PrincipalDep
) -> FilingOut:
    """The operator's operating filing (第十三条) with the materials of 第十四条; the answer gives the
    3-working-day verification due date and its basis."""
    filing = await svc.submit_filing(
        session=session,
        principal=principal,
        outbox=request.app.state.outbox,
        station_id=station_id,
        data=body,
    )
    return filing_out(filing)


@router.get("/filings", response_model=Page[FilingOut],
            summary="经营备案列表 / Filings the caller may see; overdue ones on request")
async def list_filings(
    session: SessionDep, principal: PrincipalDep, page: PageDep, overdue: bool = False
) -> Page[FilingOut]:
    """Filings the caller may see; `overdue=true`: unverified past the 3-working-day due date."""
    rows, total = await svc.list_filings(
        session=session, principal=principal, limit=page.limit, offset=page.offset, overdue_only=overdue
    )
    return Page(items=[filing_out(f) for f in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/filings/{filing_id}/verification", response_model=FilingOut,
             summary="备案核查结果 / Record the gas authority's verification of a filing (第十三条)")
async def verify_filing(
    filing_id: str, body: VerificationIn, request: Request, session: SessionDep, principal: PrincipalDep
) -> FilingOut:
    """The county gas authority's (or the city's) verification result (第十三条)."""
    filing = await svc.verify_filing(
        session=session, principal=principal, outbox=request.app.state.outbox, filing_id=filing_id, data=body
    )
    return filing_out(filing)
