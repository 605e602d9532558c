"""Emergencies (安政办〔2023〕2号 第二十三条–第二十五条): emergency plans, drills and public reports (举报)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from anyang_hydrogen.models import Base
from govkit.db import UtcDateTime


class EmergencyPlan(Base):
    __tablename__ = "emergency_plans"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(50))
    filed_on: Mapped[date] = mapped_column(Date)  # 备案 (the service's date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Drill(Base):
    __tablename__ = "drills"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    drilled_on: Mapped[date] = mapped_column(Date)
    scenario: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PublicReport(Base):
    __tablename__ = "public_reports"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str | None] = mapped_column(ForeignKey("stations.id"))
    region: Mapped[str] = mapped_column(String(6), index=True)
    location: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(String(100))  # never shown publicly
    status: Mapped[str] = mapped_column(String(20))  # received | handled
    handling: Mapped[str | None] = mapped_column(Text)
    handled_by: Mapped[str | None] = mapped_column(String(64))
    handled_on: Mapped[date | None] = mapped_column(Date)
    received_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
