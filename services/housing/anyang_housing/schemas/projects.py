"""Projects, units, rents, recognition and operation in the API (安政办〔2023〕7号 二、三、四、五)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from anyang_housing.domain.operation import DISPOSITIONS
from anyang_housing.domain.projects import RELAXATION_GROUNDS
from anyang_housing.schemas.vocab import (
    LAND_LABELS,
    LAYOUT_LABELS,
    PROJECT_STATUS_LABELS,
    SOURCE_LABELS,
    TARGET_LABELS,
    TARGET_MODE_LABELS,
    UNIT_STATUS_LABELS,
    VERDICT_OUTCOME_LABELS,
    DispositionKind,
    LandType,
    Layout,
    ProjectSource,
    ProjectStatus,
    RelaxationGrounds,
    Target,
    TargetMode,
    UnitStatus,
    VerdictOutcome,
    described,
)
from govkit.ids import USCC

DEMO_OPERATOR = "91410500MA44GT012H"  # ent-demo1 安阳钢铁示范有限公司, housing for its own employees


class Verdict(BaseModel):
    """A rule's answer with its basis and the facts used (README: Legal basis)."""

    passed: bool
    outcome: VerdictOutcome = Field(description=described(VERDICT_OUTCOME_LABELS))
    outcome_label: str
    basis: str
    reason: str
    facts: dict[str, Any]


class UnitIn(BaseModel):
    number: str = Field(min_length=1, max_length=40, description="房号")
    floor_area_m2: Decimal = Field(gt=0, le=1000, max_digits=8, decimal_places=2, description="建筑面积（平方米）")
    layout: Layout = Field(Layout.apartment, description=described(LAYOUT_LABELS))


class ParkLandIn(BaseModel):
    support_land_share_pct: Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=2,
                                            description="配套行政办公及生活服务设施用地占项目总用地面积的比例（%）")
    city_consent: str | None = Field(None, max_length=200, description="市政府同意文件（超过7%时必填）")
    extra_mainly_dormitory: bool = Field(False, description="提高部分主要用于建设宿舍型保障性租赁住房")
    whole_apartment_commercial: bool = Field(False, description="建设成套商品住宅（严禁）")


class ContractRentIn(BaseModel):
    max_rent_fen_per_m2: int = Field(gt=0, le=100_000, description="土地出让或租赁合同约定的租金上限（分/平方米·月）")
    adjustment: str = Field("", max_length=500, description="合同约定的租金调整方式")


class ProjectIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    region: str = Field(pattern=r"^\d{6}$", description="所在县（市、区）或功能区代码")
    locality: str = Field(min_length=1, max_length=100, description="地段（查找同地段同品质市场租金）")
    address: str = Field(min_length=1, max_length=300)
    source: ProjectSource = Field(description=described(SOURCE_LABELS))
    land_type: LandType = Field(description=described(LAND_LABELS))
    investor_code: USCC | None = Field(None, description="投资主体（谁投资、谁所有）；默认运营机构")
    investor_name: str = Field("", max_length=200)
    operator_code: USCC | None = Field(None, description="运营机构统一社会信用代码；企业登记时为自身")
    operator_name: str = Field("", max_length=200)
    target: Target = Field(Target.none, description=described(TARGET_LABELS))
    target_mode: TargetMode = Field(TargetMode.priority, description=described(TARGET_MODE_LABELS))
    target_code: str | None = Field(None, max_length=20,
                                    description="定向对象：园区（功能区代码）、单位（统一社会信用代码）、系统或人才公寓主管单位代码")
    units: list[UnitIn] = Field(min_length=1, max_length=5000)
    park_land: ParkLandIn | None = Field(None, description="产业园区配套用地（land_type=industrial_park 时必填）")
    contract_rent: ContractRentIn | None = Field(None, description="土地合同约定的租金及调整方式（四（一）5）")

    model_config = {"json_schema_extra": {"examples": [{
        "name": "安钢职工保障性租赁住房（示例）", "region": "410502", "locality": "文峰区中华路片区",
        "address": "安阳市文峰区中华路88号", "source": "new_build", "land_type": "enterprise_own",
        "operator_name": "安阳钢铁示范有限公司", "target": "employer", "target_mode": "priority",
        "target_code": DEMO_OPERATOR,
        "units": [{"number": "1-101", "floor_area_m2": "45"}, {"number": "1-102", "floor_area_m2": "70"},
                  {"number": "1-103", "floor_area_m2": "70"}, {"number": "1-201", "floor_area_m2": "89"}],
    }]}}


class RelaxationIn(BaseModel):
    grounds: RelaxationGrounds = Field(description=described(RELAXATION_GROUNDS))
    reason: str = Field(min_length=1, max_length=1000)
    approver: str = Field(min_length=1, max_length=200, description="批准放宽的单位或负责人")


class JointReviewIn(BaseModel):
    approved: bool
    departments: list[str] = Field(min_length=1, max_length=30, description="参加联合审查的部门")
    opinion: str = Field(min_length=1, max_length=2000)
    relaxation: RelaxationIn | None = Field(None, description="户型面积标准适当放宽（三（二））")

    model_config = {"json_schema_extra": {"examples": [{
        "approved": True, "departments": ["区发展改革委", "区自然资源和规划局", "区住房城乡建设局"],
        "opinion": "符合规划，同意上报", "relaxation": None}]}}


class CountyRecognitionIn(BaseModel):
    document_number: str = Field(min_length=1, max_length=100, description="县（市）认定文号")
    departments: list[str] = Field(default_factory=list, max_length=30)
    opinion: str = Field("", max_length=2000)
    relaxation: RelaxationIn | None = None

    model_config = {"json_schema_extra": {"examples": [{
        "document_number": "林保租认〔2023〕2号", "departments": ["林州市住房城乡建设局"], "opinion": "同意认定"}]}}


class ApprovalIn(BaseModel):
    opinion: str = Field("", max_length=2000)

    model_config = {"json_schema_extra": {"examples": [{"opinion": "领导小组批准，下发认定书"}]}}


class ProgressIn(BaseModel):
    started_on: date | None = Field(None, description="开工日期")
    completed_on: date | None = Field(None, description="竣工日期")
    completion_accepted_on: date | None = Field(None, description="竣工验收日期")

    model_config = {"json_schema_extra": {"examples": [{"started_on": "2023-03-01"}]}}


class RentFilingIn(BaseModel):
    rent_fen_per_m2: int = Field(gt=0, le=100_000, description="租金（分/平方米建筑面积·月）")

    model_config = {"json_schema_extra": {"examples": [{"rent_fen_per_m2": 1200}]}}


class MarketRentIn(BaseModel):
    region: str = Field(pattern=r"^\d{6}$")
    locality: str = Field(min_length=1, max_length=100, description="地段")
    rent_fen_per_m2: int = Field(gt=0, le=100_000, description="同地段同品质市场租赁住房租金（分/平方米·月）")
    valid_from: date
    source: str = Field(min_length=1, max_length=1000, description="来源（评估报告、监测数据）")

    model_config = {"json_schema_extra": {"examples": [{
        "region": "410502", "locality": "文峰区中华路片区", "rent_fen_per_m2": 1800, "valid_from": "2023-01-01",
        "source": "市住房租赁市场监测（示例）"}]}}


class DispositionIn(BaseModel):
    kind: DispositionKind = Field(description=described(DISPOSITIONS))
    creditor: str = Field("", max_length=200, description="抵押权人（整体抵押时）")
    amount_fen: int | None = Field(None, ge=0, le=10**15)
    registered_on: date | None = None

    model_config = {"json_schema_extra": {"examples": [{
        "kind": "whole_mortgage", "creditor": "中国银行安阳分行", "amount_fen": 5000000000}]}}


class UnitOut(BaseModel):
    id: str
    number: str
    floor_area_m2: str
    layout: Layout = Field(description=described(LAYOUT_LABELS))
    layout_label: str
    status: UnitStatus = Field(description=described(UNIT_STATUS_LABELS))
    status_label: str
    monthly_rent_fen: int | None = Field(None, description="按备案租金计算的月租金（分）")


class PolicyOut(BaseModel):
    code: str
    label: str
    basis: str
    condition: str
    applies: bool


class ProjectOut(BaseModel):
    id: str
    name: str
    region: str
    region_name: str
    in_city_area: bool
    locality: str
    address: str
    source: ProjectSource = Field(description=described(SOURCE_LABELS))
    source_label: str
    land_type: LandType = Field(description=described(LAND_LABELS))
    land_type_label: str
    investor_code: str
    investor_name: str
    operator_code: str
    operator_name: str
    target: Target = Field(description=described(TARGET_LABELS))
    target_label: str
    target_mode: TargetMode = Field(description=described(TARGET_MODE_LABELS))
    target_mode_label: str
    target_code: str | None
    status: ProjectStatus = Field(description=described(PROJECT_STATUS_LABELS))
    status_label: str
    units_total: int
    units_available: int
    unit_mix: Verdict
    land: dict[str, Any] | None
    relaxation: dict[str, Any] | None
    review: dict[str, Any] | None
    certificate_number: str | None
    certificate_on: date | None
    recognised_by: str | None
    filed_with_group_on: date | None
    started_on: date | None
    completed_on: date | None
    completion_accepted_on: date | None
    rent_fen_per_m2: int | None = Field(None, description="现行备案租金（分/平方米·月）")
    minimum_operation_ends: date | None = Field(None, description="最低租赁运营期限届满日（二（二））")
    exited_on: date | None
    support_policies: list[PolicyOut]


class PublicProjectOut(BaseModel):
    id: str
    name: str
    region: str
    region_name: str
    address: str
    target: Target = Field(description=described(TARGET_LABELS))
    target_label: str
    certificate_number: str | None
    rent_fen_per_m2: int | None
    units_total: int
    units_available: int
    available_units: list[UnitOut]


class RentFilingOut(BaseModel):
    id: str
    project_id: str
    filing_number: str
    rent_fen_per_m2: int
    market_rent_fen_per_m2: int
    filed_on: date
    checks: list[Verdict]


class MarketRentOut(BaseModel):
    id: str
    region: str
    locality: str
    rent_fen_per_m2: int
    valid_from: date
    source: str


class DispositionOut(BaseModel):
    id: str
    project_id: str
    kind: DispositionKind = Field(description=described(DISPOSITIONS))
    kind_label: str
    creditor: str
    amount_fen: int | None
    registered_on: date
    verdict: Verdict


class ExitOut(BaseModel):
    project: ProjectOut
    verdict: Verdict
