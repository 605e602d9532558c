"""Reporting duties of the responsible units (安政办〔2023〕5号, preamble) and of the dated entries.

- Implementation plan (实施方案: 时间节点, 具体措施, 责任到人) by 2023-02-17 (tasks.plan_due).
- Monthly progress report by the 25th, February to November (tasks.monthly_report_day).
  Interpretation: "25日前" means on or before the 25th; a 25th that is not a working day stays the
  deadline (the text names a date, not a count of working days). The first month is February: the
  notice is dated 2023-02-01.
- Annual report by 12-25 (tasks.annual_report_due). Interpretation: it replaces December's monthly
  report, which would fall due the same day on the same work.
- Entries of 安政办〔2023〕1号 (annex, body deadlines) and any other dated entry: a completion report from
  each lead unit by the entry's own date.

Every responsible unit of a GWR task and of its sub-tasks carries the GWR duties (牵头 and 配合 alike:
both are 责任单位); members of an open group carry them once the bureau has named them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from govkit.rules.params import ParameterSet

GWR_DOCUMENT = "安政办〔2023〕5号"
FIRST_MONTH, LAST_MONTH = 2, 11  # December's monthly report is the annual report (interpretation above)
KIND_LABELS = {"plan": "实施方案", "monthly": "月度进展报告", "annual": "全年落实情况报告",
               "completion": "完成情况报告"}


@lru_cache(maxsize=1)
def parameters() -> ParameterSet:
    return ParameterSet.load(Path(__file__).with_name("parameters.yaml"))


@dataclass(frozen=True)
class Duty:
    task_id: str
    unit_code: str
    kind: str  # plan | monthly | annual | completion
    period: str  # "" (plan), 2023-03 (monthly), 2023 (annual, completion)
    due: date
    basis: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return self.task_id, self.unit_code, self.kind, self.period


@dataclass(frozen=True)
class DutyTask:
    """What the duties of a task depend on."""

    id: str
    document: str
    due_on: date | None
    follows_gwr: bool  # a GWR task or a sub-task of one
    units: tuple[tuple[str, str], ...]  # (unit code, role)


def duties_of(task: DutyTask, year: int = 2023) -> list[Duty]:
    out: list[Duty] = []
    if task.follows_gwr:
        on = date(year, 2, 1)
        params = parameters()
        plan, day, annual = (params.at(n, on) for n in
                             ("tasks.plan_due", "tasks.monthly_report_day", "tasks.annual_report_due"))
        for unit, _ in task.units:
            out.append(Duty(task.id, unit, "plan", "", plan.value, plan.reference))
            out.extend(Duty(task.id, unit, "monthly", f"{year}-{m:02d}", date(year, m, day.value), day.reference)
                       for m in range(FIRST_MONTH, LAST_MONTH + 1))
            out.append(Duty(task.id, unit, "annual", str(year), annual.value, annual.reference))
    elif task.due_on is not None:
        basis = f"{task.document} 完成时限 {task.due_on.isoformat()}"
        out.extend(Duty(task.id, unit, "completion", str(task.due_on.year), task.due_on, basis)
                   for unit, role in task.units if role == "lead")
    return out


def overdue(duties: list[Duty], filed: set[tuple[str, str, str, str]], as_of: date) -> list[Duty]:
    """Duties past their day (as_of after the due day) with nothing filed by as_of."""
    return [d for d in duties if as_of > d.due and d.key not in filed]
