"""Objections (异议) in and out."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from anyang_credit.domain.vocab import ObjectionOutcome, ObjectionStatus
from anyang_credit.schemas import examples as ex
from anyang_credit.schemas.coded import Coded, codes
from anyang_credit.schemas.examples import example
from anyang_credit.schemas.records import CorrectionIn


class ObjectionIn(BaseModel):
    model_config = ConfigDict(**example(ex.OBJECTION), extra="forbid")
    record_id: str
    reason: str = Field(min_length=1, max_length=5000)
    evidence: str = Field("", max_length=5000)


class CorrectionChanges(CorrectionIn):
    reason: str = Field("", max_length=500)  # taken from the answer


class ObjectionAnswerIn(BaseModel):
    model_config = ConfigDict(**example(ex.OBJECTION_ANSWER), extra="forbid")
    outcome: ObjectionOutcome
    answer: str = Field(min_length=1, max_length=5000)
    changes: CorrectionChanges | None = Field(None, description="required for outcome `correct`")

    @model_validator(mode="after")
    def _changes(self) -> Any:
        if self.outcome == ObjectionOutcome.CORRECT and not self.changes:
            raise ValueError("outcome correct needs `changes` / 更正须载明更正内容")
        return self


class ObjectionOut(Coded):
    id: str
    record_id: str
    department: str
    department_name: str = Field(description="名称 / its name (reference data)")
    reason: str
    evidence: str
    status: ObjectionStatus = codes(ObjectionStatus)
    status_label: str
    outcome: ObjectionOutcome | None = codes(ObjectionOutcome)
    outcome_label: str | None = None
    answer: str | None
    submitted_at: datetime
    answered_at: datetime | None
