"""Accidents in the API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from anyang_hydrogen.domain.severity import Severity


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


class ConclusionIn(BaseModel):
    responsible: bool = Field(description="调查认定经营企业对事故负有责任（责任事故）")
    conclusion: str = Field(min_length=1, max_length=4000)
    concluded_on: date


class AccidentOut(BaseModel):
    id: str
    station_id: str
    operator_code: str
    operator_name: str
    region: str
    occurred_on: date
    severity: str
    severity_label: str
    severity_basis: str
    deaths: int
    serious_injuries: int
    direct_loss_yuan: int
    summary: str
    announced: bool = Field(description="较大及以上事故：已发布 hydrogen.accident.reported")
    status: str
    status_label: str
    concluded_on: date | None
    responsible: bool | None
    conclusion: str | None
