"""Applications for affordable rental housing (安政办〔2023〕7号 三（一）).

The applicant's ID number is stored encrypted with a keyed hash for look-up (README: Privacy).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from anyang_housing.models import Base
from govkit.db import UtcDateTime


class Application(Base):
    __tablename__ = "applications"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    applicant_id_encrypted: Mapped[str] = mapped_column(String(200))
    applicant_id_hash: Mapped[str] = mapped_column(String(64), index=True)
    applicant_id_masked: Mapped[str] = mapped_column(String(18))
    applicant_name: Mapped[str] = mapped_column(String(100))
    household_members: Mapped[int] = mapped_column(Integer)
    owned_areas_m2: Mapped[list] = mapped_column(JSON)  # decimal strings, one per home
    per_person_area_m2: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    new_citizen: Mapped[bool] = mapped_column(Boolean)
    applied_on: Mapped[date] = mapped_column(Date)
    eligible: Mapped[bool] = mapped_column(Boolean)
    priority_tier: Mapped[int | None] = mapped_column(Integer)
    decision: Mapped[dict] = mapped_column(JSON)  # basis, facts, reason
    status: Mapped[str] = mapped_column(String(20))  # eligible | ineligible | revoked
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # since revision 0002: the household in detail, new-citizen basis, receipt, targeted supply, queue
    members: Mapped[list | None] = mapped_column(JSON)  # [{name, relation}] (no ID numbers stored here)
    homes: Mapped[list | None] = mapped_column(JSON)  # [{area_m2, region, region_name, in_city_area}]
    residence_permit: Mapped[bool | None] = mapped_column(Boolean)
    moved_in_on: Mapped[date | None] = mapped_column(Date)
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # the service's time of receipt
    paper_received_on: Mapped[date | None] = mapped_column(Date)  # staff-recorded paper receipt date
    employer_code: Mapped[str | None] = mapped_column(String(18))
    park_code: Mapped[str | None] = mapped_column(String(6))
    system_code: Mapped[str | None] = mapped_column(String(20))
    queue_status: Mapped[str | None] = mapped_column(String(20))  # waiting | offered | housed
    queued_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
