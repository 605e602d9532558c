"""双随机、一公开 draws, pools, joint supervision items."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class InspectorIn(BaseModel):
    inspector_id: str = Field(min_length=1, max_length=60)
    name: str = Field(min_length=1, max_length=100)
    active: bool = True


class InspectorsIn(BaseModel):
    inspectors: list[InspectorIn] = Field(min_length=1, max_length=1000)


class JointItemIn(BaseModel):
    code: str = Field(min_length=1, max_length=60)
    name: str = Field(min_length=1, max_length=200)
    departments: list[str] = Field(min_length=2)


class DrawIn(BaseModel):
    title: str = ""
    departments: list[str] | None = Field(
        None, description="default: the caller's department; several = joint"
    )
    joint_item_code: str | None = None
    regions: list[str] | None = None
    industries: list[str] | None = None
    kinds: list[str] | None = None
    ratios: dict[str, float] | None = Field(None, description="per grade A-D, 0..1; defaults from parameters")
    inspectors_per_inspection: int | None = Field(None, ge=1, le=10)
    seed: int | None = Field(None, ge=0, description="given to reproduce a draw; new draws get a fresh seed")
    as_of: date | None = None
