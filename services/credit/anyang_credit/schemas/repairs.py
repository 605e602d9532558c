"""Credit repair applications."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from anyang_credit.domain.vocab import CommitmentType, RepairInitiator, RepairStatus, RepairTarget
from anyang_credit.schemas import examples as ex
from anyang_credit.schemas.coded import Coded, codes
from anyang_credit.schemas.examples import example


class RepairCommitmentIn(BaseModel):
    content: str = ""
    liability_on_breach: str = ""


class RepairApplyIn(BaseModel):
    model_config = example(ex.REPAIR)
    target_kind: RepairTarget = codes(RepairTarget, "修复对象")
    target_id: str
    reason: str = ""
    evidence: list[str] = Field(default_factory=list, description="references of the evidence documents")
    commitment_id: str | None = Field(None, description="an existing 信用修复型 commitment of the subject")
    commitment: RepairCommitmentIn | None = Field(None, description="or the 信用修复型 commitment given here")


class RepairStartIn(BaseModel):
    model_config = example(ex.REPAIR_BY_DEPARTMENT)
    target_kind: RepairTarget = codes(RepairTarget, "修复对象")
    target_id: str
    reason: str = ""
    evidence: list[str] = Field(default_factory=list)


class RepairDecisionIn(BaseModel):
    model_config = example(ex.REPAIR_DECISION)
    to: Literal["accepted", "approved", "rejected"]
    reason: str = ""


class FreeOfChargeOut(BaseModel):
    zh: str
    en: str
    basis: str


class RepairCommitmentOut(BaseModel):
    type: CommitmentType = codes(CommitmentType, "承诺类型")
    type_label: str
    content: str
    liability_on_breach: str


class RepairStepOut(Coded):
    from_status: RepairStatus | None = codes(RepairStatus, "原状态")
    from_status_label: str | None
    to_status: RepairStatus = codes(RepairStatus, "新状态")
    to_status_label: str
    on: date
    by: str = Field(description="the deciding department, or the subject (a person's ID number masked)")
    reason: str


class RepairOut(Coded):
    """A credit repair application with its history; repair is free of charge (CP 二（二）5)."""

    id: str
    target_kind: RepairTarget = codes(RepairTarget, "修复对象")
    target_kind_label: str
    target_id: str
    decider: str
    decider_name: str = Field(description="名称 / its name (reference data)")
    status: RepairStatus = codes(RepairStatus)
    status_label: str
    initiated_by: RepairInitiator = codes(RepairInitiator, "发起方")
    initiated_by_label: str
    reason: str
    evidence: list[str]
    commitment_id: str | None
    commitment: RepairCommitmentOut | None
    submitted_on: date
    history: list[RepairStepOut]
    free_of_charge: FreeOfChargeOut
