"""Plans, reports, duties and statuses in the API."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, Field

from anyang_tasks.domain.status import Light


class ReportKind(StrEnum):
    monthly = "monthly"
    annual = "annual"
    completion = "completion"


class DutyKind(StrEnum):
    plan = "plan"
    monthly = "monthly"
    annual = "annual"
    completion = "completion"


class Milestone(BaseModel):
    due_on: date
    description: str = Field(min_length=1, max_length=500)


class PlanIn(BaseModel):
    """实施方案: 时间节点, 具体措施, 责任到人 (安政办〔2023〕5号)."""

    milestones: list[Milestone] = Field(min_length=1, max_length=50)
    measures: str = Field(min_length=1, max_length=8000)
    responsible_person: str = Field(min_length=1, max_length=100)

    model_config = {"json_schema_extra": {"examples": [{
        "milestones": [{"due_on": "2023-06-30", "description": "上半年签约项目50个"},
                       {"due_on": "2023-12-31", "description": "全年签约项目100个以上"}],
        "measures": "建立项目台账，按月调度，分县区通报", "responsible_person": "张三（投资科科长）"}]}}


class PlanOut(BaseModel):
    id: str
    task_id: str
    unit_code: str
    milestones: list[Milestone]
    measures: str
    responsible_person: str
    submitted_at: datetime
    late: bool


class ReportIn(BaseModel):
    kind: ReportKind = Field(description="monthly 月度进展；annual 全年落实情况；completion 完成情况")
    period: str = Field(pattern=r"^\d{4}(-\d{2})?$", description="monthly: YYYY-MM; annual, completion: YYYY")
    progress: str = Field(min_length=1, max_length=8000, description="进展情况")
    percent: int = Field(ge=0, le=100, description="完成百分比")
    target_values: dict[str, Annotated[str, Field(max_length=100)]] = Field(
        default_factory=dict, max_length=50, description="target seq → value reached, e.g. {\"1\": \"46\"}")
    problems: str = Field("", max_length=8000, description="存在问题（内部，不公开）")
    next_steps: str = Field("", max_length=8000, description="下步打算")
    completed: bool = False

    model_config = {"json_schema_extra": {"examples": [{
        "kind": "monthly", "period": "2023-04", "progress": "签约项目46个，开工项目38个", "percent": 30,
        "target_values": {"1": "46", "2": "38", "3": "21"}, "problems": "部分项目用地指标未落实",
        "next_steps": "协调自然资源部门保障用地", "completed": False}]}}


class ReportOut(BaseModel):
    id: str
    task_id: str
    unit_code: str
    kind: ReportKind = Field(description="monthly 月度进展；annual 全年落实情况；completion 完成情况")
    kind_label: str
    period: str
    progress: str
    percent: int
    target_values: dict[str, str]
    problems: str
    next_steps: str
    completed: bool
    submitted_at: datetime
    due: date | None
    late: bool


class DutyOut(BaseModel):
    task_id: str
    task_ref: str
    unit_code: str
    unit_name: str
    kind: DutyKind = Field(description="plan 实施方案；monthly 月度进展报告；annual 全年落实情况报告；"
                                       "completion 完成情况报告")
    kind_label: str
    period: str
    due: date
    basis: str


class OverdueSupervisionOut(BaseModel):
    item_id: str
    unit_code: str
    answer_due: date
    answered_late: bool
    reason: str


class OverdueOut(BaseModel):
    as_of: date
    duties: list[DutyOut]
    by_unit: dict[str, int] = Field(description="unit code → number of overdue duties")
    by_task: dict[str, int] = Field(description="task id → number of overdue duties")
    supervision_items: list[OverdueSupervisionOut] = Field(description="supervision items answered late or "
                                                                        "still unanswered past their deadline")


class StatusOut(BaseModel):
    task_id: str
    light: Light = Field(description="green 绿灯；yellow 黄灯；red 红灯；done 已完成")
    light_label: str
    reasons: list[str]
    facts: dict[str, Any]
    basis: str
