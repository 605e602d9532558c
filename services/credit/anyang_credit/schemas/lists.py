"""Joint-punishment list entries, imports and the check (In models; outputs carry code + label)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from govkit.ids import SubjectCode


class EntryIn(BaseModel):
    subject_code: SubjectCode
    subject_name: str = ""
    legal_basis: str = Field(
        "", description="法律依据 (required by CP 四（四）; refused with 422 when empty)"
    )
    decision_number: str = Field("", description="认定决定文书号")
    effective_date: date
    expiry_date: date | None = Field(
        None, description="first day no longer on the list (required where the list has a listing term)"
    )


class RemovalIn(BaseModel):
    reason: Literal["revocation", "court_decision"]
    removed_on: date | None = Field(None, description="first day no longer on the list (default today)")
    note: str = ""


class ProvenanceIn(BaseModel):
    source: str = Field(
        description="credit_china (信用中国) | gsxt (国家企业信用信息公示系统) | zxgk (中国执行信息公开网)"
    )
    retrieved_at: datetime
    source_id: str


class ImportItemIn(BaseModel):
    list_code: str
    subject_code: str
    subject_name: str = ""
    authority: str = Field("", description="the issuing body named by the national system")
    legal_basis: str = ""
    decision_number: str = ""
    effective_date: date
    expiry_date: date | None = None
    provenance: ProvenanceIn | None = None


class ImportIn(BaseModel):
    items: list[ImportItemIn] = Field(max_length=5000)


class CheckIn(BaseModel):
    subject_codes: list[str] = Field(min_length=1, max_length=1000, description="at most 1000 codes per call")
    as_of: date | None = None
    lists: list[str] | None = None


class EntryOut(BaseModel):
    id: str
    list_code: str
    list_label: str
    subject_code: str
    subject_name: str
    authority: str
    legal_basis: str
    decision_number: str
    effective_date: date
    expiry_date: date | None
    removed_on: date | None
    removal_reason: str | None
    removal_reason_label: str | None
    source: str
    provenance: dict | None
