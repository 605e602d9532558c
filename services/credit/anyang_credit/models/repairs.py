"""Credit repair applications and their full history (信用修复, CP 三（四）、二（九）1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from anyang_credit.models.base import Base
from govkit.db import UtcDateTime


class RepairApplicationRow(Base):
    __tablename__ = "repair_applications"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    subject_id: Mapped[str] = mapped_column(ForeignKey("subjects.id"), index=True)
    target_kind: Mapped[str] = mapped_column(String(20))  # record | list_entry
    target_id: Mapped[str] = mapped_column(String(36), index=True)
    decider: Mapped[str] = mapped_column(String(40), index=True)  # department code
    reason: Mapped[str] = mapped_column(Text)
    evidence: Mapped[list] = mapped_column(JSON)
    commitment: Mapped[dict | None] = mapped_column(JSON)  # the 信用修复型 commitment (content, liability)
    commitment_id: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(20))  # vocab.RepairStatus
    initiated_by: Mapped[str] = mapped_column(String(20))  # subject | department
    submitted_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RepairStep(Base):
    __tablename__ = "repair_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("repair_applications.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    on: Mapped[date] = mapped_column(Date)
    by: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
