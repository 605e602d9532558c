"""Annual construction plans of the counties (安政办〔2023〕7号 二（一）)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anyang_housing.models import Base
from govkit.db import UtcDateTime


class ConstructionPlan(Base):
    __tablename__ = "construction_plans"
    __table_args__ = (UniqueConstraint("region", "year"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    region: Mapped[str] = mapped_column(String(6))
    year: Mapped[int] = mapped_column(Integer)
    planned_units: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))  # drafted | approved | published
    approval_number: Mapped[str | None] = mapped_column(String(100))
    approved_on: Mapped[date | None] = mapped_column(Date)
    published_on: Mapped[date | None] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
