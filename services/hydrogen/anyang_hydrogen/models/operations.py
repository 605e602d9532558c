"""Hydrogen quality reports (安政办〔2023〕2号 第十六条) and the operating records with their retention (第十七条)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from anyang_hydrogen.models import Base
from govkit.db import UtcDateTime


class QualityReport(Base):
    __tablename__ = "quality_reports"
    __table_args__ = (Index("ix_quality_reports_station_tested", "station_id", "tested_on"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"))
    source: Mapped[str] = mapped_column(String(20))  # producer | third_party
    issuer: Mapped[str] = mapped_column(String(200))
    report_number: Mapped[str] = mapped_column(String(100))
    tested_on: Mapped[date] = mapped_column(Date)
    standard: Mapped[str] = mapped_column(String(100))
    conforms: Mapped[bool] = mapped_column(Boolean)
    published_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class OperatingRecord(Base):
    __tablename__ = "operating_records"
    __table_args__ = (Index("ix_operating_records_station_kind_on", "station_id", "kind", "recorded_on"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"))
    kind: Mapped[str] = mapped_column(String(20))  # domain.records.RecordKind
    recorded_on: Mapped[date] = mapped_column(Date)  # the service's date the record was entered
    summary: Mapped[str] = mapped_column(Text)
    price_fen_per_kg: Mapped[int | None] = mapped_column(BigInteger)  # posted_price only
    retained_until: Mapped[date] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
