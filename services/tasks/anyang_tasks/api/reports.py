"""Implementation plans, progress reports, overdue duties and task status (安政办〔2023〕5号 preamble)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from anyang_tasks.api.links import location
from anyang_tasks.domain.duties import KIND_LABELS
from anyang_tasks.domain.status import LIGHT_LABELS
from anyang_tasks.models.reports import Plan, Report
from anyang_tasks.schemas.reports import (
    DutyOut,
    Milestone,
    OverdueOut,
    OverdueSupervisionOut,
    PlanIn,
    PlanOut,
    ReportIn,
    ReportOut,
    StatusOut,
)
from anyang_tasks.service import reports as svc
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(tags=["reports"])
DemoTaskId = Annotated[str, Path(examples=["GWR2023-1"], description="task id, e.g. GWR2023-1")]


def plan_out(p: Plan) -> PlanOut:
    return PlanOut(id=p.id, task_id=p.task_id, unit_code=p.unit_code,
                   milestones=[Milestone(**m) for m in p.milestones], measures=p.measures,
                   responsible_person=p.responsible_person, submitted_at=p.submitted_at,
                   late=p.submitted_at >= svc.end_of(svc.plan_due()))


def report_out(r: Report, due: date | None) -> ReportOut:
    return ReportOut(id=r.id, task_id=r.task_id, unit_code=r.unit_code, kind=r.kind, kind_label=KIND_LABELS[r.kind],
                     period=r.period, progress=r.progress, percent=r.percent, target_values=r.target_values,
                     problems=r.problems, next_steps=r.next_steps, completed=r.completed,
                     submitted_at=r.submitted_at, due=due, late=due is not None and r.submitted_at >= svc.end_of(due))


@router.put("/tasks/{task_id}/plan", response_model=PlanOut, status_code=201,
            summary="报送实施方案 / File the unit's implementation plan (by 2023-02-17)")
async def submit_plan(task_id: DemoTaskId, body: PlanIn, session: SessionDep, principal: PrincipalDep,
                      request: Request, response: Response) -> PlanOut:
    """A responsible unit (its token's org; a county government acts as a unit, e.g. county-linzhou)
    files its plan with milestones, measures and the person responsible; filing again replaces it (200).
    Demo: dept-fgw on GWR2023-1."""
    plan, new = await svc.submit_plan(session=session, principal=principal, task_id=task_id, data=body)
    response.headers["Location"] = location(request, f"/tasks/{task_id}/plans/{plan.unit_code}")
    if not new:
        response.status_code = 200
    return plan_out(plan)


@router.get("/tasks/{task_id}/plans/{unit}", response_model=PlanOut, summary="单位的实施方案 / A unit's plan")
async def get_plan(task_id: str, unit: str, session: SessionDep, principal: PrincipalDep) -> PlanOut:
    return plan_out(await svc.get_plan(session=session, principal=principal, task_id=task_id, unit=unit))


@router.post("/tasks/{task_id}/reports", response_model=ReportOut, status_code=201,
             summary="报送进展报告 / File a monthly, annual or completion report")
async def submit_report(task_id: DemoTaskId, body: ReportIn, session: SessionDep, principal: PrincipalDep,
                        request: Request, response: Response) -> ReportOut:
    """A responsible unit reports: monthly by the 25th (February–November), the annual report by 12-25
    (it replaces December's monthly report), a completion report for entries with their own date.
    Demo: dept-fgw on GWR2023-1."""
    report = await svc.submit_report(session=session, principal=principal, task_id=task_id, data=body)
    response.headers["Location"] = location(request, f"/tasks/{task_id}/reports/{report.id}")
    task = await svc.load(session, task_id)
    return report_out(report, svc.report_due(task, report.kind, report.period))


@router.get("/tasks/{task_id}/reports", response_model=Page[ReportOut], summary="任务的报告 / Reports on a task")
async def list_reports(task_id: str, session: SessionDep, principal: PrincipalDep, page: PageDep,
                       unit: str | None = None) -> Page[ReportOut]:
    """The bureau and city leaders: all; a lead unit: every unit's reports on its task; a co-operating
    unit: its own."""
    rows = await svc.list_reports(session=session, principal=principal, task_id=task_id, unit=unit)
    task = await svc.load(session, task_id)
    items = [report_out(r, svc.report_due(task, r.kind, r.period)) for r in rows]
    return Page(items=items[page.offset:page.offset + page.limit], total=len(items), limit=page.limit,
                offset=page.offset)


@router.get("/tasks/{task_id}/reports/{report_id}", response_model=ReportOut, summary="一份报告 / One report")
async def get_report(task_id: str, report_id: str, session: SessionDep, principal: PrincipalDep) -> ReportOut:
    r = await svc.get_report(session=session, principal=principal, task_id=task_id, report_id=report_id)
    return report_out(r, svc.report_due(await svc.load(session, task_id), r.kind, r.period))


@router.get("/tasks/{task_id}/status", response_model=StatusOut,
            summary="任务状态（交通灯） / A task's traffic light with its facts")
async def task_status(task_id: str, session: SessionDep, principal: PrincipalDep,
                      as_of: date | None = None) -> StatusOut:
    """Departments: the light as of a day (default today) with the rule's facts and basis."""
    d = await svc.task_status(session=session, principal=principal, task_id=task_id, as_of=as_of)
    return StatusOut(task_id=task_id, light=d.light, light_label=LIGHT_LABELS[d.light], reasons=d.reasons,
                     facts=d.facts, basis=d.basis)


@router.get("/overdue", response_model=OverdueOut, summary="逾期未报送事项 / Overdue duties per unit and per task")
async def overdue(session: SessionDep, principal: PrincipalDep, as_of: date | None = None,
                  unit: str | None = None) -> OverdueOut:
    """Missing plans, monthly, annual and completion reports past their day, and supervision items answered
    late or unanswered past their deadline. The bureau and city leaders: every unit (filter with `unit`);
    a unit: its own."""
    v = await svc.overdue_view(session=session, principal=principal, as_of=as_of, unit=unit)
    return OverdueOut(
        as_of=v.as_of,
        duties=[DutyOut(task_id=d.task_id, task_ref=v.refs.get(d.task_id, ""), unit_code=d.unit_code,
                        unit_name=svc.unit_name(d.unit_code), kind=d.kind, kind_label=KIND_LABELS[d.kind],
                        period=d.period, due=d.due, basis=d.basis) for d in v.duties],
        by_unit=v.by_unit, by_task=v.by_task,
        supervision_items=[OverdueSupervisionOut(item_id=i.id, unit_code=i.department, answer_due=i.answer_due,
                                                 answered_late=i.answered_at is not None, reason=i.reason)
                           for i in v.items])
