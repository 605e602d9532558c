"""Credit records in and out: batch reports, per-record results, corrections, public (masked) view."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from anyang_credit.domain.vocab import (
    BatchItemStatus,
    NationalSource,
    OverdueReason,
    PenaltySeverity,
    RecordCategory,
    RecordStatus,
    SubjectKind,
)
from anyang_credit.schemas import examples as ex
from anyang_credit.schemas.coded import Coded, codes
from anyang_credit.schemas.examples import example
from govkit.i18n import t
from govkit.ids import SubjectCode
from govkit.plausible import DateSinceFounding, DecisionNumber, LegalBasis, Text

MAX_AMOUNT_FEN = 10**15  # 10 trillion yuan: above any decision, inside the 64-bit records.amount column


class ProvenanceIn(BaseModel):
    """Where an entry imported from a national system came from (spec: National lists and records)."""

    model_config = ConfigDict(extra="forbid")
    source: NationalSource = Field(description="credit_china 信用中国 | gsxt 国家企业信用信息公示系统 | "
                                               "zxgk 中国执行信息公开网")
    retrieved_at: datetime = Field(description="when it was retrieved (ISO 8601 with offset)")
    source_id: str = Field(min_length=1, max_length=200, description="its identifier in the source system")
    issuing_authority: str = Field("", max_length=200, description="the body that made the decision")


class ProvenanceOut(BaseModel):
    source: NationalSource = codes(NationalSource)
    source_label: str
    retrieved_at: datetime
    source_id: str
    issuing_authority: str = ""


class RecordIn(BaseModel):
    """One record of a batch. The reporting department is the caller (its token's org)."""

    model_config = ConfigDict(extra="forbid")
    subject_code: SubjectCode
    subject_name: str = Field(min_length=1, max_length=200)
    subject_kind: SubjectKind | None = Field(None, description="default: natural_person for an ID number, "
                                                                "enterprise for a USCC")
    category: RecordCategory
    decision_number: DecisionNumber = Field(max_length=120, description="文书号; with the department, the record's key")
    decision_date: DateSinceFounding  # the future: refused by the batch's own rule (in_future)
    title: Text = Field(min_length=1, max_length=300)
    content: str = Field("", max_length=20000)
    legal_basis: LegalBasis = Field(max_length=500)
    severity: PenaltySeverity | None = Field(None, description="administrative penalties only (required)")
    amount_fen: int | None = Field(None, ge=0, le=MAX_AMOUNT_FEN,
                                   description="amount in fen (CNY cents) where there is one")
    fields: dict[str, str] = Field(default_factory=dict, description="catalogue-specific fields")
    provenance: ProvenanceIn | None = Field(None, description="for records imported from national systems")


class BatchIn(BaseModel):
    model_config = example(ex.BATCH)
    publish: bool = Field(False, description="publish every accepted record at once (else POST …/publish)")
    records: list[dict[str, Any]] = Field(
        min_length=1, max_length=5000,
        description="each item is a RecordIn; every item is accepted or refused on its own")


class ItemError(BaseModel):
    field: str
    code: str
    message: str
    basis: str | None = None


class BatchItemResult(Coded):
    index: int
    status: BatchItemStatus = codes(BatchItemStatus, "处理结果")
    status_label: str
    record_id: str | None = None
    decision_number: str | None = None
    errors: list[ItemError] = Field(default_factory=list)
    warnings: list[ItemError] = Field(default_factory=list)
    correction_path: str | None = Field(None, description="for a conflict: where to send a correction")


class BatchOut(Coded):
    department: str
    department_name: str = Field(description="名称 / its name (reference data)")
    counts: dict[str, int]
    results: list[BatchItemResult]


class DeadlineOut(BaseModel):
    due_date: date | None
    provisional: bool
    basis: str | None


class RecordOut(Coded):
    id: str
    subject_code: str
    subject_name: str = Field(description="the name registered by the subject's registration authority")
    reported_subject_name: str = Field(description="the name the reporting department sent with the record "
                                                   "(kept as sent; it never renames the subject)")
    subject_kind: SubjectKind = codes(SubjectKind)
    subject_kind_label: str
    category: RecordCategory = codes(RecordCategory)
    category_label: str
    department: str
    department_name: str = Field(description="名称 / its name (reference data)")
    decision_number: str
    decision_date: date
    title: str
    content: str
    legal_basis: str
    severity: PenaltySeverity | None = codes(PenaltySeverity)
    severity_label: str | None = None
    amount_fen: int | None
    fields: dict[str, str]
    status: RecordStatus = codes(RecordStatus)
    status_label: str
    disputed: bool
    published: bool
    published_on: date | None
    publication_ended: bool
    reported_on: date
    publication_deadline: DeadlineOut
    source: str
    provenance: ProvenanceOut | None
    version: int


class PublicRecordOut(Coded):
    """The public view (no login): ID numbers masked (first 6 + last 4), no phone or address."""

    id: str
    subject_code: str
    subject_name: str
    subject_kind: SubjectKind = codes(SubjectKind)
    subject_kind_label: str
    category: RecordCategory = codes(RecordCategory)
    category_label: str
    department: str
    department_name: str = Field(description="名称 / its name (reference data)")
    decision_number: str
    decision_date: date
    title: str
    content: str
    legal_basis: str
    severity: PenaltySeverity | None = codes(PenaltySeverity)
    severity_label: str | None = None
    published_on: date | None
    disputed: bool
    dispute_note: str | None
    source: NationalSource | None = codes(NationalSource)
    source_label: str | None = None


class CorrectionIn(BaseModel):
    """Only the fields sent change. Fields every record has cannot be null (omit them to keep their value);
    severity, amount_fen and fields may be null to clear them."""

    model_config = ConfigDict(**example(ex.CORRECTION), extra="forbid")
    reason: str = Field(min_length=1, max_length=500)
    title: str = Field(None, min_length=1, max_length=300)
    content: str = Field(None, max_length=20000)
    legal_basis: str = Field(None, min_length=1, max_length=500)
    category: RecordCategory = None
    decision_date: date = None
    severity: PenaltySeverity | None = None
    amount_fen: int | None = Field(None, ge=0, le=MAX_AMOUNT_FEN)
    fields: dict[str, str] | None = None

    @field_validator("title", "content", "legal_basis", "category", "decision_date", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError(t("不能为 null；不更正此项请省略该字段",
                               "must not be null; leave the field out to keep its value"))
        return value


class WithdrawalIn(BaseModel):
    model_config = example(ex.WITHDRAWAL)
    reason: str = Field(min_length=1, max_length=500)


class VersionOut(BaseModel):
    version: int
    reason: str
    changed_by: str
    changed_at: datetime
    snapshot: dict[str, Any]


class HistoryOut(BaseModel):
    record: RecordOut
    versions: list[VersionOut]


class OverdueOut(Coded):
    record_id: str
    department: str
    department_name: str = Field(description="名称 / its name (reference data)")
    category: RecordCategory = codes(RecordCategory)
    category_label: str
    decision_number: str
    decision_date: date
    due_date: date
    provisional: bool
    reported_on: date
    published_on: date | None
    reason_code: OverdueReason = codes(OverdueReason, "逾期原因")
    reason_code_label: str
    reason: str
    days_late: int | None
    basis: str
    notified: bool


class CategoryOut(BaseModel):
    code: RecordCategory = codes(RecordCategory)
    label: str
    publication_basis: str | None = Field(description="the article setting its publication deadline (十公示), if any")
