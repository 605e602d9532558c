"""Fraud cases (骗取保障性租赁住房, 安政办〔2023〕7号 五（三）)
opened and decided by the housing authority."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from anyang_housing.models import Base
from govkit.db import UtcDateTime


class FraudCase(Base):
    __tablename__ = "fraud_cases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    application_id: Mapped[str | None] = mapped_column(ForeignKey("applications.id"))
    person_id_encrypted: Mapped[str] = mapped_column(String(200))
    person_id_hash: Mapped[str] = mapped_column(String(64), index=True)
    person_id_masked: Mapped[str] = mapped_column(String(18))
    person_name: Mapped[str] = mapped_column(String(100))
    facts: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))  # open | confirmed | dismissed
    department: Mapped[str] = mapped_column(String(20))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    decision_number: Mapped[str | None] = mapped_column(String(100), unique=True)
    decided_on: Mapped[date | None] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
