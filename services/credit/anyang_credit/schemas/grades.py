"""Grades: imports, industry grades, rule-set upload."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field


class ImportedGradeIn(BaseModel):
    subject_code: str
    subject_name: str = ""
    grade: Literal["A", "B", "C", "D"]
    source: Literal["provincial", "national"]
    evaluated_on: date
    reference: str = ""


class ImportGradesIn(BaseModel):
    items: list[ImportedGradeIn] = Field(max_length=5000)


class IndustryGradeIn(BaseModel):
    subject_code: str
    industry: str = Field(min_length=1, max_length=100)
    grade: str = Field(min_length=1, max_length=20)
    evaluated_on: date
    reference: str = ""


class IndustryGradesIn(BaseModel):
    items: list[IndustryGradeIn] = Field(max_length=5000)


class RuleSetIn(BaseModel):
    document: dict = Field(
        description="one rule set in the format of rules/grade_rules.yaml (version, "
        "valid_from, baseline, points, decay, lists, thresholds)"
    )
