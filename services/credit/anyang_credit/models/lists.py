"""Joint-punishment list entries (失信惩戒, CP 四（四）; 安政办〔2023〕4号 第二条; CP 二（五）2)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anyang_credit.models.base import Base
from govkit.db import UtcDateTime


class ListEntryRow(Base):
    __tablename__ = "list_entries"
    __table_args__ = (
        # one decision is one entry; a national import is idempotent on list + source id
        UniqueConstraint("list_code", "decision_number", name="uq_list_entries_list_decision"),
        UniqueConstraint("list_code", "source_id", name="uq_list_entries_list_source"),
        Index("ix_list_entries_subject_list", "subject_id", "list_code"),  # the check API
        Index("ix_list_entries_expiry", "removed_on", "expiry_date"),  # the expiry job
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    subject_id: Mapped[str] = mapped_column(ForeignKey("subjects.id"))
    # the subject name as the listing authority sent it (it never renames the subject)
    subject_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    list_code: Mapped[str] = mapped_column(String(40))  # vocab.ListCode
    authority: Mapped[str] = mapped_column(String(120))  # department code / issuing body
    legal_basis: Mapped[str] = mapped_column(String(500))
    decision_number: Mapped[str] = mapped_column(String(120))
    effective_date: Mapped[date] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date)  # first day no longer effective
    removed_on: Mapped[date | None] = mapped_column(Date)  # first day no longer effective
    removal_reason: Mapped[str | None] = mapped_column(String(20))  # vocab.RemovalReason
    removal_note: Mapped[str | None] = mapped_column(Text)
    removed_by: Mapped[str | None] = mapped_column(String(120))
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # when the removal was recorded
    source: Mapped[str] = mapped_column(String(60), default="local")  # local | 信用中国 | …
    source_id: Mapped[str | None] = mapped_column(String(120))
    provenance: Mapped[dict | None] = mapped_column(JSON)  # source, retrieved_at, source_id
    # when credit.blacklist.added was emitted: only once the entry is in force (CP 四（四）, 第二条 of the awards)
    announced_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
