"""Approved sites of the development plans (安政办〔2023〕2号 第四条（一）、第五条、第二十七条)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, String
from sqlalchemy.orm import Mapped, mapped_column

from anyang_hydrogen.models import Base
from govkit.db import UtcDateTime


class PlanSite(Base):
    __tablename__ = "plan_sites"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    plan_area: Mapped[str] = mapped_column(String(6), index=True)  # 410500 (市区) or a county's code
    region: Mapped[str] = mapped_column(String(6))
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    latitude: Mapped[float | None] = mapped_column(Float)  # WGS-84
    longitude: Mapped[float | None] = mapped_column(Float)
    added_under_art27: Mapped[bool] = mapped_column(default=False)
    approval_number: Mapped[str | None] = mapped_column(String(100))  # 第二十七条: 经市政府同意
    approved_on: Mapped[date | None] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
