"""Penalty decisions in the API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from anyang_hydrogen.domain.penalties import PenaltySeverity
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
    severity: str
    severity_label: str
    violated_articles: list[int]
    applied_provision: str
    legal_basis: str
    summary: str
    amount_fen: int
