"""The monthly supervision report for any month: every task's status, latest progress, targets against
the values reported, overdue units; totals by section and by unit. Publishing a month stores its
public summary (no internal problems) for the public views (政务公开)."""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_tasks.domain import status as status_rules
from anyang_tasks.domain.status import LIGHT_LABELS
from anyang_tasks.models import kit
from anyang_tasks.models.reports import PublishedSummary
from anyang_tasks.models.tasks import TaskTarget
from anyang_tasks.schemas.monthly import (
    LightCounts,
    MonthlyReport,
    SectionTotals,
    TargetActual,
    TaskLine,
    UnitTotals,
)
from anyang_tasks.schemas.tasks import COMPARISON_LABELS
from anyang_tasks.service.access import reads_all, require_supervisor
from anyang_tasks.service.reports import end_of, load_register, overdue_of, status_of, unit_name
from govkit import audit
from govkit.auth import Principal
from govkit.clock import utcnow
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


def month_end(period: str) -> date:
    m = _PERIOD.match(period)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise RuleViolation(f"期间 {period} 应为 YYYY-MM", f"period {period} must be YYYY-MM",
                            errors=[{"field": "period", "message": "YYYY-MM"}])
    year, month = int(m.group(1)), int(m.group(2))
    return date(year, month, calendar.monthrange(year, month)[1])


def section_of(document: str, section: str) -> str:
    """The bar a task counts in: the GWR's top-level sections, one bar per other document."""
    return section.split(" / ")[0] if document == "安政办〔2023〕5号" else document


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except (InvalidOperation, TypeError):
        return None


async def build(*, session: AsyncSession, principal: Principal, period: str) -> MonthlyReport:
    if not reads_all(principal):
        raise Forbidden("月度督查报告供督查局和市领导查阅", "The monthly report is for the bureau and city leaders")
    return await _build(session, period)


async def _build(session: AsyncSession, period: str) -> MonthlyReport:
    as_of = month_end(period)
    reg = await load_register(session)
    late = overdue_of(reg, as_of)
    limit = end_of(as_of)
    targets: dict[str, list[TaskTarget]] = defaultdict(list)
    for t in (await session.execute(select(TaskTarget).order_by(TaskTarget.seq))).scalars():
        targets[t.task_id].append(t)
    lines: list[TaskLine] = []
    for task in sorted(reg.tasks.values(), key=lambda t: (t.document != "安政办〔2023〕5号", t.document, t.part,
                                                         t.number)):
        decision = status_of(reg, task.id, as_of, late)
        reports = sorted((r for r in reg.reports if r.task_id == task.id and r.submitted_at < limit),
                         key=lambda r: (r.period, r.submitted_at))
        latest = reports[-1] if reports else None
        actual: dict[str, str] = {}
        for r in reports:
            for seq, value in r.target_values.items():
                if seq not in actual or (_decimal(value) or 0) > (_decimal(actual[seq]) or 0):
                    actual[seq] = value
        lines.append(TaskLine(
            task_id=task.id, document=task.document, ref=task.ref, section=task.section, text=task.text,
            light=decision.light, light_label=LIGHT_LABELS[decision.light], reasons=decision.reasons,
            percent=decision.facts["reported_percent"], latest_progress=latest.progress if latest else None,
            problems=latest.problems if latest else None,
            targets=[TargetActual(seq=t.seq, metric=t.metric, comparison=t.comparison,
                                  comparison_label=COMPARISON_LABELS[t.comparison], value=t.value,
                                  unit_of_measure=t.unit, actual=actual.get(str(t.seq))) for t in targets[task.id]],
            overdue_units=sorted({d.unit_code for d in late if d.task_id == task.id})))
    by_section: dict[str, Counter] = defaultdict(Counter)
    for line in lines:
        by_section[section_of(line.document, line.section)][line.light.value] += 1
    overdue_by_unit = Counter(d.unit_code for d in late)
    tasks_by_unit = Counter(u for units in reg.units.values() for u in units)
    by_unit = [UnitTotals(unit_code=u, unit_name=unit_name(u), tasks=n, overdue_duties=overdue_by_unit.get(u, 0))
               for u, n in sorted(tasks_by_unit.items())]
    return MonthlyReport(
        period=period, as_of=as_of, generated_at=utcnow(),
        totals=_counts(Counter(line.light.value for line in lines)),
        by_section=[SectionTotals(section=s, **_counts(c).model_dump()) for s, c in by_section.items()],
        by_unit=by_unit,
        overdue_units=sorted((u for u in by_unit if u.overdue_duties), key=lambda u: -u.overdue_duties),
        tasks=lines, rule=(status_rules.__doc__ or "").strip())


def _counts(c: Counter) -> LightCounts:
    return LightCounts(green=c["green"], yellow=c["yellow"], red=c["red"], done=c["done"], total=sum(c.values()))


def public_copy(report: MonthlyReport) -> MonthlyReport:
    """What the public sees: everything but the units' internal problems."""
    return report.model_copy(update={"tasks": [t.model_copy(update={"problems": None}) for t in report.tasks]})


async def publish(*, session: AsyncSession, principal: Principal, period: str) -> PublishedSummary:
    require_supervisor(principal)
    async with session.begin():
        if await session.get(PublishedSummary, period) is not None:
            raise Conflict(f"{period} 的月度情况已公开", f"the summary of {period} is already published")
        report = public_copy(await _build(session, period))
        row = PublishedSummary(period=period, content=report.model_dump(mode="json"), published_at=utcnow(),
                               published_by=principal.sub)
        session.add(row)
        await session.flush()
        await audit.record(session, kit, "monthly_summary.publish", "monthly_summary", period, {})
    return row


async def published(*, session: AsyncSession, limit: int, offset: int) -> tuple[list[PublishedSummary], int]:
    total = (await session.execute(select(func.count()).select_from(PublishedSummary))).scalar_one()
    rows = await session.execute(select(PublishedSummary).order_by(PublishedSummary.period.desc())
                                 .limit(limit).offset(offset))
    return list(rows.scalars()), total


async def published_one(*, session: AsyncSession, period: str) -> PublishedSummary:
    row = await session.get(PublishedSummary, period)
    if row is None:
        raise NotFound(f"{period} 的月度情况尚未公开", f"No published summary for {period}")
    return row
