"""Construction parties (安政办〔2023〕2号 第十条) and completion acceptances (第十一条)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from anyang_hydrogen.models import Base
from govkit.db import UtcDateTime


class ConstructionParty(Base):
    __tablename__ = "construction_parties"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))  # designer | builder | supervisor
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(18))  # USCC
    qualification: Mapped[str] = mapped_column(String(200))
    certificate_number: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Acceptance(Base):
    __tablename__ = "acceptances"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    accepted_on: Mapped[date] = mapped_column(Date)
    evaluation_agency: Mapped[str] = mapped_column(String(200))
    evaluation_report_number: Mapped[str] = mapped_column(String(100))
    summary: Mapped[str] = mapped_column(Text)
    reported_on: Mapped[date] = mapped_column(Date)
    report_due: Mapped[date] = mapped_column(Date)
    due_provisional: Mapped[bool] = mapped_column(Boolean)
    due_basis: Mapped[str] = mapped_column(Text)
    report_late: Mapped[bool] = mapped_column(Boolean)
    channel: Mapped[str] = mapped_column(String(10))  # online | paper
    entered_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
