"""Applications: raw figures with evidence and source per indicator (第十二条, 第二十三条), the nominee's posts
(第五条、第六条、第八条、第十一条), eligibility results, experts' scores and candidacy marks from events."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anyang_awards.models.base import Base
from govkit.db import UtcDateTime


class Application(Base):
    __tablename__ = "applications"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(20))
    enterprise_uscc: Mapped[str] = mapped_column(String(18), index=True)
    enterprise_name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(6))  # county code: who does the county review (第十六条)
    region_source: Mapped[str | None] = mapped_column(String(20))  # credit_subject | uscc | city (domain.reviewer)
    person_name: Mapped[str | None] = mapped_column(String(100))  # entrepreneur categories
    person_id_encrypted: Mapped[str | None] = mapped_column(String(200))
    person_id_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    person_id_masked: Mapped[str | None] = mapped_column(String(18))
    # govkit.crypto.PersonRef (platform-wide key): how credit's list events and checks name the entrepreneur
    person_ref: Mapped[str | None] = mapped_column(String(64), index=True)
    sector: Mapped[str | None] = mapped_column(String(40))
    contribution: Mapped[str | None] = mapped_column(String(20))
    contribution_evidence: Mapped[str | None] = mapped_column(String(300))
    reports_on_time: Mapped[bool | None] = mapped_column(Boolean)
    reports_evidence: Mapped[str | None] = mapped_column(String(300))
    roles_filled: Mapped[list] = mapped_column(JSON, default=list)  # 第十一条 roles held in the enterprise
    passed_over_reason: Mapped[str | None] = mapped_column(Text)
    credit_status: Mapped[dict] = mapped_column(JSON, default=dict)  # list_code -> {listed, entry_ref}
    credit_checked_on: Mapped[date | None] = mapped_column(Date)
    credit_message: Mapped[str | None] = mapped_column(Text)
    # candidacy: active | disqualified | withdrawn
    status: Mapped[str] = mapped_column(String(20), default="active")
    disqualification: Mapped[dict | None] = mapped_column(JSON)  # reason, basis, source
    county_decision: Mapped[str] = mapped_column(String(20), default="pending")  # pending|approved|rejected
    county_opinion: Mapped[str | None] = mapped_column(Text)
    county_reviewed_by: Mapped[str | None] = mapped_column(String(120))
    county_reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    eligible: Mapped[bool] = mapped_column(Boolean, default=False)  # latest eligibility result
    under_review: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted_by: Mapped[str] = mapped_column(String(120))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ApplicationFigure(Base):
    """One raw figure: declared value and evidence; confirmed or corrected by the department holding the data."""

    __tablename__ = "application_figures"
    __table_args__ = (UniqueConstraint("application_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    declared: Mapped[str] = mapped_column(String(60))  # exact text: decimal or true/false
    value: Mapped[str] = mapped_column(String(60))  # what scoring uses (corrected when corrected)
    evidence: Mapped[str | None] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(20), default="declared")  # declared | department code
    review: Mapped[str | None] = mapped_column(String(20))  # confirmed | corrected
    review_note: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str | None] = mapped_column(String(120))
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class NomineePost(Base):
    __tablename__ = "nominee_posts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), index=True)
    role: Mapped[str] = mapped_column(String(30))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)


class EligibilityResult(Base):
    """Every evaluation, kept: a round can be reviewed later exactly as it was decided."""

    __tablename__ = "eligibility_results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), index=True)
    eligible: Mapped[bool] = mapped_column(Boolean)
    under_review: Mapped[bool] = mapped_column(Boolean)
    checks: Mapped[list] = mapped_column(JSON)
    trigger: Mapped[str] = mapped_column(String(120))
    computed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ExpertScore(Base):
    __tablename__ = "expert_scores"
    __table_args__ = (UniqueConstraint("application_id", "indicator", "department", "expert"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(60))
    department: Mapped[str] = mapped_column(String(20))
    expert: Mapped[str] = mapped_column(String(60))
    score: Mapped[float] = mapped_column(Float)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CandidacyMark(Base):
    """A fact about a candidacy from outside the application (第二条, 第二十四条): a credit listing, an accident,
    a case against the nominee. status: active | under_review | lifted | restored | removed_not_restored."""

    __tablename__ = "candidacy_marks"
    __table_args__ = (UniqueConstraint("application_id", "kind", "source_ref"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # credit_listing | accident | person_case
    source_ref: Mapped[str] = mapped_column(String(100), index=True)  # entry_id / accident_id / case ref
    status: Mapped[str] = mapped_column(String(30))
    basis: Mapped[str] = mapped_column(String(200))
    detail: Mapped[dict] = mapped_column(JSON)
    recorded_by: Mapped[str] = mapped_column(String(120))  # event type or principal
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    note: Mapped[str | None] = mapped_column(Text)
