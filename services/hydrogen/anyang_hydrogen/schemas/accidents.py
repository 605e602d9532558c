"""Accidents in the API."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from anyang_hydrogen.domain.severity import Severity
from anyang_hydrogen.schemas.examples import DEMO_STATION_ID


class AccidentStatus(StrEnum):
    under_investigation = "under_investigation"
    concluded = "concluded"


class AccidentIn(BaseModel):
    station_id: str
    occurred_on: date
    severity: Severity = Field(
        description="《生产安全事故报告和调查处理条例》第三条：general 一般 / larger 较大 / "
        "major 重大 / especially_major 特别重大"
    )
    summary: str = Field(min_length=1, max_length=4000)
    deaths: int = Field(0, ge=0)
    serious_injuries: int = Field(0, ge=0, description="重伤（包括急性工业中毒）")
    direct_loss_yuan: int = Field(0, ge=0, description="直接经济损失（元）")

    model_config = {"json_schema_extra": {"examples": [{
        "station_id": DEMO_STATION_ID, "occurred_on": "2026-11-28", "severity": "general",
        "summary": "加氢枪密封圈老化轻微泄漏，已处置，无人员伤亡", "direct_loss_yuan": 5000}]}}


class ConclusionIn(BaseModel):
    responsible: bool = Field(description="调查认定经营企业对事故负有责任（责任事故）")
    conclusion: str = Field(min_length=1, max_length=4000)
    concluded_on: date

    model_config = {"json_schema_extra": {"examples": [{
        "responsible": False, "conclusion": "调查认定为设备缺陷所致，经营企业无责任", "concluded_on": "2026-11-30"}]}}


class AccidentOut(BaseModel):
    id: str
    station_id: str
    operator_code: str
    operator_name: str
    region: str
    occurred_on: date
    severity: Severity = Field(description="general 一般 / larger 较大 / major 重大 / especially_major 特别重大")
    severity_label: str
    severity_basis: str
    deaths: int
    serious_injuries: int
    direct_loss_yuan: int
    summary: str
    announced: bool = Field(description="较大及以上事故：已发布 hydrogen.accident.reported")
    status: AccidentStatus = Field(description="under_investigation 调查中 / concluded 已有调查结论")
    status_label: str
    concluded_on: date | None
    responsible: bool | None
    conclusion: str | None
