"""Penalty decisions of the 城市管理部门 for breaches of the 办法 (安政办〔2023〕2号 第二十六条)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from anyang_hydrogen.models import Base
from govkit.db import UtcDateTime


class Penalty(Base):
    __tablename__ = "penalties"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    accident_id: Mapped[str | None] = mapped_column(ForeignKey("accidents.id"))
    operator_code: Mapped[str] = mapped_column(String(18), index=True)
    operator_name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(6))
    decision_number: Mapped[str] = mapped_column(String(100), unique=True)
    decided_on: Mapped[date] = mapped_column(Date)
    department: Mapped[str] = mapped_column(String(20))
    severity: Mapped[str] = mapped_column(String(20))  # minor | general | serious
    violated_articles: Mapped[list] = mapped_column(JSON)
    applied_provision: Mapped[str] = mapped_column(String(300))
    legal_basis: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # the penalised party (whoever breached): the operator, another unit (USCC) or a person (PersonRef only)
    party_kind: Mapped[str] = mapped_column(String(20), default="operator")
    party_code: Mapped[str] = mapped_column(String(64), index=True)
    party_name: Mapped[str] = mapped_column(String(200))
    station_name: Mapped[str] = mapped_column(String(200))
