"""Quality reports (第十六条, public), operating records with retention and posted prices (第十七条)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from anyang_hydrogen.domain import records as rules
from anyang_hydrogen.models.operations import OperatingRecord, QualityReport
from anyang_hydrogen.schemas.operations import (
    PriceOut,
    PurgeOut,
    QualityReportIn,
    QualityReportOut,
    RecordIn,
    RecordOut,
)
from anyang_hydrogen.service import operations as svc
from anyang_hydrogen.service.access import region_name
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.location import set_location
from govkit.pagination import Page, PageDep

router = APIRouter(tags=["quality and records"])


def quality_out(q: QualityReport) -> QualityReportOut:
    return QualityReportOut(id=q.id, station_id=q.station_id, source=q.source,
                            source_label=rules.QUALITY_SOURCE_LABELS[q.source], issuer=q.issuer,
                            report_number=q.report_number, tested_on=q.tested_on, standard=q.standard,
                            conforms=q.conforms, published_on=q.published_on)


def record_out(r: OperatingRecord) -> RecordOut:
    return RecordOut(id=r.id, station_id=r.station_id, kind=r.kind, kind_label=rules.KIND_LABELS[r.kind],
                     recorded_on=r.recorded_on, summary=r.summary, price_fen_per_kg=r.price_fen_per_kg,
                     retained_until=r.retained_until)


@router.post("/stations/{station_id}/quality-reports", status_code=201, response_model=QualityReportOut,
             summary="公示氢气质量检测报告 / Publish a hydrogen quality test report (第十六条)")
async def add_quality_report(station_id: str, body: QualityReportIn, request: Request, response: Response,
                             session: SessionDep, principal: PrincipalDep) -> QualityReportOut:
    """The operator (ent-demo2 at the demo station) publishes the source producer's or a third party's report."""
    report = await svc.add_quality_report(session=session, principal=principal, station_id=station_id, data=body)
    set_location(request, response, f"/stations/{station_id}/quality-reports")
    return quality_out(report)


@router.get("/stations/{station_id}/quality-reports", response_model=Page[QualityReportOut],
            summary="氢气质量检测报告（免登录） / Quality reports of a station (public)")
async def list_quality_reports(station_id: str, session: SessionDep, page: PageDep) -> Page[QualityReportOut]:
    rows, total = await svc.list_quality_reports(session=session, station_id=station_id, limit=page.limit,
                                                 offset=page.offset)
    return Page(items=[quality_out(q) for q in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/stations/{station_id}/records", status_code=201, response_model=RecordOut,
             summary="记录运行档案 / Add an operating record (第十七条)")
async def add_record(station_id: str, body: RecordIn, request: Request, response: Response, session: SessionDep,
                     principal: PrincipalDep) -> RecordOut:
    """The operator (ent-demo2 at the demo station) records operation, unloading, the day's posted price,
    monitoring, maintenance, inspection, faults or staff changes; the answer says until when it must be kept."""
    record = await svc.add_record(session=session, principal=principal, station_id=station_id, data=body)
    set_location(request, response, f"/stations/{station_id}/records")
    return record_out(record)


@router.get("/stations/{station_id}/records", response_model=Page[RecordOut],
            summary="运行档案 / Operating records of a station")
async def list_records(station_id: str, session: SessionDep, principal: PrincipalDep, page: PageDep,
                       kind: rules.RecordKind | None = None) -> Page[RecordOut]:
    rows, total = await svc.list_records(session=session, principal=principal, station_id=station_id,
                                         kind=kind.value if kind else None, limit=page.limit, offset=page.offset)
    return Page(items=[record_out(r) for r in rows], total=total, limit=page.limit, offset=page.offset)


@router.delete("/stations/{station_id}/records/{record_id}", status_code=204,
               summary="删除运行记录 / Delete a record past its retention (第十七条)")
async def delete_record(station_id: str, record_id: str, session: SessionDep, principal: PrincipalDep) -> Response:
    """Refused (422, rule `inside_retention`) up to the last day of the retention period."""
    await svc.delete_record(session=session, principal=principal, station_id=station_id, record_id=record_id)
    return Response(status_code=204)


@router.post("/stations/{station_id}/records/purge", response_model=PurgeOut,
             summary="清理超过保存期限的记录 / Purge records past their retention")
async def purge_records(station_id: str, session: SessionDep, principal: PrincipalDep) -> PurgeOut:
    deleted = await svc.purge_records(session=session, principal=principal, station_id=station_id)
    return PurgeOut(deleted=deleted, basis=rules.RECORDS_BASIS)


@router.get("/prices", response_model=Page[PriceOut],
            summary="加氢站挂牌价格（免登录） / Posted hydrogen prices across operating stations (public)")
async def public_prices(session: SessionDep, page: PageDep,
                        region: Annotated[str | None, Query(pattern=r"^\d{6}$")] = None) -> Page[PriceOut]:
    """The latest posted price of every operating station, cheapest first (第十七条 当日氢气挂牌价格)."""
    rows, total = await svc.public_prices(session=session, limit=page.limit, offset=page.offset, region=region)
    items = [PriceOut(station_id=s.id, station_name=s.name, region=s.region, region_name=region_name(s.region),
                      address=s.address, price_date=r.recorded_on, price_fen_per_kg=r.price_fen_per_kg)
             for r, s in rows]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)
