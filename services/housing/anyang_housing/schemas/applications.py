"""Applications in the API: the ID number goes in, only its masked form comes out.

Two ways to describe the household, both accepted: the original `household_members` count and
`owned_areas_m2` (homes in the city area), or `members[]` and `homes[]` with each home's region code (the
service decides whether it lies in the city area). Where both are given they must agree.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from anyang_housing.schemas.vocab import (
    APPLICATION_STATUS_LABELS,
    ASSESSMENT_OUTCOME_LABELS,
    QUEUE_STATUS_LABELS,
    ApplicationStatus,
    AssessmentOutcome,
    QueueStatus,
    described,
)
from govkit.ids import USCC, ResidentId


class Relation(StrEnum):
    applicant = "applicant"
    spouse = "spouse"
    child = "child"
    parent = "parent"
    other = "other"


RELATION_LABELS = {"applicant": "申请人本人", "spouse": "配偶", "child": "子女", "parent": "父母",
                   "other": "其他共同生活成员"}


class MemberIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    relation: Relation = Field(description=described(RELATION_LABELS))


class HomeIn(BaseModel):
    area_m2: Decimal = Field(gt=0, le=10000, max_digits=10, decimal_places=2, description="建筑面积（平方米）")
    region: str = Field(pattern=r"^\d{6}$", description="所在县（市、区）或功能区代码（GB/T 2260）；市区由服务判定")


class ApplicationIn(BaseModel):
    applicant_name: str = Field(min_length=1, max_length=100)
    id_number: ResidentId
    household_members: int | None = Field(None, ge=1, le=20, description="家庭成员人数（含申请人）；或填 members")
    owned_areas_m2: list[Decimal] = Field(
        default_factory=list,
        max_length=20,
        description="家庭在本市区内自有住房的建筑面积（每套一项，平方米）；或填 homes",
    )
    members: list[MemberIn] | None = Field(None, min_length=1, max_length=20, description="家庭成员（含申请人）")
    homes: list[HomeIn] | None = Field(None, max_length=20, description="家庭自有住房（每套：面积、所在区域代码）")
    new_citizen: bool = Field(False,
                              description="新市民（申请人申报；填写 residence_permit / moved_in_on 时由服务判定）")
    residence_permit: bool | None = Field(None, description="持有安阳市居住证")
    moved_in_on: date | None = Field(None, description="迁入本市日期（5年内迁入为新市民）")
    employer_code: USCC | None = Field(None, description="工作单位统一社会信用代码（定向供应）")
    park_code: str | None = Field(None, pattern=r"^\d{6}$", description="就业所在产业园区（功能区代码，定向供应）")
    system_code: str | None = Field(None, max_length=20, description="所属系统的主管部门代码（定向供应）")
    applied_on: date | None = Field(
        None, description="旧字段：申请人填写的日期不予采用（以受理时间为准）；受理窗口填写时视为纸质申请收件日期")
    paper_received_on: date | None = Field(
        None, description="纸质申请收件日期（仅受理窗口 housing.admin 可填，不得晚于今天，记入审计）")

    model_config = {"json_schema_extra": {"examples": [{
        "applicant_name": "示范市民",
        "id_number": "410502198506150026",
        "members": [{"name": "示范市民", "relation": "applicant"}, {"name": "示范配偶", "relation": "spouse"},
                    {"name": "示范子女", "relation": "child"}, {"name": "示范老人", "relation": "parent"}],
        "homes": [{"area_m2": "59.99", "region": "410502"}],
        "residence_permit": True,
    }]}}


class Assessment(BaseModel):
    eligible: bool
    outcome: AssessmentOutcome = Field(description=described(ASSESSMENT_OUTCOME_LABELS))
    outcome_label: str
    basis: str
    reason: str
    facts: dict[str, Any]


class MemberOut(BaseModel):
    name: str
    relation: Relation = Field(description=described(RELATION_LABELS))
    relation_label: str


class HomeOut(BaseModel):
    area_m2: str
    region: str | None
    region_name: str | None
    in_city_area: bool


class ApplicationOut(BaseModel):
    id: str
    applicant_name: str
    id_number_masked: str
    household_members: int
    owned_areas_m2: list[str]
    per_person_area_m2: str
    new_citizen: bool
    applied_on: date
    status: ApplicationStatus = Field(description=described(APPLICATION_STATUS_LABELS))
    status_label: str
    priority_tier: int | None
    priority_label: str | None
    assessment: Assessment
    members: list[MemberOut] | None = None
    homes: list[HomeOut] | None = None
    residence_permit: bool | None = None
    moved_in_on: date | None = None
    received_at: datetime | None = Field(None, description="服务受理时间（决定排队顺序）")
    paper_received_on: date | None = None
    employer_code: str | None = None
    park_code: str | None = None
    system_code: str | None = None
    queue_status: QueueStatus | None = Field(None, description=described(QUEUE_STATUS_LABELS))
    queue_status_label: str | None = None


class QueuePosition(BaseModel):
    application_id: str
    queue_status: QueueStatus | None = Field(None, description=described(QUEUE_STATUS_LABELS))
    queue_status_label: str | None
    priority_tier: int | None
    position: int | None = Field(None, description="在轮候队列中的位次（1为最前）；未在轮候时为空")
    waiting_total: int
    queued_at: datetime | None
    rule: str


class QueueEntry(BaseModel):
    position: int
    application_id: str
    applicant_name: str
    id_number_masked: str
    priority_tier: int
    priority_label: str
    queued_at: datetime
