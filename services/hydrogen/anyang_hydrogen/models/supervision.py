"""Supervision (安政办〔2023〕2号 第十八条–第二十条、第二十二条、第二十六条): inspections and their hazards with
rectification orders, assessments of operators, patrol schedules and patrols, self-assessments, referrals
for penalty and stop-operating orders of competent departments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from anyang_hydrogen.models import Base
from govkit.db import UtcDateTime


class Inspection(Base):
    __tablename__ = "inspections"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    department: Mapped[str] = mapped_column(String(20))
    field: Mapped[str] = mapped_column(String(30))  # gas | fire | market_regulation | emergency | ...
    third_party_agency: Mapped[str | None] = mapped_column(String(200))  # 第十八条 委托第三方专业机构
    inspected_on: Mapped[date] = mapped_column(Date)
    findings: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Hazard(Base):
    __tablename__ = "hazards"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    inspection_id: Mapped[str | None] = mapped_column(ForeignKey("inspections.id"))
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    region: Mapped[str] = mapped_column(String(6), index=True)
    department: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    deadline: Mapped[date] = mapped_column(Date)  # 限期整改
    status: Mapped[str] = mapped_column(String(20))  # open | responded | closed
    response: Mapped[str | None] = mapped_column(Text)
    responded_on: Mapped[date | None] = mapped_column(Date)
    reinspected_on: Mapped[date | None] = mapped_column(Date)
    reinspection_findings: Mapped[str | None] = mapped_column(Text)
    closed_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Assessment(Base):
    __tablename__ = "assessments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    operator_code: Mapped[str] = mapped_column(String(18), index=True)
    operator_name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(6))
    period: Mapped[str] = mapped_column(String(20))
    result: Mapped[str] = mapped_column(String(20))  # excellent | qualified | unqualified
    findings: Mapped[str] = mapped_column(Text)
    assessed_on: Mapped[date] = mapped_column(Date)
    assessed_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PatrolSchedule(Base):
    __tablename__ = "patrol_schedules"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    equipment: Mapped[str] = mapped_column(String(200))
    interval_days: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Patrol(Base):
    __tablename__ = "patrols"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    schedule_id: Mapped[str] = mapped_column(ForeignKey("patrol_schedules.id"), index=True)
    done_on: Mapped[date] = mapped_column(Date)  # the service's date
    findings: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SelfAssessment(Base):
    __tablename__ = "self_assessments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    assessed_on: Mapped[date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text)
    hazards_found: Mapped[int] = mapped_column(Integer)
    measures: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Referral(Base):
    __tablename__ = "referrals"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    region: Mapped[str] = mapped_column(String(6), index=True)
    from_department: Mapped[str] = mapped_column(String(20))
    to_department: Mapped[str] = mapped_column(String(20))
    violated_articles: Mapped[list] = mapped_column(JSON)
    facts: Mapped[str] = mapped_column(Text)
    referred_on: Mapped[date] = mapped_column(Date)
    penalty_id: Mapped[str | None] = mapped_column(ForeignKey("penalties.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class StopOrder(Base):
    __tablename__ = "stop_orders"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    department: Mapped[str] = mapped_column(String(20))
    decision_number: Mapped[str] = mapped_column(String(100))
    legal_basis: Mapped[str] = mapped_column(Text)
    decided_on: Mapped[date] = mapped_column(Date)
    lifted_on: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
