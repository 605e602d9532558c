"""Stations (public read of operating stations), their registration, lifecycle and operating filings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from anyang_hydrogen.domain import stations as rules
from anyang_hydrogen.models.operations import OperatingRecord
from anyang_hydrogen.models.stations import Filing, Station
from anyang_hydrogen.schemas.construction import TransitionIn
from anyang_hydrogen.schemas.operations import QualitySummary
from anyang_hydrogen.schemas.stations import (
    CHANNEL_LABELS,
    FILING_STATUS_LABELS,
    ConditionOut,
    FilingIn,
    FilingOut,
    OpeningIn,
    StationIn,
    StationOut,
    VerificationIn,
)
from anyang_hydrogen.service import operations as ops
from anyang_hydrogen.service import stations as svc
from anyang_hydrogen.service.access import region_name
from govkit.auth import OptionalPrincipalDep, PrincipalDep
from govkit.clock import business_date
from govkit.db import SessionDep
from govkit.location import set_location
from govkit.pagination import Page, PageDep

router = APIRouter(tags=["stations"])


def station_out(s: Station, price: OperatingRecord | None = None, quality: QualitySummary | None = None
                ) -> StationOut:
    status = svc.effective_status(s)
    media, combined = s.media or [], s.combined_with or []
    return StationOut(
        id=s.id,
        name=s.name,
        kind=s.kind,
        kind_label=rules.KIND_LABELS[s.kind],
        operator_code=s.operator_code,
        operator_name=s.operator_name,
        region=s.region,
        region_name=region_name(s.region),
        address=s.address,
        status=status,
        status_label=rules.STATUS_LABELS[status],
        media=media,
        media_labels=[rules.MEDIUM_LABELS[m] for m in media],
        use=s.use,
        use_label=rules.USE_LABELS.get(s.use) if s.use else None,
        land_use=s.land_use,
        land_use_label=rules.LAND_USE_LABELS.get(s.land_use) if s.land_use else None,
        combined_with=combined,
        combined_labels=[rules.COMBINED_LABELS[c] for c in combined],
        extra_standards=rules.standards_for(combined),
        latitude=s.latitude,
        longitude=s.longitude,
        plan_site_id=s.plan_site_id,
        opening_date=s.opening_date,
        posted_price_fen_per_kg=price.price_fen_per_kg if price else None,
        posted_price_date=price.recorded_on if price else None,
        quality=quality,
    )


def filing_out(f: Filing) -> FilingOut:
    return FilingOut(
        id=f.id,
        station_id=f.station_id,
        materials=f.materials,
        received_on=f.received_on,
        channel=f.channel,
        channel_label=CHANNEL_LABELS[f.channel],
        verification_due=f.verification_due,
        due_provisional=f.due_provisional,
        due_basis=f.due_basis,
        overdue=f.status == "submitted" and f.verification_due < business_date(),
        status=f.status,
        status_label=FILING_STATUS_LABELS[f.status],
        verified_on=f.verified_on,
        decided_on=f.decided_on,
        verified_late=f.verified_late,
        experts=f.experts,
        findings=f.findings,
        conditions=[ConditionOut(**c) for c in f.conditions] if f.conditions is not None else None,
    )


@router.post("/stations", status_code=201, response_model=StationOut,
             summary="登记加氢站 / Register a hydrogen refuelling station")
async def register_station(
    body: StationIn, request: Request, response: Response, session: SessionDep, principal: PrincipalDep
) -> StationOut:
    """Register a station as `planned`: its operator (for itself, e.g. ent-demo2), the city gas authority, or
    the county authority of its area. Land use is checked against its use when both are given (第九条)."""
    station = await svc.register_station(
        session=session, principal=principal, outbox=request.app.state.outbox, data=body
    )
    set_location(request, response, f"/stations/{station.id}")
    return station_out(station)


@router.get("/stations", response_model=Page[StationOut],
            summary="加氢站列表（免登录：运营中的站） / Stations (anonymous: operating stations only)")
async def list_stations(
    session: SessionDep,
    page: PageDep,
    principal: OptionalPrincipalDep,
    region: Annotated[str | None, Query(pattern=r"^\d{6}$")] = None,
    operator_code: Annotated[str | None, Query(max_length=18)] = None,
) -> Page[StationOut]:
    """Anonymous callers see operating stations only, each with its latest posted price and its quality reports'
    state; the gas authority sees every status (the city all, a county its area), an operator its own stations
    with `operator_code`."""
    rows, total = await svc.list_stations(
        session=session, principal=principal, limit=page.limit, offset=page.offset, region=region,
        operator_code=operator_code,
    )
    ids = [s.id for s in rows]
    prices, quality = await ops.latest_prices(session, ids), await ops.quality_summaries(session, ids)
    items = [station_out(s, prices.get(s.id), quality[s.id]) for s in rows]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get("/stations/{station_id}", response_model=StationOut, summary="一座加氢站 / One station")
async def get_station(station_id: str, session: SessionDep) -> StationOut:
    station = await svc.get_station(session=session, station_id=station_id)
    prices, quality = await ops.latest_prices(session, [station.id]), await ops.quality_summaries(session, [station.id])
    return station_out(station, prices.get(station.id), quality[station.id])


@router.post("/stations/{station_id}/opening", response_model=StationOut,
             summary="登记开业日期 / Record the opening date of a verified station (第十三条)")
async def record_opening(station_id: str, body: OpeningIn, session: SessionDep, principal: PrincipalDep
                         ) -> StationOut:
    """The operator (ent-demo2) records the opening date; from that day the verified station is operating."""
    return station_out(await svc.record_opening(session=session, principal=principal, station_id=station_id,
                                                data=body))


@router.post("/stations/{station_id}/closure", response_model=StationOut,
             summary="关闭加氢站 / Close a station")
async def close_station(station_id: str, body: TransitionIn, session: SessionDep, principal: PrincipalDep
                        ) -> StationOut:
    """The operator (ent-demo2) or the station's gas authority closes it, from any step but `filed`."""
    return station_out(await svc.close_station(session=session, principal=principal, station_id=station_id,
                                               reason=body.reason))


@router.post("/stations/{station_id}/filings", status_code=201, response_model=FilingOut,
             summary="经营备案 / Submit an operating filing (第十三条, 第十四条)")
async def submit_filing(
    station_id: str, body: FilingIn, request: Request, response: Response, session: SessionDep,
    principal: PrincipalDep
) -> FilingOut:
    """The operator's (ent-demo2's) operating filing (第十三条) with the materials of 第十四条, received the day it is
    submitted; the county authority of the area may enter a paper filing with the day it was handed in.
    Refused without a recorded completion acceptance or outside the area's plan. The answer gives the
    3-working-day verification due date and its basis."""
    filing = await svc.submit_filing(
        session=session,
        principal=principal,
        outbox=request.app.state.outbox,
        station_id=station_id,
        data=body,
    )
    set_location(request, response, f"/filings/{filing.id}")
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


@router.get("/filings/{filing_id}", response_model=FilingOut, summary="一项经营备案 / One filing")
async def get_filing(filing_id: str, session: SessionDep, principal: PrincipalDep) -> FilingOut:
    return filing_out(await svc.get_filing(session=session, principal=principal, filing_id=filing_id))


@router.post("/filings/{filing_id}/verification", response_model=FilingOut,
             summary="备案核验结果 / Record the county gas authority's verification of a filing (第十三条)")
async def verify_filing(
    filing_id: str, body: VerificationIn, request: Request, session: SessionDep, principal: PrincipalDep
) -> FilingOut:
    """Only the gas authority of the station's county/district or zone (e.g. county-wenfeng) verifies; a
    passing verification lists every condition of 第十二条 with evidence, and none may have failed."""
    filing = await svc.verify_filing(
        session=session, principal=principal, outbox=request.app.state.outbox, filing_id=filing_id, data=body
    )
    return filing_out(filing)
