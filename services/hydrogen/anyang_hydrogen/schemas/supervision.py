"""Supervision in the API: inspections, hazards, assessments, patrols, self-assessments, referrals, stop orders."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from anyang_hydrogen.domain.supervision import AssessmentResult
from anyang_hydrogen.schemas.examples import DEMO_STATION_ID
from govkit.ids import USCC


class HazardStatus(StrEnum):
    open = "open"
    responded = "responded"
    closed = "closed"


class HazardIn(BaseModel):
    description: str = Field(min_length=1, max_length=2000, description="事故隐患")
    deadline: date = Field(description="限期整改的最后一日（第十八条）")


class InspectionIn(BaseModel):
    inspected_on: date
    findings: str = Field(min_length=1, max_length=4000)
    third_party_agency: str | None = Field(None, max_length=200,
                                           description="受委托的第三方专业机构（第十八条，仅城镇燃气主管部门委托）")
    hazards: list[HazardIn] = Field(default_factory=list)

    model_config = {"json_schema_extra": {"examples": [{
        "inspected_on": "2026-11-30", "findings": "消防通道被占用", "hazards": [
            {"description": "消防通道堆放杂物", "deadline": "2026-12-07"}]}]}}


class InspectionOut(BaseModel):
    id: str
    station_id: str
    department: str
    department_name: str
    field: str = Field(description="gas 城镇燃气 / fire 消防 / market_regulation 市场监管 / emergency 应急 / "
                                   "public_security 公安")
    field_label: str
    third_party_agency: str | None
    inspected_on: date
    findings: str
    hazard_ids: list[str]


class HazardOut(BaseModel):
    id: str
    station_id: str
    inspection_id: str | None
    department: str
    description: str
    deadline: date
    status: HazardStatus = Field(description="open 待整改 / responded 已整改待复查 / closed 已闭环")
    status_label: str
    overdue: bool = Field(description="未在整改期限内闭环（第十八条）")
    response: str | None
    responded_on: date | None
    reinspected_on: date | None
    reinspection_findings: str | None
    closed_on: date | None


class ResponseIn(BaseModel):
    response: str = Field(min_length=1, max_length=4000, description="经营企业的整改情况")

    model_config = {"json_schema_extra": {"examples": [{"response": "杂物已清理，通道畅通"}]}}


class ReinspectionIn(BaseModel):
    passed: bool
    findings: str = Field(min_length=1, max_length=4000)
    new_deadline: date | None = Field(None, description="复查未通过时的新整改期限")

    model_config = {"json_schema_extra": {"examples": [{"passed": True, "findings": "复查合格"}]}}


class AssessmentIn(BaseModel):
    operator_code: USCC
    operator_name: str = Field(min_length=1, max_length=200)
    region: str = Field(pattern=r"^\d{6}$", description="被考核企业所在县（市、区）")
    period: str = Field(min_length=1, max_length=20, description="考核期间，如 2026")
    result: AssessmentResult = Field(description="excellent 优秀 / qualified 合格 / unqualified 不合格")
    findings: str = Field(min_length=1, max_length=4000)

    model_config = {"json_schema_extra": {"examples": [{
        "operator_code": "91410502MA44QN0296", "operator_name": "安阳氢能示范有限公司", "region": "410502",
        "period": "2026", "result": "qualified", "findings": "安全管理制度健全"}]}}


class AssessmentOut(BaseModel):
    id: str
    operator_code: str
    operator_name: str
    region: str
    period: str
    result: AssessmentResult
    result_label: str
    findings: str
    assessed_on: date
    assessed_by: str
    basis: str


class PatrolScheduleIn(BaseModel):
    equipment: str = Field(min_length=1, max_length=200, description="巡检设备")
    interval_days: int = Field(ge=1, le=366, description="巡检周期（日）")
    starts_on: date

    model_config = {"json_schema_extra": {"examples": [{
        "equipment": "压缩机、储氢瓶组、加氢机", "interval_days": 1, "starts_on": "2026-11-30"}]}}


class PatrolIn(BaseModel):
    findings: str = Field("正常", max_length=2000)

    model_config = {"json_schema_extra": {"examples": [{"findings": "各设备运行正常"}]}}


class PatrolScheduleOut(BaseModel):
    id: str
    station_id: str
    equipment: str
    interval_days: int
    starts_on: date
    patrols: int
    last_patrol_on: date | None
    missed_periods: list[date] = Field(description="无巡检记录的已结束周期的起始日（第十九条）")
    missed: bool


class PatrolOut(BaseModel):
    id: str
    schedule_id: str
    done_on: date
    findings: str


class SelfAssessmentIn(BaseModel):
    summary: str = Field(min_length=1, max_length=4000)
    hazards_found: int = Field(0, ge=0)
    measures: str = Field("", max_length=4000, description="消除隐患的措施（第二十二条）")

    model_config = {"json_schema_extra": {"examples": [{
        "summary": "季度安全评估", "hazards_found": 1, "measures": "更换老化密封件"}]}}


class SelfAssessmentOut(BaseModel):
    id: str
    station_id: str
    assessed_on: date
    summary: str
    hazards_found: int
    measures: str


class ReferralIn(BaseModel):
    station_id: str
    to_department: str = Field(description="移送的部门（代码或名称，如 cgj / 市城市管理局 / 消防机构）")
    violated_articles: list[int] = Field(min_length=1)
    facts: str = Field(min_length=1, max_length=4000)

    model_config = {"json_schema_extra": {"examples": [{
        "station_id": DEMO_STATION_ID, "to_department": "市城市管理局", "violated_articles": [19],
        "facts": "连续三日未完成设备巡检"}]}}


class ReferralOut(BaseModel):
    id: str
    station_id: str
    from_department: str
    to_department: str
    to_department_name: str
    violated_articles: list[int]
    facts: str
    referred_on: date
    penalty_id: str | None
    basis: str


class StopOrderIn(BaseModel):
    decision_number: str = Field(min_length=1, max_length=100)
    legal_basis: str = Field(min_length=1, max_length=1000,
                             description="责令停业的法律依据（由作出决定的主管部门依法作出）")
    decided_on: date

    model_config = {"json_schema_extra": {"examples": [{
        "decision_number": "安消停字〔2026〕1号", "legal_basis": "《中华人民共和国消防法》第五十四条",
        "decided_on": "2026-11-30"}]}}


class StopOrderOut(BaseModel):
    id: str
    station_id: str
    department: str
    department_name: str
    decision_number: str
    legal_basis: str
    decided_on: date
    lifted_on: date | None
    active: bool


class LiftIn(BaseModel):
    lifted_on: date

    model_config = {"json_schema_extra": {"examples": [{"lifted_on": "2026-11-30"}]}}
