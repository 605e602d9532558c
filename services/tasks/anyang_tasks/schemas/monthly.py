"""The monthly supervision report to the city government (安政办〔2023〕5号: 每月向市政府报告)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from anyang_tasks.domain.status import Light
from anyang_tasks.schemas.tasks import Comparison


class LightCounts(BaseModel):
    green: int = 0
    yellow: int = 0
    red: int = 0
    done: int = 0
    total: int = 0


class SectionTotals(LightCounts):
    section: str


class UnitTotals(BaseModel):
    unit_code: str
    unit_name: str
    tasks: int
    overdue_duties: int


class TargetActual(BaseModel):
    seq: int
    metric: str
    comparison: Comparison = Field(description="ge 不低于；gt 超过；le 不超过；about 左右")
    comparison_label: str
    value: Decimal
    unit_of_measure: str
    actual: str | None = Field(description="the highest value the units reported by the month's end")


class TaskLine(BaseModel):
    task_id: str
    document: str
    ref: str
    section: str
    text: str
    light: Light = Field(description="green 绿灯；yellow 黄灯；red 红灯；done 已完成")
    light_label: str
    reasons: list[str]
    percent: int
    latest_progress: str | None
    problems: str | None = Field(None, description="internal: absent from the published summary")
    targets: list[TargetActual]
    overdue_units: list[str]


class MonthlyReport(BaseModel):
    period: str
    as_of: date
    generated_at: datetime
    totals: LightCounts
    by_section: list[SectionTotals]
    by_unit: list[UnitTotals]
    overdue_units: list[UnitTotals]
    tasks: list[TaskLine]
    rule: str = Field(description="the traffic-light rule and its basis")


class PublishedSummaryOut(BaseModel):
    period: str
    published_at: datetime
    report: MonthlyReport
