"""County construction plans and the yearly assessment in the API (安政办〔2023〕7号 二（一）, 五（五）)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from anyang_housing.schemas.vocab import PLAN_STATUS_LABELS, PlanStatus, described


class PlanIn(BaseModel):
    region: str = Field(pattern=r"^\d{6}$", description="县（市、区）或功能区代码")
    year: int = Field(ge=2021, le=2100)
    planned_units: int = Field(ge=0, le=1_000_000, description="年度计划筹集（开工）套数")

    model_config = {"json_schema_extra": {"examples": [{"region": "410522", "year": 2023, "planned_units": 300}]}}


class PlanApprovalIn(BaseModel):
    approval_number: str = Field(min_length=1, max_length=100, description="省政府批准文号")
    approved_on: date

    model_config = {"json_schema_extra": {"examples": [{
        "approval_number": "豫政文〔2023〕1号（示例）", "approved_on": "2023-03-20"}]}}


class PlanOut(BaseModel):
    id: str
    region: str
    region_name: str
    year: int
    planned_units: int
    status: PlanStatus = Field(description=described(PLAN_STATUS_LABELS))
    status_label: str
    approval_number: str | None
    approved_on: date | None
    published_on: date | None


class AssessmentRow(BaseModel):
    region: str
    region_name: str
    year: int
    plan_status: PlanStatus | None = Field(None, description=described(PLAN_STATUS_LABELS))
    plan_status_label: str | None = None
    planned_units: int
    started_units: int
    completed_units: int
    start_rate: str | None
    completion_rate: str | None
    target_met: bool
    basis: str
