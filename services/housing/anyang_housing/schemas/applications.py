"""Applications in the API: the ID number goes in, only its masked form comes out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from govkit.ids import ResidentId


class ApplicationIn(BaseModel):
    applicant_name: str = Field(min_length=1, max_length=100)
    id_number: ResidentId
    household_members: int = Field(ge=1, le=20, description="家庭成员人数（含申请人）")
    owned_areas_m2: list[Decimal] = Field(
        default_factory=list,
        max_length=20,
        description="家庭在本市区内自有住房的建筑面积（每套一项，平方米）",
    )
    new_citizen: bool = Field(False, description="新市民：持本市居住证或5年内迁入本市（申请人申报）")
    applied_on: date | None = Field(None, description="申请日期（默认今天）")


class Assessment(BaseModel):
    eligible: bool
    outcome: str
    basis: str
    reason: str
    facts: dict[str, Any]


class ApplicationOut(BaseModel):
    id: str
    applicant_name: str
    id_number_masked: str
    household_members: int
    owned_areas_m2: list[str]
    per_person_area_m2: str
    new_citizen: bool
    applied_on: date
    status: str
    status_label: str
    priority_tier: int | None
    priority_label: str | None
    assessment: Assessment
