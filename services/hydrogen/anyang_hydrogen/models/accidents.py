"""Accidents at stations (安政办〔2023〕2号 第二十五条) and the conclusion of their investigation."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from anyang_hydrogen.models import Base
from govkit.db import UtcDateTime


class Accident(Base):
    __tablename__ = "accidents"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    operator_code: Mapped[str] = mapped_column(String(18), index=True)
    operator_name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(6), index=True)
    occurred_on: Mapped[date] = mapped_column(Date)
    severity: Mapped[str] = mapped_column(String(20))  # domain.severity.Severity
    deaths: Mapped[int] = mapped_column(Integer, default=0)
    serious_injuries: Mapped[int] = mapped_column(Integer, default=0)
    direct_loss_yuan: Mapped[int] = mapped_column(BigInteger, default=0)
    summary: Mapped[str] = mapped_column(Text)
    announced: Mapped[bool] = mapped_column(Boolean)  # hydrogen.accident.reported emitted
    reported_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    concluded_on: Mapped[date | None] = mapped_column(Date)
    responsible: Mapped[bool | None] = mapped_column(Boolean)
    conclusion: Mapped[str | None] = mapped_column(Text)
    concluded_by: Mapped[str | None] = mapped_column(String(64))
