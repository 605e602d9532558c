"""Credit records (信用信息归集, CP 三（三）, 二（一）1) with their publication tracking and history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anyang_credit.models.base import Base
from govkit.db import UtcDateTime


class CreditRecord(Base):
    __tablename__ = "credit_records"
    __table_args__ = (
        # a department's decision is one record: re-sending it is `unchanged`, not a duplicate
        UniqueConstraint("department", "decision_number", name="uq_credit_records_department_decision"),
        Index("ix_credit_records_subject", "subject_id", "decision_date"),
        Index("ix_credit_records_due", "department", "due_date"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    subject_id: Mapped[str] = mapped_column(ForeignKey("subjects.id"))
    # the subject name as the reporting department sent it (it never renames the subject)
    subject_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    category: Mapped[str] = mapped_column(String(40))            # vocab.RecordCategory
    department: Mapped[str] = mapped_column(String(40))          # reporting department code (refdata)
    decision_number: Mapped[str] = mapped_column(String(120))    # 文书号
    decision_date: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    content: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(String(500), default="")
    severity: Mapped[str | None] = mapped_column(String(20))     # vocab.PenaltySeverity, penalties only
    amount: Mapped[int | None] = mapped_column(BigInteger)       # fen (CNY cents) where the decision has one
    fields: Mapped[dict | None] = mapped_column(JSON)            # catalogue-specific fields (name → value)
    reported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reported_on: Mapped[date] = mapped_column(Date)              # business date of the report (Asia/Shanghai)
    due_date: Mapped[date | None] = mapped_column(Date)          # publication due (7 working days)
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    published_on: Mapped[date | None] = mapped_column(Date)      # business date of publication
    publication_ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # repair / withdrawal
    overdue_notified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)   # event emitted once
    status: Mapped[str] = mapped_column(String(20), default="active")  # vocab.RecordStatus
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)     # an objection is open
    source: Mapped[str] = mapped_column(String(40), default="department")  # department | national | event
    provenance: Mapped[dict | None] = mapped_column(JSON)        # source, retrieved_at, source_id
    content_hash: Mapped[str] = mapped_column(String(64))        # detects same-key different-content
    version: Mapped[int] = mapped_column(Integer, default=1)


class RecordVersion(Base):
    """Every earlier state of a corrected or withdrawn record (history is kept, never overwritten)."""

    __tablename__ = "credit_record_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("credit_records.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(String(500))
    changed_by: Mapped[str] = mapped_column(String(120))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
