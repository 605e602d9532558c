"""Emergency plans, drills and public reports in the API."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from anyang_hydrogen.schemas.examples import DEMO_STATION_ID


class EmergencyPlanIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    version: str = Field("1.0", max_length=50)

    model_config = {"json_schema_extra": {"examples": [{"title": "加氢站氢气泄漏事故应急预案", "version": "2026版"}]}}


class EmergencyPlanOut(BaseModel):
    id: str
    station_id: str
    title: str
    version: str
    filed_on: date


class DrillIn(BaseModel):
    drilled_on: date = Field(description="演练日期（不得晚于今天）")
    scenario: str = Field(min_length=1, max_length=2000)

    model_config = {"json_schema_extra": {"examples": [{"drilled_on": "2026-11-30", "scenario": "加氢机软管泄漏处置"}]}}


class DrillOut(BaseModel):
    id: str
    station_id: str
    drilled_on: date
    scenario: str


class HalfYearStatus(StrEnum):
    done = "done"
    missed = "missed"
    due = "due"


class ReportStatus(StrEnum):
    received = "received"
    handled = "handled"


class HalfYearOut(BaseModel):
    label: str
    starts_on: date
    ends_on: date
    drills: int
    status: HalfYearStatus = Field(description="done 已演练 / missed 未演练（已逾期） / due 本半年尚未演练")
    status_label: str


class DrillStatusOut(BaseModel):
    station_id: str
    half_years: list[HalfYearOut]
    missed: int
    current_due: bool
    basis: str


class PublicReportIn(BaseModel):
    station_id: str | None = Field(None, description="涉及的加氢站（如知道）")
    region: str | None = Field(None, pattern=r"^\d{6}$", description="发生地县（市、区）代码（未指明加氢站时必填）")
    location: str = Field(min_length=1, max_length=300)
    description: str = Field(min_length=1, max_length=4000,
                             description="侵占、损毁、擅自拆除设施或损毁、覆盖、涂改、移动安全警示标志的行为（第二十四条）")
    contact: str | None = Field(None, max_length=100, description="联系方式（不公开）")

    model_config = {"json_schema_extra": {"examples": [{
        "station_id": DEMO_STATION_ID, "location": "文峰示范加氢站东侧围墙", "description": "有人涂改安全警示标志"}]}}


class PublicReportOut(BaseModel):
    id: str
    station_id: str | None
    region: str
    location: str
    description: str
    status: ReportStatus = Field(description="received 已受理 / handled 已处理")
    status_label: str
    received_on: date
    handling: str | None
    handled_on: date | None


class HandlingIn(BaseModel):
    handling: str = Field(min_length=1, max_length=4000)

    model_config = {"json_schema_extra": {"examples": [{"handling": "已责令恢复警示标志，并移送公安部门"}]}}
