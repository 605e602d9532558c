"""Issued credit reports, kept so that a receiver can verify a verification code (spec: Credit report)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from anyang_credit.models.base import Base
from govkit.db import UtcDateTime


class IssuedReport(Base):
    __tablename__ = "issued_reports"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)  # normalised verification code
    subject_id: Mapped[str] = mapped_column(ForeignKey("subjects.id"), index=True)
    version: Mapped[str] = mapped_column(String(10))  # public | full
    as_of: Mapped[date] = mapped_column(Date)
    content: Mapped[dict] = mapped_column(JSON)  # the report as issued (with its code)
    content_sha256: Mapped[str] = mapped_column(String(64))
    issued_to: Mapped[str] = mapped_column(String(64))  # principal org or "public"
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
