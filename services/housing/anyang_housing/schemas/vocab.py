"""Coded values of the housing API: stable English codes (enum types) with their Chinese labels."""

from __future__ import annotations

from enum import StrEnum

from anyang_housing.domain.eligibility import TIER_LABELS
from anyang_housing.domain.operation import DISPOSITIONS
from anyang_housing.domain.projects import RELAXATION_GROUNDS


def described(labels: dict[str, str]) -> str:
    return "；".join(f"{k}：{v}" for k, v in labels.items())


class ProjectSource(StrEnum):
    new_build = "new_build"
    conversion = "conversion"
    renovation = "renovation"
    government_idle = "government_idle"
    surplus_resettlement = "surplus_resettlement"
    market_converted = "market_converted"
    recognised_existing = "recognised_existing"


SOURCE_LABELS = {
    "new_build": "新建",
    "conversion": "非居住存量房屋改建（商业办公、旅馆、厂房、仓储、科研教育等）",
    "renovation": "改造",
    "government_idle": "政府闲置住房",
    "surplus_resettlement": "富余安置房转化",
    "market_converted": "市场房源转化",
    "recognised_existing": "既有住房认定",
}


class LandType(StrEnum):
    collective = "collective"
    enterprise_own = "enterprise_own"
    industrial_park = "industrial_park"
    non_residential_stock_land = "non_residential_stock_land"
    newly_supplied = "newly_supplied"


LAND_LABELS = {
    "collective": "集体经营性建设用地",
    "enterprise_own": "企事业单位自有土地",
    "industrial_park": "产业园区配套用地",
    "non_residential_stock_land": "非居住存量土地",
    "newly_supplied": "新供应国有建设用地",
}


class Target(StrEnum):
    none = "none"
    park = "park"
    employer = "employer"
    system = "system"
    talent = "talent"


TARGET_LABELS = {
    "none": "面向社会供应",
    "park": "本园区职工（产业园区配套建设）",
    "employer": "本单位职工（用人单位配套建设）",
    "system": "本系统职工",
    "talent": "人才公寓（原主管单位配租）",
}


class TargetMode(StrEnum):
    priority = "priority"
    exclusive = "exclusive"


TARGET_MODE_LABELS = {"priority": "优先供应", "exclusive": "定向供应"}


class Layout(StrEnum):
    apartment = "apartment"
    dormitory = "dormitory"


LAYOUT_LABELS = {"apartment": "成套住房", "dormitory": "宿舍型"}

RelaxationGrounds = StrEnum("RelaxationGrounds", {k: k for k in RELAXATION_GROUNDS})
DispositionKind = StrEnum("DispositionKind", {k: k for k in DISPOSITIONS})

PROJECT_STATUS_LABELS = {
    "registered": "已登记，待联合审查",
    "reviewed": "联合审查同意，待市领导小组审批",
    "review_rejected": "联合审查未通过",
    "recognised": "已认定（市领导小组下发认定书）",
    "county_recognised": "县（市）已认定，待报市领导小组备案",
    "filed": "县（市）认定，已报市领导小组备案",
    "exited": "已退出保障性租赁住房管理",
}
ProjectStatus = StrEnum("ProjectStatus", {k: k for k in PROJECT_STATUS_LABELS})

UNIT_STATUS_LABELS = {"available": "可配租", "offered": "已发出配租通知", "leased": "已出租"}
UnitStatus = StrEnum("UnitStatus", {k: k for k in UNIT_STATUS_LABELS})

OFFER_STATUS_LABELS = {"open": "待答复", "accepted": "已接受", "refused": "已拒绝", "withdrawn": "已撤回",
                       "leased": "已签约"}
OfferStatus = StrEnum("OfferStatus", {k: k for k in OFFER_STATUS_LABELS})

LEASE_STATUS_LABELS = {"active": "履行中", "ended": "已终止"}
LeaseStatus = StrEnum("LeaseStatus", {k: k for k in LEASE_STATUS_LABELS})

QUEUE_STATUS_LABELS = {"waiting": "轮候中", "offered": "已发出配租通知", "housed": "已签约入住"}
QueueStatus = StrEnum("QueueStatus", {k: k for k in QUEUE_STATUS_LABELS})

PLAN_STATUS_LABELS = {"drafted": "已编制，待省政府审批", "approved": "省政府已批准", "published": "已向社会公布"}
PlanStatus = StrEnum("PlanStatus", {k: k for k in PLAN_STATUS_LABELS})

APPLICATION_STATUS_LABELS = {"eligible": "符合申请条件", "ineligible": "不符合申请条件",
                             "revoked": "已撤销（骗取保障性住房）"}
ApplicationStatus = StrEnum("ApplicationStatus", {k: k for k in APPLICATION_STATUS_LABELS})

FRAUD_STATUS_LABELS = {"open": "调查中", "confirmed": "已认定骗取保障性住房", "dismissed": "已撤销"}
FraudStatus = StrEnum("FraudStatus", {k: k for k in FRAUD_STATUS_LABELS})

# what a rule decided (domain.eligibility.assess: 安政办〔2023〕7号 三（一）)
ASSESSMENT_OUTCOME_LABELS = {f"tier_{n}": f"可以申请：{label}" for n, label in TIER_LABELS.items()} | {
    "area_not_below_limit": "不符合申请条件：人均住房面积不低于15平方米"}
AssessmentOutcome = StrEnum("AssessmentOutcome", {k: k for k in ASSESSMENT_OUTCOME_LABELS})

# what a project, rent, lease or exit rule decided (domain.projects, domain.operation, domain.leases)
VERDICT_OUTCOME_LABELS = {
    "unit_mix_met": "户型面积符合要求", "unit_mix_relaxed": "户型面积按规定放宽",
    "unit_mix_short": "户型面积不符合要求",
    "rent_below_market": "租金低于同地段同品质市场租金", "rent_not_below_market": "租金不低于市场租金",
    "no_contract_terms": "土地合同未约定租金", "within_contract": "租金在合同约定范围内",
    "above_contract_rent": "租金超出合同约定",
    "no_minimum_period": "无最低运营期限要求", "minimum_period_served": "已满最低运营期限",
    "minimum_period_running": "未满最低运营期限",
    "allowed": "允许处置", "not_collective_land": "非集体经营性建设用地，不得如此处置", "only_for_rent": "只租不售",
    "half_year_filed_lease": "已备案租赁合同满半年", "lease_not_filed": "租赁合同未备案",
    "lease_shorter_than_half_year": "租赁合同不满半年", "lease_ended": "租赁合同已终止",
}
VerdictOutcome = StrEnum("VerdictOutcome", {k: k for k in VERDICT_OUTCOME_LABELS})
