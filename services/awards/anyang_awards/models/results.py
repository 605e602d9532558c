"""Scores as computed (第十条), ranking changes, the public notice list and objections (第二十条, 第二十五条),
honours and revocations (第二十一条, 第二十二条, 第二十五条), the 十大功勋企业家 vote (第七条)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from anyang_awards.models.base import Base
from govkit.db import UtcDateTime


class ScoreSnapshot(Base):
    __tablename__ = "score_snapshots"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # 1, 2, … per round
    trigger: Mapped[str] = mapped_column(String(300))
    admitted: Mapped[list] = mapped_column(JSON)  # application ids admitted to scoring
    scores: Mapped[list] = mapped_column(JSON)  # ranked, with per-indicator explanation
    bounds: Mapped[dict] = mapped_column(JSON)
    winners: Mapped[list] = mapped_column(JSON)
    tie: Mapped[dict | None] = mapped_column(JSON)
    computed_by: Mapped[str] = mapped_column(String(120))
    computed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RankingChange(Base):
    __tablename__ = "ranking_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), index=True)
    before_snapshot_id: Mapped[str] = mapped_column(String(36))
    after_snapshot_id: Mapped[str] = mapped_column(String(36))
    cause: Mapped[str] = mapped_column(String(300))
    diff: Mapped[dict] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class NoticeEntry(Base):
    """The list under public notice (第二十条): status listed | disqualified; one who enters the places during
    the notice (another disqualified) is added."""

    __tablename__ = "notice_entries"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), index=True)
    application_id: Mapped[str | None] = mapped_column(String(36))  # None for merit10 (vote)
    nominee_id: Mapped[str | None] = mapped_column(String(36))  # merit10 nominee
    rank: Mapped[int] = mapped_column(Integer)
    total: Mapped[float | None] = mapped_column()
    entity_code: Mapped[str] = mapped_column(String(18))
    entity_name: Mapped[str] = mapped_column(String(200))
    person_name: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="listed")


class Objection(Base):
    """A written objection (第二十五条), the office's handling opinion and the leading group's decision (第十四条)."""

    __tablename__ = "objections"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), index=True)
    entry_id: Mapped[str] = mapped_column(ForeignKey("notice_entries.id"))
    channel: Mapped[str] = mapped_column(String(10))  # online | counter
    filed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    objector_name: Mapped[str] = mapped_column(String(100))
    objector_contact: Mapped[str | None] = mapped_column(String(200))  # never shown publicly
    content: Mapped[str] = mapped_column(Text)
    timing: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="filed")  # filed | handled | decided
    handling_opinion: Mapped[str | None] = mapped_column(Text)
    proposed_finding: Mapped[str | None] = mapped_column(String(20))
    handled_by: Mapped[str | None] = mapped_column(String(120))
    handled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finding: Mapped[str | None] = mapped_column(String(20))
    disqualify: Mapped[bool | None] = mapped_column(Boolean)
    decision_text: Mapped[str | None] = mapped_column(Text)
    decided_on: Mapped[date | None] = mapped_column(Date)
    decision_meeting_ref: Mapped[str | None] = mapped_column(String(200))
    decided_by: Mapped[str | None] = mapped_column(String(120))


class Honour(Base):
    __tablename__ = "honours"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), index=True)
    application_id: Mapped[str | None] = mapped_column(String(36))
    year: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    entity_code: Mapped[str] = mapped_column(String(18), index=True)
    entity_name: Mapped[str] = mapped_column(String(200))
    person_name: Mapped[str | None] = mapped_column(String(100))
    rank: Mapped[int] = mapped_column(Integer)
    items: Mapped[list] = mapped_column(JSON)
    granted_by: Mapped[str] = mapped_column(String(40))
    basis: Mapped[str] = mapped_column(String(200))
    granted_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="granted")  # granted | revoked


class Revocation(Base):
    __tablename__ = "revocations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    honour_id: Mapped[str] = mapped_column(ForeignKey("honours.id"), unique=True)
    finding: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    basis: Mapped[str] = mapped_column(String(200))
    revoked_on: Mapped[date] = mapped_column(Date)
    decision_ref: Mapped[str | None] = mapped_column(String(200))
    revoked_by: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class Merit10Nominee(Base):
    """十大功勋企业家 nominee: one of the year's 50强 honours (第七条)."""

    __tablename__ = "merit10_nominees"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), index=True)
    top50_honour_id: Mapped[str] = mapped_column(ForeignKey("honours.id"))
    person_name: Mapped[str] = mapped_column(String(100))
    entity_code: Mapped[str] = mapped_column(String(18))
    entity_name: Mapped[str] = mapped_column(String(200))
    person_ref: Mapped[str | None] = mapped_column(String(64), index=True)  # from the 50强 application
    # 第二条 kept true by list events as for candidates: active | disqualified, with the listings as reasons
    status: Mapped[str] = mapped_column(String(20), default="active", server_default="active")
    disqualification: Mapped[dict | None] = mapped_column(JSON)


class Merit10Ballot(Base):
    """A recorded vote of the leading group: counts per nominee and the tally (第七条)."""

    __tablename__ = "merit10_ballots"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    meeting_ref: Mapped[str] = mapped_column(String(200))
    votes: Mapped[dict] = mapped_column(JSON)
    result: Mapped[dict] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
