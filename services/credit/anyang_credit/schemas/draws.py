"""双随机、一公开 draws, pools, joint supervision items."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from anyang_credit.domain.vocab import Grade, InspectionOutcome, SubjectKind
from anyang_credit.schemas import examples as ex
from anyang_credit.schemas.coded import Coded, codes
from anyang_credit.schemas.examples import example
from govkit.i18n import t
from govkit.ids import SubjectCode


class InspectorIn(BaseModel):
    inspector_id: str = Field(min_length=1, max_length=60)
    name: str = Field(min_length=1, max_length=100)
    active: bool = True


class InspectorsIn(BaseModel):
    model_config = example(ex.INSPECTORS)
    inspectors: list[InspectorIn] = Field(min_length=1, max_length=1000)


class JointItemIn(BaseModel):
    model_config = example(ex.JOINT_ITEM)
    code: str = Field(min_length=1, max_length=60)
    name: str = Field(min_length=1, max_length=200)
    departments: list[str] = Field(min_length=2)


Code = Annotated[str, Field(min_length=1, max_length=60)]


class DrawIn(BaseModel):
    """A draw on the service's date. There is no seed to give: the service draws it and publishes its
    commitment (SHA-256); the seed is revealed with the results."""

    model_config = example(ex.DRAW) | ConfigDict(extra="forbid")
    title: str = Field("", max_length=200)
    departments: list[Code] | None = Field(
        None, max_length=50, description="default: the caller's department; several = joint"
    )
    joint_item_code: str | None = Field(None, max_length=60)
    regions: list[Code] | None = Field(None, max_length=200)
    industries: list[Code] | None = Field(None, max_length=200)
    kinds: list[SubjectKind] | None = Field(None, max_length=2, description="market entities only: enterprise, "
                                                                             "individual_business (default both)")
    ratios: dict[Grade, Annotated[float, Field(ge=0, le=1)]] | None = Field(
        None, description="per grade A-D, 0..1; defaults from parameters")
    inspectors_per_inspection: int | None = Field(None, ge=1, le=10)

    @model_validator(mode="before")
    @classmethod
    def _no_caller_seed(cls, data: Any) -> Any:
        if isinstance(data, dict) and ("seed" in data or "as_of" in data):
            raise ValueError(t("抽查种子由系统生成并在结果登记后公开，抽查日期为当天：不能指定 seed 或 as_of",
                               "The service draws the seed (revealed with the results) on today's date: "
                               "seed and as_of cannot be given"))
        return data


class InspectionResultIn(BaseModel):
    model_config = example(ex.INSPECTION_RESULT) | ConfigDict(extra="forbid")
    entity_code: SubjectCode
    outcome: InspectionOutcome = codes(InspectionOutcome, "检查结果")
    note: str = Field("", max_length=2000)
    inspected_on: date


class InspectorOut(BaseModel):
    inspector_id: str
    name: str
    active: bool


class PoolOut(BaseModel):
    department: str
    inspectors: list[InspectorOut]


class JointItemOut(BaseModel):
    code: str
    name: str
    departments: list[str]


class InspectionResultOut(Coded):
    outcome: InspectionOutcome = codes(InspectionOutcome, "检查结果")
    outcome_label: str
    note: str
    inspected_on: date
    recorded_by: str


class InspectionOut(Coded):
    entity_code: str
    grade: Grade = codes(Grade, "信用等级")
    grade_label: str
    inspectors: dict[str, list[str]] = Field(description="department code → inspector ids")
    result: InspectionResultOut | None


class GradeCountOut(Coded):
    grade: Grade = codes(Grade, "信用等级")
    grade_label: str
    population: int = Field(description="market entities of the grade in the population (after frequency)")
    ratio: str
    drawn: int
    frequency_per_year: int = Field(description="how often an entity of the grade may be drawn in a year")
    left_out: int = Field(description="entities already drawn that often in the past year")


class DrawOut(BaseModel):
    """A draw as published (一公开): counts per grade and the seed's commitment at once; each target with its
    inspectors once its result is recorded (the participating departments see every target); the seed once
    every result is recorded, so anyone can check the commitment and re-run the draw."""

    id: str
    title: str
    initiated_by: str
    departments: list[str]
    joint_item_code: str | None
    population_filter: dict[str, list[str]]
    as_of: date
    created_at: datetime
    seed_commitment: str | None = Field(description="SHA-256 of the seed's decimal digits, published at once")
    seed: str | None = Field(description="revealed once every drawn inspection's result is recorded")
    revealed: bool
    inspections_drawn: int
    results_recorded: int
    counts: list[GradeCountOut]
    inspections: list[InspectionOut] = Field(description="public: those whose result is recorded")
    input_fingerprint: str
    algorithm: str
    basis: str


class VerificationOut(BaseModel):
    draw_id: str
    seed: str
    seed_commitment: str | None
    commitment_matches: bool = Field(description="the revealed seed hashes to the commitment published with the draw")
    reproduced: bool = Field(description="re-running the recorded inputs with the recorded seed gives the draw")
    input_fingerprint: str
    algorithm: str
    basis: str
