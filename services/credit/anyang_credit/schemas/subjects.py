"""Credit subjects (信用主体, CP 二（十）4) and a subject's own full file."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from anyang_credit.domain.vocab import SubjectKind
from anyang_credit.schemas.coded import codes
from anyang_credit.schemas.commitments import CommitmentOut
from anyang_credit.schemas.objections import ObjectionOut
from anyang_credit.schemas.records import RecordOut
from govkit.ids import SubjectCode


class SubjectIn(BaseModel):
    """A registration by the registration authority of the subject's kind (scjg: enterprises and individual
    businesses; mzj: social organisations; fgw: government bodies and public institutions). Fields left out
    keep their registered value (a new subject: the kind and region its code names)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "code": "91410502MA44QN0296", "name": "安阳氢能示范有限公司", "region": "410502", "industry": "氢能"}]})
    code: SubjectCode
    name: str = Field(min_length=1, max_length=200)
    kind: SubjectKind | None = Field(None, description="one the code allows (GB 32100-2015: 9x market entities, "
                                                       "1x government bodies and public institutions, 5x social "
                                                       "organisations)")
    region: str | None = Field(None, pattern=r"^\d{6}$", description="the city 410500 or a county, district or "
                                                                      "functional zone of the reference data")
    industry: str | None = Field(None, max_length=100)


class SubjectOut(BaseModel):
    id: str
    code: str
    name: str
    kind: SubjectKind = codes(SubjectKind)
    kind_label: str
    region: str
    industry: str


class SubjectChangeOut(BaseModel):
    """A registration or change by the registration authority: the changed fields before and after."""

    before: dict[str, str] = Field(description="field → value before (empty for the registration itself)")
    after: dict[str, str]
    changed_by: str = Field(description="the registration authority (department code)")
    changed_at: datetime
    basis: str


class SubjectHistoryOut(BaseModel):
    subject: SubjectOut
    changes: list[SubjectChangeOut]


class SubjectFileOut(BaseModel):
    """A subject's own full file: every record (unpublished, ended and withdrawn too), commitments,
    objections."""

    subject: SubjectOut
    records: list[RecordOut]
    commitments: list[CommitmentOut]
    objections: list[ObjectionOut]
