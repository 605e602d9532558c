"""Credit repair applications."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class RepairCommitmentIn(BaseModel):
    content: str = ""
    liability_on_breach: str = ""


class RepairApplyIn(BaseModel):
    target_kind: Literal["record", "list_entry"]
    target_id: str
    reason: str = ""
    evidence: list[str] = Field(default_factory=list, description="references of the evidence documents")
    commitment_id: str | None = Field(None, description="an existing 信用修复型 commitment of the subject")
    commitment: RepairCommitmentIn | None = Field(None, description="or the 信用修复型 commitment given here")


class RepairStartIn(BaseModel):
    target_kind: Literal["record", "list_entry"]
    target_id: str
    reason: str = ""
    evidence: list[str] = Field(default_factory=list)


class RepairDecisionIn(BaseModel):
    to: Literal["accepted", "approved", "rejected"]
    reason: str = ""
