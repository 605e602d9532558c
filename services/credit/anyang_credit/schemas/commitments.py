"""Credit commitments (信用承诺, CP 三（四）) in and out."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from anyang_credit.domain.vocab import CommitmentStatus, CommitmentType
from anyang_credit.schemas import examples as ex
from anyang_credit.schemas.coded import Coded, codes
from anyang_credit.schemas.examples import example
from govkit.ids import SubjectCode


class CommitmentIn(BaseModel):
    """Made by the subject itself (enterprise / person: subject_code is its own) or recorded by the
    department it is made to (subject_code required, department = the caller)."""

    model_config = ConfigDict(**example(ex.COMMITMENT), extra="forbid")
    type: CommitmentType
    content: str = Field(min_length=1, max_length=5000)
    liability_on_breach: str = Field(min_length=1, max_length=2000,
                                     description="违反承诺应承担的法律责任 / 违约责任 (安政办〔2023〕1号（三）)")
    department: str | None = Field(None, max_length=40, description="the department it is made to; for "
                                   "主动公示型 without one, the credit lead fgw that runs the open window")
    deadline: date | None = Field(None, description="fulfilment deadline; required for 容缺受理型 and 审批替代型")
    made_on: date | None = Field(None, description="default: today")
    subject_code: SubjectCode | None = None
    subject_name: str = Field("", max_length=200)


class FulfilmentIn(BaseModel):
    model_config = example(ex.FULFILMENT)
    on: date | None = None


class BreachIn(BaseModel):
    model_config = example(ex.BREACH)
    on: date | None = None
    reason: str = Field(min_length=1, max_length=2000)


class CommitmentOut(Coded):
    id: str
    subject_code: str
    subject_name: str
    type: CommitmentType = codes(CommitmentType)
    type_label: str
    content: str
    liability_on_breach: str
    department: str
    department_name: str = Field(description="名称 / its name (reference data)")
    made_on: date
    deadline: date | None
    deadline_passed: bool
    status: CommitmentStatus = codes(CommitmentStatus)
    status_label: str
    status_changed_on: date | None
    status_reason: str | None
    record_id: str | None
    outcome_record_id: str | None
    basis: str
