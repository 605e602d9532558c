"""Projects, their units, rent filings, market reference rents and recorded encumbrances
(安政办〔2023〕7号 二（二）, 三（二）, 三（三）, 四（一）, 四（五）, 五（三）)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, Boolean, Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anyang_housing.models import Base
from govkit.db import UtcDateTime


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(6), index=True)
    locality: Mapped[str] = mapped_column(String(100))  # 地段, for the market reference rent
    address: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(30))
    land_type: Mapped[str] = mapped_column(String(40))
    investor_code: Mapped[str] = mapped_column(String(18))
    investor_name: Mapped[str] = mapped_column(String(200))
    operator_code: Mapped[str] = mapped_column(String(18), index=True)
    operator_name: Mapped[str] = mapped_column(String(200))
    target: Mapped[str] = mapped_column(String(20))  # none | park | employer | system | talent
    target_mode: Mapped[str] = mapped_column(String(20))  # priority | exclusive
    target_code: Mapped[str | None] = mapped_column(String(20))
    land: Mapped[dict | None] = mapped_column(JSON)  # park share, consent, contract rent terms
    relaxation: Mapped[dict | None] = mapped_column(JSON)  # {grounds, reason, approver}
    status: Mapped[str] = mapped_column(String(20))
    review: Mapped[dict | None] = mapped_column(JSON)  # joint review by the district government
    certificate_number: Mapped[str | None] = mapped_column(String(100), unique=True)
    certificate_on: Mapped[date | None] = mapped_column(Date)
    recognised_by: Mapped[str | None] = mapped_column(String(20))
    filed_with_group_on: Mapped[date | None] = mapped_column(Date)  # county projects (四（五）)
    started_on: Mapped[date | None] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    completion_accepted_on: Mapped[date | None] = mapped_column(Date)
    exited_on: Mapped[date | None] = mapped_column(Date)
    rent_fen_per_m2: Mapped[int | None] = mapped_column(Integer)  # the filed rent in force
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Unit(Base):
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("project_id", "number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    number: Mapped[str] = mapped_column(String(40))
    floor_area_m2: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    layout: Mapped[str] = mapped_column(String(20))  # dormitory | apartment
    status: Mapped[str] = mapped_column(String(20))  # available | offered | leased


class RentFiling(Base):
    __tablename__ = "rent_filings"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    filing_number: Mapped[str] = mapped_column(String(40), unique=True)
    rent_fen_per_m2: Mapped[int] = mapped_column(Integer)
    market_rent_fen_per_m2: Mapped[int] = mapped_column(Integer)
    decision: Mapped[dict] = mapped_column(JSON)
    filed_on: Mapped[date] = mapped_column(Date)
    filed_by: Mapped[str] = mapped_column(String(64))


class MarketRent(Base):
    """The market rent of comparable housing (同地段同品质) recorded by the leading group office."""

    __tablename__ = "market_rents"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    region: Mapped[str] = mapped_column(String(6))
    locality: Mapped[str] = mapped_column(String(100))
    rent_fen_per_m2: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Encumbrance(Base):
    """A whole-project mortgage (四（三）4) or a mortgage of the collective land use right (四（一）1)."""

    __tablename__ = "encumbrances"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    creditor: Mapped[str] = mapped_column(String(200))
    amount_fen: Mapped[int | None] = mapped_column(BigInteger)
    registered_on: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
