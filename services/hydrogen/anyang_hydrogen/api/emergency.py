"""Emergency plans and drills (第二十三条) and public reports (举报, 第二十四条)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from anyang_hydrogen.domain import emergency as rules
from anyang_hydrogen.models.emergency import PublicReport
from anyang_hydrogen.schemas.emergency import (
    DrillIn,
    DrillOut,
    DrillStatusOut,
    EmergencyPlanIn,
    EmergencyPlanOut,
    HalfYearOut,
    HandlingIn,
    PublicReportIn,
    PublicReportOut,
)
from anyang_hydrogen.service import emergency as svc
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.location import set_location
from govkit.pagination import Page, PageDep

router = APIRouter(tags=["emergencies"])


def report_out(r: PublicReport) -> PublicReportOut:
    return PublicReportOut(id=r.id, station_id=r.station_id, region=r.region, location=r.location,
                           description=r.description, status=r.status,
                           status_label="已处理" if r.status == "handled" else "已受理", received_on=r.received_on,
                           handling=r.handling, handled_on=r.handled_on)


@router.post("/stations/{station_id}/emergency-plans", status_code=201, response_model=EmergencyPlanOut,
             summary="应急预案备案 / File the station's emergency plan (第二十三条)")
async def file_plan(station_id: str, body: EmergencyPlanIn, request: Request, response: Response,
                    session: SessionDep, principal: PrincipalDep) -> EmergencyPlanOut:
    """The station's operator (ent-demo2 at the demo station)."""
    p = await svc.file_plan(session=session, principal=principal, station_id=station_id, data=body)
    set_location(request, response, f"/stations/{station_id}/emergency-plans")
    return EmergencyPlanOut(id=p.id, station_id=p.station_id, title=p.title, version=p.version, filed_on=p.filed_on)


@router.get("/stations/{station_id}/emergency-plans", response_model=Page[EmergencyPlanOut],
            summary="应急预案 / Emergency plans of a station")
async def list_plans(station_id: str, session: SessionDep, principal: PrincipalDep, page: PageDep
                     ) -> Page[EmergencyPlanOut]:
    rows, total = await svc.list_plans(session=session, principal=principal, station_id=station_id,
                                       limit=page.limit, offset=page.offset)
    items = [EmergencyPlanOut(id=p.id, station_id=p.station_id, title=p.title, version=p.version,
                              filed_on=p.filed_on) for p in rows]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.post("/stations/{station_id}/drills", status_code=201, response_model=DrillOut,
             summary="应急演练 / Record an emergency drill (第二十三条)")
async def record_drill(station_id: str, body: DrillIn, request: Request, response: Response, session: SessionDep,
                       principal: PrincipalDep) -> DrillOut:
    """The station's operator (ent-demo2 at the demo station)."""
    d = await svc.record_drill(session=session, principal=principal, station_id=station_id, data=body)
    set_location(request, response, f"/stations/{station_id}/drills")
    return DrillOut(id=d.id, station_id=d.station_id, drilled_on=d.drilled_on, scenario=d.scenario)


@router.get("/stations/{station_id}/drills", response_model=DrillStatusOut,
            summary="演练情况（每半年至少一次） / Drills per half-year: missed ones flagged, the current one due")
async def drill_status(station_id: str, session: SessionDep, principal: PrincipalDep) -> DrillStatusOut:
    _, halves = await svc.drill_status(session=session, principal=principal, station_id=station_id)
    items = [HalfYearOut(label=h.label, starts_on=h.starts_on, ends_on=h.ends_on, drills=h.drills, status=h.status,
                         status_label=rules.STATUS_LABELS[h.status]) for h in halves]
    return DrillStatusOut(station_id=station_id, half_years=items, missed=sum(h.status == "missed" for h in halves),
                          current_due=bool(halves) and halves[-1].status == "due", basis=rules.BASIS)


@router.post("/reports", status_code=201, response_model=PublicReportOut,
             summary="举报（免登录） / Report damage to a station's facilities or warning signs (第二十四条)")
async def submit_report(body: PublicReportIn, request: Request, response: Response, session: SessionDep
                        ) -> PublicReportOut:
    """Anyone, without login (or e.g. person-demo); the contact given is never shown back."""
    r = await svc.submit_report(session=session, data=body)
    set_location(request, response, f"/reports/{r.id}")
    return report_out(r)


@router.get("/reports", response_model=Page[PublicReportOut], summary="举报 / Public reports (gas authority)")
async def list_reports(session: SessionDep, principal: PrincipalDep, page: PageDep) -> Page[PublicReportOut]:
    rows, total = await svc.list_reports(session=session, principal=principal, limit=page.limit, offset=page.offset)
    return Page(items=[report_out(r) for r in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/reports/{report_id}/handling", response_model=PublicReportOut,
             summary="处理举报 / Record how the gas authority handled a report")
async def handle_report(report_id: str, body: HandlingIn, session: SessionDep, principal: PrincipalDep
                        ) -> PublicReportOut:
    """The gas authority of the report's area (county-wenfeng for 文峰区) or the city's (dept-cgj)."""
    return report_out(await svc.handle_report(session=session, principal=principal, report_id=report_id, data=body))


@router.get("/reports/{report_id}", response_model=PublicReportOut, summary="一件举报 / One public report")
async def get_report(report_id: str, session: SessionDep, principal: PrincipalDep) -> PublicReportOut:
    return report_out(await svc.get_report(session=session, principal=principal, report_id=report_id))
