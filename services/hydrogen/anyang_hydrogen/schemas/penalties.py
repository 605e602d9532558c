"""Penalty decisions in the API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from anyang_hydrogen.domain.penalties import PartyKind, PenaltySeverity
from anyang_hydrogen.schemas.examples import DEMO_STATION_ID
from govkit.plausible import DecisionNumber, LegalBasis, PastDate, Text


class PenaltyIn(BaseModel):
    station_id: str
    accident_id: str | None = None
    decision_number: DecisionNumber = Field(max_length=100, description="处罚决定书文号")
    decided_on: PastDate
    severity: PenaltySeverity = Field(description="minor 轻微 / general 一般 / serious 严重")
    violated_articles: list[int] = Field(min_length=1, description="违反的《办法》条款序号，如 [15, 21]")
    applied_provision: LegalBasis = Field(
        max_length=300,
        description="处罚所依据的城镇燃气法律法规条款，如《城镇燃气管理条例》第四十九条",
    )
    summary: Text = Field(min_length=1, max_length=4000)
    amount_fen: int = Field(0, ge=0, description="罚款金额（分）")
    party_kind: PartyKind | None = Field(
        None, description="被处罚人：operator 加氢站经营企业（默认）/ enterprise 其他单位 / person 个人（第二十四条）")
    party_code: str | None = Field(None, max_length=18, description="其他单位的统一社会信用代码或个人身份证号")
    party_name: str | None = Field(None, max_length=200)

    model_config = {"json_schema_extra": {"examples": [{
        "station_id": DEMO_STATION_ID, "decision_number": "安城管罚〔2026〕2号",
        "decided_on": "2026-11-27", "severity": "general", "violated_articles": [15],
        "applied_provision": "《城镇燃气管理条例》第四十九条", "summary": "未按规定核验气瓶登记即充装",
        "amount_fen": 2000000}]}}


class PenaltyOut(BaseModel):
    id: str
    station_id: str
    accident_id: str | None
    operator_code: str
    operator_name: str
    decision_number: str
    decided_on: date
    department: str
    department_name: str
    severity: PenaltySeverity = Field(description="minor 轻微 / general 一般 / serious 严重")
    severity_label: str
    violated_articles: list[int]
    applied_provision: str
    legal_basis: str
    summary: str
    amount_fen: int
    party_kind: PartyKind
    party_kind_label: str
    party_code: str = Field(description="被处罚单位的统一社会信用代码；个人为 PersonRef（不含身份证号）")
    party_name: str
    station_name: str
