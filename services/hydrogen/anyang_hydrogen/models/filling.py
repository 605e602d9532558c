"""Cylinder registrations (安政办〔2023〕2号 第四条（六）: 市场监管部门 使用登记) and the fills stations record
(第十五条: 车用储氢瓶质量安全追溯系统)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from anyang_hydrogen.models import Base
from govkit.db import UtcDateTime


class Cylinder(Base):
    __tablename__ = "cylinders"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    serial: Mapped[str] = mapped_column(String(64), unique=True)  # 气瓶编号
    vin: Mapped[str] = mapped_column(String(17), index=True)
    certificate_number: Mapped[str] = mapped_column(String(64))  # 特种设备使用登记证编号
    valid_until: Mapped[date | None] = mapped_column(Date)
    next_inspection_on: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(10))  # recorded | imported
    registered_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Fill(Base):
    __tablename__ = "fills"
    __table_args__ = (
        Index("ix_fills_station_at", "station_id", "filled_at"),
        Index("ix_fills_cylinder_at", "cylinder_id", "filled_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"))
    cylinder_id: Mapped[str] = mapped_column(ForeignKey("cylinders.id"))
    serial: Mapped[str] = mapped_column(String(64))
    vin: Mapped[str] = mapped_column(String(17))
    certificate_number: Mapped[str] = mapped_column(String(64))
    kg: Mapped[float | None] = mapped_column(Float)
    filled_at: Mapped[datetime] = mapped_column(UtcDateTime)
    recorded_by: Mapped[str] = mapped_column(String(64))
