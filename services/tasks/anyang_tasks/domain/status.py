"""The traffic light of a task (spec tasks: Supervision), with the facts it was decided on.

Rule (Interpretation of "on track / at risk / behind / done"; gaps are dated parameters):
- done (完成): every lead unit's latest report says the task is completed;
- red (红, behind): the task's own date has passed unmet, or the progress reported is behind the time
  elapsed by at least tasks.status.behind_gap points;
- yellow (黄, at risk): a reporting duty is overdue, or progress is behind time by at least
  tasks.status.at_risk_gap points;
- green (绿, on track): otherwise.
Time elapsed is the share of the days from the start (2023-01-01, or the task's creation) to its date
(its own, else 2023-12-31) that has passed on the day of the decision; progress is the lowest latest
percent among the lead units (0 for a lead unit that has not reported).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from anyang_tasks.domain.duties import parameters


class Light(StrEnum):
    green = "green"
    yellow = "yellow"
    red = "red"
    done = "done"


LIGHT_LABELS = {Light.green: "绿灯（按进度推进）", Light.yellow: "黄灯（存在风险）", Light.red: "红灯（进度滞后）",
                Light.done: "已完成"}


@dataclass(frozen=True)
class LeadProgress:
    unit_code: str
    percent: int  # latest reported, 0 when none
    completed: bool
    period: str | None  # of the latest report


@dataclass(frozen=True)
class StatusDecision:
    light: Light
    reasons: list[str]
    facts: dict
    basis: str


def decide(*, as_of: date, start: date, due: date | None, leads: list[LeadProgress], overdue_duties: int,
           year_end: date = date(2023, 12, 31)) -> StatusDecision:
    params = parameters()
    on = max(as_of, date(2023, 2, 1))  # the rule applies from the notice; earlier days read its first values
    behind, at_risk = params.at("tasks.status.behind_gap", on), params.at("tasks.status.at_risk_gap", on)
    end = due or year_end
    span = max((end - start).days, 1)
    expected = max(0, min(100, round(100 * (as_of - start).days / span)))
    progress = min((lead.percent for lead in leads), default=0)
    facts = {"as_of": as_of.isoformat(), "start": start.isoformat(), "due_on": end.isoformat(),
             "expected_percent": expected, "reported_percent": progress, "overdue_duties": overdue_duties,
             "leads": [{"unit": lead.unit_code, "percent": lead.percent, "completed": lead.completed,
                        "period": lead.period} for lead in leads],
             "behind_gap": behind.value, "at_risk_gap": at_risk.value}
    basis = f"{behind.reference}；{at_risk.reference}"
    gap = expected - progress
    if leads and all(lead.completed for lead in leads):
        return StatusDecision(Light.done, ["全部牵头单位报告已完成"], facts, basis)
    reasons = []
    if as_of > end:
        reasons.append(f"完成时限 {end.isoformat()} 已过，尚未完成")
    if gap >= behind.value:
        reasons.append(f"进度 {progress}% 落后时序进度 {expected}% 达 {gap} 个百分点")
    if reasons:
        return StatusDecision(Light.red, reasons, facts, basis)
    if overdue_duties:
        reasons.append(f"{overdue_duties} 项报送义务逾期")
    if gap >= at_risk.value:
        reasons.append(f"进度 {progress}% 落后时序进度 {expected}% {gap} 个百分点")
    if reasons:
        return StatusDecision(Light.yellow, reasons, facts, basis)
    return StatusDecision(Light.green, ["按时序推进"], facts, basis)
