"""Stations and filings in the API."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from anyang_hydrogen.domain.conditions import CONDITIONS
from anyang_hydrogen.domain.stations import (
    KIND_LABELS,
    STATUS_LABELS,
    CombinedWith,
    LandUse,
    Medium,
    SiteSetting,
    StationKind,
    StationUse,
    Status,
)
from anyang_hydrogen.schemas.operations import QualitySummary
from govkit.ids import USCC

STATION_KIND_LABELS = KIND_LABELS
STATION_STATUS_LABELS = STATUS_LABELS

LAT = Field(None, ge=-90, le=90, description="纬度，WGS-84（EPSG:4326）十进制度")
LON = Field(None, ge=-180, le=180, description="经度，WGS-84（EPSG:4326）十进制度")


class StationIn(BaseModel):
    name: str = Field(min_length=1, max_length=200, description="站名")
    kind: StationKind = Field(StationKind.fixed, description="第三条：fixed 固定式 / skid_mounted 撬装式")
    operator_code: USCC | None = Field(None, description="经营企业统一社会信用代码；经营企业登记时默认为自身")
    operator_name: str = Field("", max_length=200, description="经营企业名称")
    region: str = Field(pattern=r"^\d{6}$", description="所在县（市、区）或功能区代码（GB/T 2260）")
    address: str = Field(min_length=1, max_length=300)
    media: list[Medium] | None = Field(None, description="第三条：gaseous 气态氢 / liquid 液态氢")
    use: StationUse | None = Field(None, description="第九条：public 对外经营 / self_use 企业自用")
    land_use: LandUse | None = Field(
        None, description="第九条用地性质：fuel_station 加油加气加氢站用地 / industrial 工业用地 / "
        "warehouse 仓储用地 / bus_depot 公交场站建设用地 / other 其他用地")
    site_setting: SiteSetting | None = Field(
        None, description="自用设施所在场地：core_industrial_area 核心产业功能区 / logistics_park 物流园区 / "
        "bus_depot 公交场站 / other 其他场地")
    combined_with: list[CombinedWith] = Field(
        default_factory=list, description="合建站（第三条、第八条）同时经营：petrol 加油 / gas 加气 / charging 充电")
    latitude: float | None = LAT
    longitude: float | None = LON
    plan_site_id: str | None = Field(None, description="所在发展规划点位（GET /plan/sites）")

    model_config = {"json_schema_extra": {"examples": [{
        "name": "文峰二号加氢站", "kind": "fixed", "region": "410502", "address": "安阳市文峰区光明路88号",
        "media": ["gaseous"], "use": "public", "land_use": "fuel_station", "combined_with": ["charging"],
        "latitude": 36.0866, "longitude": 114.3835}]}}


class StationOut(BaseModel):
    id: str
    name: str
    kind: StationKind
    kind_label: str
    operator_code: str
    operator_name: str
    region: str
    region_name: str
    address: str
    status: Status = Field(description="; ".join(f"{k} {v}" for k, v in STATUS_LABELS.items()))
    status_label: str
    media: list[Medium] = Field(description="gaseous 气态氢 / liquid 液态氢")
    media_labels: list[str]
    use: StationUse | None = Field(description="public 对外经营 / self_use 企业自用")
    use_label: str | None
    land_use: LandUse | None
    land_use_label: str | None
    combined_with: list[CombinedWith]
    combined_labels: list[str]
    extra_standards: list[str] = Field(description="合建站须同时符合的标准（第八条）")
    latitude: float | None = Field(description="WGS-84")
    longitude: float | None = Field(description="WGS-84")
    plan_site_id: str | None
    opening_date: date | None
    posted_price_fen_per_kg: int | None = Field(None, description="最近挂牌价格（分/千克，第十七条）")
    posted_price_date: date | None = None
    quality: QualitySummary | None = Field(None, description="氢气质量检测报告公示情况（第十六条）")


class FilingIn(BaseModel):
    materials: list[str] = Field(
        description="第十四条所列材料代码：application_form, acceptance_filing, "
        "safety_acceptance_report, equipment_certificates, supply_contract, "
        "safety_rules, staff_certificates, premises_proof, other"
    )
    received_on: date | None = Field(
        None, description="接到报备之日：网上报备为提交当日（服务时钟，经营企业不得另填）；"
        "纸质报备由县级燃气主管部门录入递交之日（不得晚于今天、不得早于竣工验收）")

    model_config = {"json_schema_extra": {"examples": [{"materials": [
        "application_form", "acceptance_filing", "safety_acceptance_report", "equipment_certificates",
        "supply_contract", "safety_rules", "staff_certificates", "premises_proof"]}]}}


class FilingStatus(StrEnum):
    submitted = "submitted"
    verified = "verified"
    rejected = "rejected"


FILING_STATUS_LABELS = {"submitted": "已报备待核验", "verified": "核验通过", "rejected": "核验未通过"}


class Channel(StrEnum):
    online = "online"
    paper = "paper"


CHANNEL_LABELS = {"online": "网上报送", "paper": "纸质报送（县级主管部门录入）"}


class ConditionIn(BaseModel):
    code: str = Field(description="第十二条条件代码：in_plan, hydrogen_source, licences, premises, facilities, "
                      "principals_examined, safety_managers_examined, operation_staff_examined, "
                      "filling_operators, intermediate_technicians, safety_rules, emergency_plan")
    passed: bool
    evidence: str = Field(min_length=1, max_length=1000, description="依据的证据（证书编号、检测报告、现场核查记录）")
    number: int | None = Field(None, ge=0, description="人数（filling_operators、intermediate_technicians 必填）")


class VerificationIn(BaseModel):
    passed: bool
    verified_on: date = Field(description="材料审查和现场核查之日（不得晚于今天）")
    experts: list[str] = Field(min_length=1, description="组织的专家（第十三条）")
    findings: str = Field(min_length=1, max_length=4000, description="材料审查和现场核查意见")
    conditions: list[ConditionIn] = Field(
        default_factory=list, description="第十二条经营条件逐项核验结果（通过时须全部列明）")

    model_config = {"json_schema_extra": {"examples": [{
        "passed": True, "verified_on": "2026-11-30", "experts": ["张工", "李工", "王工"],
        "findings": "材料齐全，现场核查符合要求",
        "conditions": [{"code": c, "passed": True, "evidence": "现场核查记录", **(
            {"number": 8} if c == "filling_operators" else {"number": 2} if c == "intermediate_technicians" else {})}
            for c in CONDITIONS]}]}}


class ConditionOut(BaseModel):
    code: str
    label: str
    basis: str
    passed: bool
    evidence: str
    number: int | None
    minimum: int | None
    reason: str


class FilingOut(BaseModel):
    id: str
    station_id: str
    materials: list[str]
    received_on: date
    channel: Channel = Field(description="online 网上报送 / paper 纸质报送")
    channel_label: str
    verification_due: date
    due_provisional: bool
    due_basis: str
    overdue: bool = Field(description="逾期未核验（超过三个工作日）")
    status: FilingStatus = Field(description="submitted 已报备待核验 / verified 核验通过 / rejected 核验未通过")
    status_label: str
    verified_on: date | None
    decided_on: date | None = Field(description="核验结果录入之日（服务时钟）")
    verified_late: bool | None = Field(description="核验结果晚于到期日录入")
    experts: list[str] | None
    findings: str | None
    conditions: list[ConditionOut] | None


class OpeningIn(BaseModel):
    opening_date: date = Field(description="开业日期（核验通过后，由经营企业填报）")

    model_config = {"json_schema_extra": {"examples": [{"opening_date": "2026-12-01"}]}}
