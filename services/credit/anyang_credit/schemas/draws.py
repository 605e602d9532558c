"""双随机、一公开 draws, pools, joint supervision items."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field

from anyang_credit.domain.vocab import Grade
from anyang_credit.schemas import examples as ex
from anyang_credit.schemas.examples import example


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
    model_config = example(ex.DRAW)
    title: str = Field("", max_length=200)
    departments: list[Code] | None = Field(
        None, max_length=50, description="default: the caller's department; several = joint"
    )
    joint_item_code: str | None = Field(None, max_length=60)
    regions: list[Code] | None = Field(None, max_length=200)
    industries: list[Code] | None = Field(None, max_length=200)
    kinds: list[Code] | None = Field(None, max_length=20)
    ratios: dict[Grade, Annotated[float, Field(ge=0, le=1)]] | None = Field(
        None, description="per grade A-D, 0..1; defaults from parameters")
    inspectors_per_inspection: int | None = Field(None, ge=1, le=10)
    seed: int | None = Field(None, ge=0, le=2**63 - 1,
                             description="given to reproduce a draw; new draws get a fresh seed")
    as_of: date | None = None


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


class DrawOut(BaseModel):
    """A draw as published (一公开): its inputs, the recorded seed and the selection with its basis."""

    id: str
    title: str
    initiated_by: str
    departments: list[str]
    joint_item_code: str | None
    population_filter: dict[str, list[str]]
    as_of: date
    created_at: datetime
    result: dict[str, Any] = Field(description="seed, inspections (entity, grade, inspectors), counts per grade, "
                                               "input fingerprint, algorithm and basis")

    @classmethod
    def of(cls, row) -> DrawOut:
        return cls(id=row.id, title=row.title, initiated_by=row.initiated_by, departments=row.departments,
                   joint_item_code=row.joint_item_code, population_filter=row.population_filter, as_of=row.as_of,
                   created_at=row.created_at, result=row.result)


class VerificationOut(BaseModel):
    draw_id: str
    seed: str
    reproduced: bool = Field(description="re-running the recorded inputs with the recorded seed gives the draw")
    input_fingerprint: str
    algorithm: str
    basis: str
