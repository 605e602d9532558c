"""Credit subjects (信用主体, CP 二（十）4) and a subject's own full file."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from anyang_credit.domain.vocab import SubjectKind
from anyang_credit.schemas.coded import codes
from anyang_credit.schemas.commitments import CommitmentOut
from anyang_credit.schemas.objections import ObjectionOut
from anyang_credit.schemas.records import RecordOut
from govkit.ids import SubjectCode


class SubjectIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: SubjectCode
    name: str = Field(min_length=1, max_length=200)
    kind: SubjectKind | None = Field(None, description="government_body for 政务诚信 subjects")
    region: str = Field("410500", pattern=r"^\d{6}$")
    industry: str = Field("", max_length=100)


class SubjectOut(BaseModel):
    id: str
    code: str
    name: str
    kind: SubjectKind = codes(SubjectKind)
    kind_label: str
    region: str
    industry: str


class SubjectFileOut(BaseModel):
    """A subject's own full file: every record (unpublished, ended and withdrawn too), commitments,
    objections."""

    subject: SubjectOut
    records: list[RecordOut]
    commitments: list[CommitmentOut]
    objections: list[ObjectionOut]
