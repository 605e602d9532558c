"""Plans and reports of the responsible units, their duties, what is overdue and each task's status."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_tasks.domain import duties as duty_rules
from anyang_tasks.domain.status import LeadProgress, StatusDecision, decide
from anyang_tasks.models import kit
from anyang_tasks.models.reports import Plan, Report
from anyang_tasks.models.supervision import SupervisionItem
from anyang_tasks.models.tasks import Task, TaskTarget, TaskUnit
from anyang_tasks.schemas.reports import PlanIn, ReportIn
from anyang_tasks.service.access import reads_all, unit_of
from anyang_tasks.service.tasks import load
from govkit import audit, refdata
from govkit.auth import Principal
from govkit.clock import SHANGHAI, business_date, utcnow
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation

YEAR_START = date(2023, 1, 1)


def follows_gwr(task: Task) -> bool:
    """A task of 安政办〔2023〕5号 or a sub-task of one: it carries the GWR reporting duties."""
    return task.document == duty_rules.GWR_DOCUMENT and (task.part == "body" or task.parent_id is not None)


async def _units(session: AsyncSession, task_id: str) -> dict[str, str]:
    rows = await session.execute(select(TaskUnit.unit_code, TaskUnit.role).where(TaskUnit.task_id == task_id))
    return dict(rows.all())


def end_of(day: date) -> datetime:
    """The first instant after a day in the service's time zone (China Standard Time)."""
    if day >= date.max:
        return datetime.max.replace(tzinfo=SHANGHAI)
    return datetime.combine(day + timedelta(days=1), time(0), SHANGHAI)


async def _responsible(session: AsyncSession, task: Task, principal: Principal) -> str:
    unit = unit_of(principal)
    if unit not in await _units(session, task.id):
        raise Forbidden(f"本单位不是任务 {task.ref} 的责任单位", f"Your unit is not responsible for task {task.id}")
    return unit


async def submit_plan(*, session: AsyncSession, principal: Principal, task_id: str, data: PlanIn) -> tuple[Plan, bool]:
    """File (or replace) the unit's implementation plan; True when it is new."""
    async with session.begin():
        task = await load(session, task_id)
        unit = await _responsible(session, task, principal)
        if not follows_gwr(task):
            raise RuleViolation("实施方案仅适用于《政府工作报告》重点工作及其子任务（安政办〔2023〕5号）",
                                "Implementation plans are filed for the GWR tasks and their sub-tasks")
        plan = (await session.execute(select(Plan).where(Plan.task_id == task_id, Plan.unit_code == unit))).scalar()
        new = plan is None
        if new:
            plan = Plan(id=str(uuid.uuid4()), task_id=task_id, unit_code=unit)
            session.add(plan)
        plan.milestones = [m.model_dump(mode="json") for m in data.milestones]
        plan.measures, plan.responsible_person = data.measures, data.responsible_person
        plan.submitted_at, plan.submitted_by = utcnow(), principal.sub
        await session.flush()
        await audit.record(session, kit, "task.plan.submit", "task", task_id, {"unit": unit, "new": new})
    return plan, new


def plan_due() -> date:
    return duty_rules.parameters().at("tasks.plan_due", date(2023, 2, 1)).value


async def get_plan(*, session: AsyncSession, principal: Principal, task_id: str, unit: str) -> Plan:
    task = await load(session, task_id)
    await _check_reads(session, task, principal, unit)
    plan = (await session.execute(select(Plan).where(Plan.task_id == task_id, Plan.unit_code == unit))).scalar()
    if plan is None:
        raise NotFound(f"{unit} 尚未报送任务 {task.ref} 的实施方案", f"No plan of {unit} for task {task_id}")
    return plan


def report_due(task: Task, kind: str, period: str) -> date | None:
    """The due day of a report of this kind and period (None when no duty asks for it)."""
    duties = duty_rules.duties_of(duty_rules.DutyTask(task.id, task.document, task.due_on, follows_gwr(task),
                                                      (("_", "lead"),)))
    return next((d.due for d in duties if d.kind == kind and d.period == period), None)


async def submit_report(*, session: AsyncSession, principal: Principal, task_id: str, data: ReportIn) -> Report:
    async with session.begin():
        task = await load(session, task_id)
        unit = await _responsible(session, task, principal)
        kind, period = data.kind.value, data.period
        if (kind == "monthly") != (len(period) == 7):
            raise RuleViolation("月度报告的期间为 YYYY-MM，全年和完成情况报告为 YYYY",
                                "A monthly report's period is YYYY-MM; annual and completion reports use YYYY",
                                errors=[{"field": "period", "message": "does not match the kind"}])
        if kind == "monthly" and not 1 <= int(period[5:]) <= 12:
            raise RuleViolation(f"月份 {period} 无效", f"invalid month {period}",
                                errors=[{"field": "period", "message": "month 01–12"}])
        if kind == "monthly" and period.endswith("-12"):
            raise RuleViolation("12月的月度报告由全年落实情况报告代替（12月25日前）",
                                "December's monthly report is the annual report (due 12-25)",
                                errors=[{"field": "period", "message": "report the year with kind=annual"}])
        if kind in ("monthly", "annual") and not follows_gwr(task):
            raise RuleViolation("该任务按完成时限报送完成情况（kind=completion）",
                                "This entry is followed by its own date: file a completion report",
                                errors=[{"field": "kind", "message": "use completion"}])
        targets = {str(t.seq) for t in await _targets(session, task_id)}
        unknown = sorted(set(data.target_values) - targets)
        if unknown:
            raise RuleViolation(f"任务没有这些目标：{'、'.join(unknown)}", f"no such targets: {unknown}",
                                errors=[{"field": "target_values", "message": f"unknown target {k}"} for k in unknown])
        exists = await session.execute(select(Report.id).where(Report.task_id == task_id, Report.unit_code == unit,
                                                              Report.kind == kind, Report.period == period))
        if exists.first() is not None:
            raise Conflict(f"本单位已报送 {period} 的{duty_rules.KIND_LABELS[kind]}",
                           f"Your unit already filed the {kind} report for {period}")
        report = Report(id=str(uuid.uuid4()), task_id=task_id, unit_code=unit, kind=kind, period=period,
                        progress=data.progress, percent=100 if data.completed else data.percent,
                        target_values=data.target_values, problems=data.problems, next_steps=data.next_steps,
                        completed=data.completed, submitted_at=utcnow(), submitted_by=principal.sub)
        session.add(report)
        await session.flush()
        await audit.record(session, kit, "task.report.submit", "task", task_id,
                           {"unit": unit, "kind": kind, "period": period})
    return report


async def _targets(session: AsyncSession, task_id: str) -> list[TaskTarget]:
    return (await session.execute(select(TaskTarget).where(TaskTarget.task_id == task_id))).scalars().all()


async def get_report(*, session: AsyncSession, principal: Principal, task_id: str, report_id: str) -> Report:
    report = await session.get(Report, report_id)
    if report is None or report.task_id != task_id:
        raise NotFound(f"任务 {task_id} 没有报告 {report_id}", f"Task {task_id} has no report {report_id}")
    await _check_reads(session, await load(session, task_id), principal, report.unit_code)
    return report


async def _check_reads(session: AsyncSession, task: Task, principal: Principal, unit: str | None) -> None:
    """Bureau and city leaders read all; a lead unit its co-units' reports on the task; a unit its own."""
    if reads_all(principal):
        return
    me = unit_of(principal)
    roles = await _units(session, task.id)
    if roles.get(me) == "lead" or (me in roles and unit == me):
        return
    raise Forbidden("只能查看本单位的报告，牵头单位可查看配合单位的报告",
                    "Your own reports only; a lead unit also reads its co-units' reports on its tasks")


async def list_reports(*, session: AsyncSession, principal: Principal, task_id: str,
                       unit: str | None = None) -> list[Report]:
    task = await load(session, task_id)
    if not reads_all(principal):
        me = unit_of(principal)
        if (await _units(session, task.id)).get(me) != "lead":
            unit = me  # a co-operating unit sees its own reports
    await _check_reads(session, task, principal, unit)
    q = select(Report).where(Report.task_id == task_id)
    if unit:
        q = q.where(Report.unit_code == unit)
    return list((await session.execute(q.order_by(Report.period, Report.unit_code))).scalars())


# ---------------------------------------------------------------- duties, overdue, status


@dataclass
class Register:
    """Everything the duty and status rules read, loaded once."""

    tasks: dict[str, Task]
    units: dict[str, dict[str, str]]  # task → unit → role
    duties: list[duty_rules.Duty]
    reports: list[Report]
    plans: list[Plan]

    def filed(self, as_of: date) -> set[tuple[str, str, str, str]]:
        limit = end_of(as_of)
        keys = {(r.task_id, r.unit_code, r.kind, r.period) for r in self.reports if r.submitted_at < limit}
        keys |= {(p.task_id, p.unit_code, "plan", "") for p in self.plans if p.submitted_at < limit}
        return keys


async def load_register(session: AsyncSession, task_ids: list[str] | None = None) -> Register:
    q = select(Task)
    if task_ids is not None:
        q = q.where(Task.id.in_(task_ids))
    tasks = {t.id: t for t in (await session.execute(q)).scalars()}
    units: dict[str, dict[str, str]] = {t: {} for t in tasks}
    for u in (await session.execute(select(TaskUnit))).scalars():
        if u.task_id in units:
            units[u.task_id][u.unit_code] = u.role
    duties = [d for t in tasks.values() for d in duty_rules.duties_of(duty_rules.DutyTask(
        t.id, t.document, t.due_on, follows_gwr(t), tuple(units[t.id].items())))]
    reports = [r for r in (await session.execute(select(Report))).scalars() if r.task_id in tasks]
    plans = [p for p in (await session.execute(select(Plan))).scalars() if p.task_id in tasks]
    return Register(tasks, units, duties, reports, plans)


def overdue_of(reg: Register, as_of: date) -> list[duty_rules.Duty]:
    return duty_rules.overdue(reg.duties, reg.filed(as_of), as_of)


@dataclass
class OverdueView:
    as_of: date
    duties: list[duty_rules.Duty]
    by_unit: dict[str, int]
    by_task: dict[str, int]
    items: list[SupervisionItem]
    refs: dict[str, str]  # task id → its reference in its document


async def overdue_view(*, session: AsyncSession, principal: Principal, as_of: date | None,
                       unit: str | None) -> OverdueView:
    as_of = as_of or business_date()
    if not reads_all(principal):
        unit = unit_of(principal)
    reg = await load_register(session)
    late = [d for d in overdue_of(reg, as_of) if unit is None or d.unit_code == unit]
    items_q = select(SupervisionItem).where(SupervisionItem.raised_on <= as_of)
    if unit:
        items_q = items_q.where(SupervisionItem.department == unit)
    items = [i for i in (await session.execute(items_q)).scalars() if _item_late(i, as_of)]
    return OverdueView(as_of, late, dict(Counter(d.unit_code for d in late)), dict(Counter(d.task_id for d in late)),
                       items, {t.id: t.ref for t in reg.tasks.values()})


def _item_late(item: SupervisionItem, as_of: date) -> bool:
    """Unanswered past its deadline, or answered after it."""
    if item.answered_at is None:
        return as_of > item.answer_due
    return item.answered_at >= end_of(item.answer_due)


def status_of(reg: Register, task_id: str, as_of: date, overdue_keys: set | None = None) -> StatusDecision:
    task = reg.tasks[task_id]
    limit = end_of(as_of)
    leads = []
    for unit, role in reg.units[task_id].items():
        if role != "lead":
            continue
        mine = [r for r in reg.reports if r.task_id == task_id and r.unit_code == unit and r.submitted_at < limit]
        latest = max(mine, key=lambda r: (r.period, r.submitted_at), default=None)
        leads.append(LeadProgress(unit, latest.percent if latest else 0, bool(latest and latest.completed),
                                  latest.period if latest else None))
    overdue = sum(1 for d in (overdue_keys if overdue_keys is not None else overdue_of(reg, as_of))
                  if d.task_id == task_id)
    start = task.created_at.date() if task.created_at else YEAR_START
    return decide(as_of=as_of, start=start, due=task.due_on, leads=leads, overdue_duties=overdue)


async def task_status(*, session: AsyncSession, principal: Principal, task_id: str,
                      as_of: date | None) -> StatusDecision:
    unit_of(principal)  # departments (units, bureau, city leaders) only
    await load(session, task_id)
    reg = await load_register(session, [task_id])
    return status_of(reg, task_id, as_of or business_date())


def unit_name(code: str) -> str:
    try:
        u = refdata.unit(code)
    except refdata.UnknownUnit:
        return code
    return u.government or u.short_name
