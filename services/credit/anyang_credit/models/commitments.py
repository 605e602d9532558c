"""Credit commitments (信用承诺, CP 三（四）) of subjects, with the liability accepted on breach."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from anyang_credit.models.base import Base
from govkit.db import UtcDateTime


class CreditCommitment(Base):
    __tablename__ = "credit_commitments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    subject_id: Mapped[str] = mapped_column(ForeignKey("subjects.id"), index=True)
    type: Mapped[str] = mapped_column(String(40), index=True)      # vocab.CommitmentType
    content: Mapped[str] = mapped_column(Text)
    liability_on_breach: Mapped[str] = mapped_column(Text)
    department: Mapped[str] = mapped_column(String(40), index=True)  # the department it is made to
    made_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="in_force")  # vocab.CommitmentStatus
    status_changed_on: Mapped[date | None] = mapped_column(Date)
    status_reason: Mapped[str | None] = mapped_column(Text)
    record_id: Mapped[str | None] = mapped_column(ForeignKey("credit_records.id"))         # the commitment
    outcome_record_id: Mapped[str | None] = mapped_column(ForeignKey("credit_records.id"))  # 履约 / 违约
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
