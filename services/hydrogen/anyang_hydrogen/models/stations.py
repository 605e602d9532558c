"""Hydrogen refuelling stations (安政办〔2023〕2号 第三条、第九条) and their operating filings
(第十三条、第十四条)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from anyang_hydrogen.models import Base
from govkit.db import UtcDateTime


class Station(Base):
    __tablename__ = "stations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # fixed | skid_mounted (第三条)
    operator_code: Mapped[str] = mapped_column(String(18), index=True)  # USCC
    operator_name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(6), index=True)  # county/district/zone code (第四条)
    address: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), index=True)  # domain.stations.Status
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    media: Mapped[list | None] = mapped_column(JSON)  # 第三条: gaseous / liquid
    use: Mapped[str | None] = mapped_column(String(20))  # 第九条: public | self_use
    land_use: Mapped[str | None] = mapped_column(String(20))
    site_setting: Mapped[str | None] = mapped_column(String(30))
    combined_with: Mapped[list | None] = mapped_column(JSON)  # 第三条、第八条 合建站
    # WGS-84 (EPSG:4326) decimal degrees
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    plan_site_id: Mapped[str | None] = mapped_column(ForeignKey("plan_sites.id"))
    opening_date: Mapped[date | None] = mapped_column(Date)


class Filing(Base):
    __tablename__ = "filings"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    materials: Mapped[list] = mapped_column(JSON)
    received_on: Mapped[date] = mapped_column(Date)
    verification_due: Mapped[date] = mapped_column(Date)
    due_provisional: Mapped[bool] = mapped_column(Boolean)
    due_basis: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))  # submitted | verified | rejected
    verified_on: Mapped[date | None] = mapped_column(Date)
    experts: Mapped[list | None] = mapped_column(JSON)
    findings: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    channel: Mapped[str] = mapped_column(String(10), default="online")  # online | paper
    entered_by: Mapped[str | None] = mapped_column(String(64))
    conditions: Mapped[list | None] = mapped_column(JSON)  # 第十二条 results at verification
    decided_on: Mapped[date | None] = mapped_column(Date)  # the service's date the decision was recorded
    verified_late: Mapped[bool | None] = mapped_column(Boolean)
    decided_by: Mapped[str | None] = mapped_column(String(64))
