"""Supervision: inspections and hazards (第十八条、第二十条), assessments (第十八条), patrols and self-assessments
(第十九条、第二十二条), referrals and stop-operating orders (第二十六条)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from anyang_hydrogen.domain import supervision as rules
from anyang_hydrogen.models.supervision import (
    Assessment,
    Hazard,
    Inspection,
    Patrol,
    PatrolSchedule,
    Referral,
    SelfAssessment,
    StopOrder,
)
from anyang_hydrogen.schemas.supervision import (
    AssessmentIn,
    AssessmentOut,
    HazardOut,
    InspectionIn,
    InspectionOut,
    LiftIn,
    PatrolIn,
    PatrolOut,
    PatrolScheduleIn,
    PatrolScheduleOut,
    ReferralIn,
    ReferralOut,
    ReinspectionIn,
    ResponseIn,
    SelfAssessmentIn,
    SelfAssessmentOut,
    StopOrderIn,
    StopOrderOut,
)
from anyang_hydrogen.service import supervision as svc
from anyang_hydrogen.service.access import region_name
from govkit.auth import PrincipalDep
from govkit.clock import business_date
from govkit.db import SessionDep
from govkit.location import set_location
from govkit.pagination import Page, PageDep

router = APIRouter(tags=["supervision"])


def inspection_out(i: Inspection, hazard_ids: list[str]) -> InspectionOut:
    return InspectionOut(id=i.id, station_id=i.station_id, department=i.department,
                         department_name=region_name(i.department), field=i.field,
                         field_label=rules.FIELD_LABELS[i.field], third_party_agency=i.third_party_agency,
                         inspected_on=i.inspected_on, findings=i.findings, hazard_ids=hazard_ids)


def hazard_out(h: Hazard) -> HazardOut:
    return HazardOut(id=h.id, station_id=h.station_id, inspection_id=h.inspection_id, department=h.department,
                     description=h.description, deadline=h.deadline, status=h.status,
                     status_label=rules.HAZARD_STATUS_LABELS[h.status],
                     overdue=rules.hazard_overdue(h.status, h.deadline, h.closed_on, business_date()),
                     response=h.response, responded_on=h.responded_on, reinspected_on=h.reinspected_on,
                     reinspection_findings=h.reinspection_findings, closed_on=h.closed_on)


def assessment_out(a: Assessment) -> AssessmentOut:
    return AssessmentOut(id=a.id, operator_code=a.operator_code, operator_name=a.operator_name, region=a.region,
                         period=a.period, result=a.result, result_label=rules.ASSESSMENT_LABELS[a.result],
                         findings=a.findings, assessed_on=a.assessed_on, assessed_by=a.assessed_by,
                         basis=f"{rules.DOC} 第十八条")


def schedule_out(s: PatrolSchedule, done: list) -> PatrolScheduleOut:
    missed = rules.missed_periods(s.starts_on, s.interval_days, done, business_date())
    return PatrolScheduleOut(id=s.id, station_id=s.station_id, equipment=s.equipment,
                             interval_days=s.interval_days, starts_on=s.starts_on, patrols=len(done),
                             last_patrol_on=done[-1] if done else None, missed_periods=missed[-100:],
                             missed=bool(missed))


def self_assessment_out(a: SelfAssessment) -> SelfAssessmentOut:
    return SelfAssessmentOut(id=a.id, station_id=a.station_id, assessed_on=a.assessed_on, summary=a.summary,
                             hazards_found=a.hazards_found, measures=a.measures)


def referral_out(r: Referral) -> ReferralOut:
    return ReferralOut(id=r.id, station_id=r.station_id, from_department=r.from_department,
                       to_department=r.to_department, to_department_name=region_name(r.to_department),
                       violated_articles=r.violated_articles, facts=r.facts, referred_on=r.referred_on,
                       penalty_id=r.penalty_id, basis=f"{rules.DOC} 第二十六条")


def stop_out(o: StopOrder) -> StopOrderOut:
    return StopOrderOut(id=o.id, station_id=o.station_id, department=o.department,
                        department_name=region_name(o.department), decision_number=o.decision_number,
                        legal_basis=o.legal_basis, decided_on=o.decided_on, lifted_on=o.lifted_on, active=o.active)


@router.post("/stations/{station_id}/inspections", status_code=201, response_model=InspectionOut,
             summary="安全监督检查 / Record an inspection with its hazards and rectification deadlines")
async def record_inspection(station_id: str, body: InspectionIn, request: Request, response: Response,
                            session: SessionDep, principal: PrincipalDep) -> InspectionOut:
    """The gas authority (dept-cgj, county-wenfeng; with a commissioned third party if it chooses) or another
    department in its own field (dept-xfzd fire, dept-scjg market regulation, dept-yjj emergency)."""
    inspection, hazards = await svc.record_inspection(session=session, principal=principal, station_id=station_id,
                                                      data=body)
    set_location(request, response, f"/stations/{station_id}/inspections")
    return inspection_out(inspection, [h.id for h in hazards])


@router.get("/stations/{station_id}/inspections", response_model=Page[InspectionOut],
            summary="检查记录 / Inspections of a station")
async def list_inspections(station_id: str, session: SessionDep, principal: PrincipalDep, page: PageDep
                           ) -> Page[InspectionOut]:
    rows, total = await svc.list_inspections(session=session, principal=principal, station_id=station_id,
                                             limit=page.limit, offset=page.offset)
    return Page(items=[inspection_out(i, h) for i, h in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/hazards", response_model=Page[HazardOut],
            summary="事故隐患与限期整改 / Hazards and rectification orders; overdue ones on request")
async def list_hazards(session: SessionDep, principal: PrincipalDep, page: PageDep, overdue: bool = False,
                       station_id: str | None = None) -> Page[HazardOut]:
    rows, total = await svc.list_hazards(session=session, principal=principal, overdue_only=overdue,
                                         station_id=station_id, limit=page.limit, offset=page.offset)
    return Page(items=[hazard_out(h) for h in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/hazards/{hazard_id}/response", response_model=HazardOut,
             summary="整改情况 / The operator's response to a rectification order")
async def respond(hazard_id: str, body: ResponseIn, session: SessionDep, principal: PrincipalDep) -> HazardOut:
    """The station's operator (ent-demo2 for the demo station's hazard)."""
    return hazard_out(await svc.respond(session=session, principal=principal, hazard_id=hazard_id,
                                        response=body.response))


@router.post("/hazards/{hazard_id}/reinspection", response_model=HazardOut,
             summary="复查 / Re-inspect: close the hazard or reopen it with a new deadline")
async def reinspect(hazard_id: str, body: ReinspectionIn, session: SessionDep, principal: PrincipalDep
                    ) -> HazardOut:
    """The department that found the hazard (dept-xfzd for the demo's fire hazard) or the area's gas authority."""
    return hazard_out(await svc.reinspect(session=session, principal=principal, hazard_id=hazard_id, data=body))


@router.post("/assessments", status_code=201, response_model=AssessmentOut,
             summary="经营企业考核评价 / Record the gas authority's assessment of an operator (第十八条)")
async def assess(body: AssessmentIn, request: Request, response: Response, session: SessionDep,
                 principal: PrincipalDep) -> AssessmentOut:
    """The gas authority: the city (dept-cgj) or the operator's county (county-wenfeng for ent-demo2)."""
    a = await svc.assess(session=session, principal=principal, data=body)
    set_location(request, response, "/assessments")
    return assessment_out(a)


@router.get("/assessments", response_model=Page[AssessmentOut], summary="考核评价 / Assessments of operators")
async def list_assessments(session: SessionDep, principal: PrincipalDep, page: PageDep) -> Page[AssessmentOut]:
    rows, total = await svc.list_assessments(session=session, principal=principal, limit=page.limit,
                                             offset=page.offset)
    return Page(items=[assessment_out(a) for a in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/stations/{station_id}/patrol-schedules", status_code=201, response_model=PatrolScheduleOut,
             summary="巡检计划 / Add an equipment patrol schedule (第十九条)")
async def add_schedule(station_id: str, body: PatrolScheduleIn, request: Request, response: Response,
                       session: SessionDep, principal: PrincipalDep) -> PatrolScheduleOut:
    """The station's operator (ent-demo2 at the demo station)."""
    s = await svc.add_schedule(session=session, principal=principal, station_id=station_id, data=body)
    set_location(request, response, f"/stations/{station_id}/patrol-schedules")
    return schedule_out(s, [])


@router.get("/stations/{station_id}/patrol-schedules", response_model=Page[PatrolScheduleOut],
            summary="巡检计划及漏检 / Patrol schedules with missed periods flagged")
async def list_schedules(station_id: str, session: SessionDep, principal: PrincipalDep, page: PageDep
                         ) -> Page[PatrolScheduleOut]:
    rows, total = await svc.list_schedules(session=session, principal=principal, station_id=station_id,
                                           limit=page.limit, offset=page.offset)
    return Page(items=[schedule_out(s, done) for s, done in rows], total=total, limit=page.limit,
                offset=page.offset)


@router.post("/stations/{station_id}/patrol-schedules/{schedule_id}/patrols", status_code=201,
             response_model=PatrolOut, summary="巡检记录 / Record today's patrol")
async def record_patrol(station_id: str, schedule_id: str, body: PatrolIn, request: Request, response: Response,
                        session: SessionDep, principal: PrincipalDep) -> PatrolOut:
    """The station's operator (ent-demo2); the patrol is dated by the service's clock."""
    p: Patrol = await svc.record_patrol(session=session, principal=principal, station_id=station_id,
                                        schedule_id=schedule_id, data=body)
    set_location(request, response, f"/stations/{station_id}/patrol-schedules")
    return PatrolOut(id=p.id, schedule_id=p.schedule_id, done_on=p.done_on, findings=p.findings)


@router.post("/stations/{station_id}/self-assessments", status_code=201, response_model=SelfAssessmentOut,
             summary="安全评估 / Record a safety self-assessment (第二十二条)")
async def self_assess(station_id: str, body: SelfAssessmentIn, request: Request, response: Response,
                      session: SessionDep, principal: PrincipalDep) -> SelfAssessmentOut:
    """The station's operator (ent-demo2 at the demo station)."""
    a = await svc.self_assess(session=session, principal=principal, station_id=station_id, data=body)
    set_location(request, response, f"/stations/{station_id}/self-assessments")
    return self_assessment_out(a)


@router.get("/stations/{station_id}/self-assessments", response_model=Page[SelfAssessmentOut],
            summary="安全评估记录 / Safety self-assessments of a station")
async def list_self_assessments(station_id: str, session: SessionDep, principal: PrincipalDep, page: PageDep
                                ) -> Page[SelfAssessmentOut]:
    rows, total = await svc.list_self_assessments(session=session, principal=principal, station_id=station_id,
                                                  limit=page.limit, offset=page.offset)
    return Page(items=[self_assessment_out(a) for a in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/referrals", status_code=201, response_model=ReferralOut,
             summary="移送处罚 / Refer a violation to the competent department (第二十六条)")
async def refer(body: ReferralIn, request: Request, response: Response, session: SessionDep,
                principal: PrincipalDep) -> ReferralOut:
    """The gas authority (county-wenfeng for the demo station) or an inspecting department in its field."""
    r = await svc.refer(session=session, principal=principal, data=body)
    set_location(request, response, "/referrals")
    return referral_out(r)


@router.get("/referrals", response_model=Page[ReferralOut], summary="移送记录 / Referrals for penalty")
async def list_referrals(session: SessionDep, principal: PrincipalDep, page: PageDep) -> Page[ReferralOut]:
    rows, total = await svc.list_referrals(session=session, principal=principal, limit=page.limit,
                                           offset=page.offset)
    return Page(items=[referral_out(r) for r in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/stations/{station_id}/stop-orders", status_code=201, response_model=StopOrderOut,
             summary="责令停业决定 / Record a competent department's stop-operating order")
async def stop_order(station_id: str, body: StopOrderIn, request: Request, response: Response, session: SessionDep,
                     principal: PrincipalDep) -> StopOrderOut:
    """Only a department deciding under its own law (dept-xfzd, dept-scjg, dept-yjj in their fields, or the
    城市管理部门 dept-cgj with hydrogen.penalty), never the gas authority as such (第二十六条); the station is
    suspended."""
    o = await svc.stop_order(session=session, principal=principal, station_id=station_id, data=body)
    set_location(request, response, f"/stations/{station_id}/stop-orders")
    return stop_out(o)


@router.get("/stations/{station_id}/stop-orders", response_model=Page[StopOrderOut],
            summary="停业决定 / Stop-operating orders of a station")
async def list_stop_orders(station_id: str, session: SessionDep, page: PageDep) -> Page[StopOrderOut]:
    rows, total = await svc.list_stop_orders(session=session, station_id=station_id, limit=page.limit,
                                             offset=page.offset)
    return Page(items=[stop_out(o) for o in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/stations/{station_id}/stop-orders/{order_id}/lift", response_model=StopOrderOut,
             summary="解除停业决定 / Lift a stop-operating order (the station operates again)")
async def lift_order(station_id: str, order_id: str, body: LiftIn, session: SessionDep, principal: PrincipalDep
                     ) -> StopOrderOut:
    """The department that made the order (dept-xfzd for a fire order); the station operates again."""
    return stop_out(await svc.lift_order(session=session, principal=principal, station_id=station_id,
                                         order_id=order_id, lifted_on=body.lifted_on))
