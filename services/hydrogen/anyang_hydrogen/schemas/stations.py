"""Stations and filings in the API."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from govkit.ids import USCC


class StationKind(StrEnum):
    fixed = "fixed"
    skid_mounted = "skid_mounted"


STATION_KIND_LABELS = {"fixed": "固定式加氢站", "skid_mounted": "撬装式加氢站"}
STATION_STATUS_LABELS = {
    "registered": "已登记",
    "filed": "已报备待核验",
    "verified": "核验通过",
    "rejected": "核验未通过",
}


class StationIn(BaseModel):
    name: str = Field(min_length=1, max_length=200, description="站名")
    kind: StationKind = Field(StationKind.fixed, description="第三条：固定式 / 撬装式")
    operator_code: USCC | None = Field(None, description="经营企业统一社会信用代码；经营企业登记时默认为自身")
    operator_name: str = Field("", max_length=200, description="经营企业名称")
    region: str = Field(pattern=r"^\d{6}$", description="所在县（市、区）或功能区代码（GB/T 2260）")
    address: str = Field(min_length=1, max_length=300)


class StationOut(BaseModel):
    id: str
    name: str
    kind: str
    kind_label: str
    operator_code: str
    operator_name: str
    region: str
    region_name: str
    address: str
    status: str
    status_label: str


class FilingIn(BaseModel):
    materials: list[str] = Field(
        description="第十四条所列材料代码：application_form, acceptance_filing, "
        "safety_acceptance_report, equipment_certificates, supply_contract, "
        "safety_rules, staff_certificates, premises_proof, other"
    )
    received_on: date | None = Field(None, description="接到报备申请之日（默认今天）")


class VerificationIn(BaseModel):
    passed: bool
    verified_on: date
    experts: list[str] = Field(min_length=1, description="组织的专家（第十三条）")
    findings: str = Field(min_length=1, max_length=4000, description="材料审查和现场核查意见")


class FilingOut(BaseModel):
    id: str
    station_id: str
    materials: list[str]
    received_on: date
    verification_due: date
    due_provisional: bool
    due_basis: str
    overdue: bool
    status: str
    verified_on: date | None
    experts: list[str] | None
    findings: str | None
