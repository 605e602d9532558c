"""Grades: imports, industry grades, rule-set upload."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from anyang_credit.domain.vocab import Grade, ImportResult, RecordCategory, RuleSetOrigin
from anyang_credit.schemas import examples as ex
from anyang_credit.schemas.coded import Coded, codes
from anyang_credit.schemas.examples import example


class ImportedGradeIn(BaseModel):
    subject_code: str
    subject_name: str = ""
    grade: Grade = codes(Grade, "等级")
    source: Literal["provincial", "national"]
    evaluated_on: date
    reference: str = ""


class ImportGradesIn(BaseModel):
    model_config = example(ex.GRADE_IMPORT)
    items: list[ImportedGradeIn] = Field(max_length=5000)


class IndustryGradeIn(BaseModel):
    subject_code: str
    industry: str = Field(min_length=1, max_length=100)
    grade: str = Field(min_length=1, max_length=20,
                       description="等级，按该行业评价自己的等级体系 / the grade on the industry evaluation's own "
                                   "scale (e.g. 纳税信用 A/B/M/C/D)")
    evaluated_on: date
    reference: str = ""


class IndustryGradesIn(BaseModel):
    model_config = example(ex.INDUSTRY_GRADES)
    items: list[IndustryGradeIn] = Field(max_length=5000)


class RuleSetIn(BaseModel):
    model_config = example(ex.RULE_SET)
    document: dict = Field(
        description="one rule set in the format of rules/grade_rules.yaml (version, "
        "valid_from, baseline, points, decay, lists, thresholds)"
    )


class ItemProblem(BaseModel):
    field: str
    message: str


class ItemResult(Coded):
    index: int
    result: ImportResult = codes(ImportResult, "处理结果")
    result_label: str
    errors: list[ItemProblem] = []


class ItemResultsOut(BaseModel):
    results: list[ItemResult]


class RuleSetOut(Coded):
    """One version of the local fallback grading rule set (a dated, cited parameter set)."""

    version: str
    valid_from: date
    reference: str
    origin: RuleSetOrigin = codes(RuleSetOrigin, "来源")
    origin_label: str
    baseline: int
    thresholds: list[dict[str, Any]] = Field(description="grade and its minimum score, best first")
    list_forces: dict[str, Grade] = Field(description="list code → the best grade a listed subject can have")
    decay: dict[str, Any]
    points: dict[str, dict[str, Any]] = Field(description="record category → points (or points by severity)")


class ContributionOut(Coded):
    record_id: str
    category: RecordCategory = codes(RecordCategory, "信用记录类别")
    category_label: str
    points: float
    reason: str
    reason_en: str
    base_points: int = 0
    factor: float = 1.0
    age_years: int | None = None


class LocalGradeOut(Coded):
    grade: Grade = codes(Grade, "等级")
    grade_label: str
    score: float
    rule_set_version: str
    as_of: date
    basis: str
    forced_by: list[str] = Field(description="list entries that force the grade")
    contributions: list[ContributionOut]
    facts: dict[str, Any]


class ImportedGradeOut(Coded):
    grade: Grade = codes(Grade, "等级")
    grade_label: str
    source: str
    evaluated_on: date
    reference: str


class IndustryGradeOut(Coded):
    industry: str
    department: str
    department_name: str = Field(description="名称 / its name (reference data)")
    grade: str
    evaluated_on: date
    reference: str


class GradeOut(BaseModel):
    """The public grade as of a date: the provincial/national one where imported, else the local fallback,
    with the records and points that made it (CP 三（四）)."""

    subject_code: str
    subject_name: str
    grade: Grade = codes(Grade)
    grade_label: str
    source: str
    as_of: date
    basis: str
    imported: ImportedGradeOut | None
    local: LocalGradeOut | None
    explanation: list[str]
    industry_grades: list[IndustryGradeOut]
