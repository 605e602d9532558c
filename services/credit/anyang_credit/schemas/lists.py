"""Joint-punishment list entries, imports and the check."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from anyang_credit.domain.vocab import ImportResult, ListCode
from anyang_credit.schemas import examples as ex
from anyang_credit.schemas.coded import Coded, codes
from anyang_credit.schemas.examples import example
from govkit.ids import SubjectCode
from govkit.plausible import DateSinceFounding, DecisionNumber, LegalBasis


class EntryIn(BaseModel):
    model_config = example(ex.LIST_ENTRY)
    subject_code: SubjectCode
    subject_name: str = ""
    legal_basis: LegalBasis = Field(max_length=500,
                                    description="法律依据 (required by CP 四（四）), e.g. 《税收征收管理法》第六十三条")
    decision_number: DecisionNumber = Field(max_length=120, description="认定决定文书号, e.g. 安税稽罚〔2023〕1号")
    effective_date: DateSinceFounding = Field(description="first day on the list (may be announced ahead)")
    expiry_date: DateSinceFounding | None = Field(
        None, description="first day no longer on the list (required where the list has a listing term)"
    )


class RemovalIn(BaseModel):
    model_config = example(ex.LIST_REMOVAL)
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
    legal_basis: str = Field("", description="法律依据; an item without a plausible one is refused on its own")
    decision_number: str = Field("", description="文书号; an item without a plausible one is refused on its own")
    effective_date: DateSinceFounding
    expiry_date: DateSinceFounding | None = None
    provenance: ProvenanceIn | None = None


class ImportIn(BaseModel):
    model_config = example(ex.LIST_IMPORT)
    items: list[ImportItemIn] = Field(max_length=5000)


class CheckIn(BaseModel):
    model_config = example(ex.LIST_CHECK)
    subject_codes: list[str] = Field(min_length=1, max_length=1000, description="at most 1000 codes per call")
    as_of: date | None = None
    lists: list[str] | None = None


class EntryOut(Coded):
    id: str
    list_code: str
    list_label: str
    subject_code: str
    subject_name: str = Field(description="the name registered by the subject's registration authority")
    reported_subject_name: str = Field(description="the name sent with the entry (kept as sent)")
    authority: str
    authority_name: str = Field(description="名称 / its name (reference data)")
    legal_basis: str
    decision_number: str
    effective_date: date
    expiry_date: date | None
    removed_on: date | None
    removal_reason: str | None
    removal_reason_label: str | None
    source: str
    provenance: dict | None


class ListDefinitionOut(Coded):
    """One joint-punishment list: its sole authority and whether entries carry an expiry (CP 四（四）)."""

    code: ListCode = codes(ListCode)
    label: str
    name: str
    authority: str = Field(description="the department that alone adds and removes entries")
    authority_name: str = Field(description="名称 / its name (reference data)")
    has_expiry: bool
    basis: str
    expiry_basis: str | None = None


class ImportProblem(BaseModel):
    field: str
    code: str | None = None
    message: str
    basis: str | None = None


class ImportItemResult(Coded):
    index: int
    list_code: str | None = None
    source_id: str | None = None
    result: ImportResult = codes(ImportResult, "处理结果")
    result_label: str
    entry_id: str | None = None
    errors: list[ImportProblem] = []
    basis: str | None = None


class ImportOut(BaseModel):
    counts: dict[str, int] = Field(description="number of items per result")
    results: list[ImportItemResult]


class ListHitOut(Coded):
    list: ListCode = codes(ListCode, "名单")
    list_label: str
    list_name: str = Field(description="the list's name (as list_label, kept for existing callers)")
    entry_id: str
    authority: str
    authority_name: str = Field(description="名称 / its name (reference data)")
    legal_basis: str
    decision_number: str
    effective_date: date
    expiry_date: date | None = None


class CheckOut(BaseModel):
    """Whether a subject is on any of the checked lists on `as_of`, with each entry in force and its basis.
    A natural person's ID number is shown masked."""

    valid: bool
    subject_code: str
    error: str | None = Field(None, description="why the code is not valid")
    as_of: date | None = None
    listed: bool | None
    lists_checked: list[ListCode] = []
    basis: str | None = None
    hits: list[ListHitOut]


class BatchCheckOut(BaseModel):
    as_of: date
    count: int
    listed: int = Field(description="how many of the codes are listed")
    results: list[CheckOut]
