"""Award rounds (一年一评, 第十二条) with their procedure history and recorded meetings (第十五条–第二十条)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anyang_awards.models.base import Base
from govkit.db import UtcDateTime


class Round(Base):
    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("year", "category"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    year: Mapped[int] = mapped_column(Integer)  # 评选当年 (evaluation year)
    category: Mapped[str] = mapped_column(String(20))  # domain.categories.CategoryCode
    state: Mapped[str] = mapped_column(String(30))  # domain.procedure.RoundState
    announced_on: Mapped[date] = mapped_column(Date)
    application_deadline: Mapped[date] = mapped_column(Date)
    review_departments: Mapped[list] = mapped_column(JSON, default=list)  # 第十七条 opinions needed
    final_approval_date: Mapped[date | None] = mapped_column(Date)
    notice_start: Mapped[date | None] = mapped_column(Date)
    notice_end: Mapped[date | None] = mapped_column(Date)
    notice_end_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    published_on: Mapped[date | None] = mapped_column(Date)
    tie_decision: Mapped[dict | None] = mapped_column(JSON)  # leading group's choice across a cut-off tie
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RoundTransition(Base):
    """Every state change, with the article and the facts the guard used."""

    __tablename__ = "round_transitions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), index=True)
    from_state: Mapped[str] = mapped_column(String(30))
    to_state: Mapped[str] = mapped_column(String(30))
    as_of: Mapped[date] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(String(200))
    facts: Mapped[dict] = mapped_column(JSON)
    by: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class Meeting(Base):
    """领导小组成员会议 (第十八条), 市政府常务会议 and 市委常委会议 (第十九条), 领导小组 decisions (第十四条)."""

    __tablename__ = "meetings"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # leading_group | executive | standing_committee
    held_on: Mapped[date] = mapped_column(Date)
    ref: Mapped[str] = mapped_column(String(200))  # minutes' reference
    summary: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class DepartmentOpinion(Base):
    """Each member department's opinion in department review (第十七条)."""

    __tablename__ = "department_opinions"
    __table_args__ = (UniqueConstraint("round_id", "department"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), index=True)
    department: Mapped[str] = mapped_column(String(20))
    opinion: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RoundExpert(Base):
    """An expert the office registers for a round (第十三条: the office runs the selection), with the member
    department through which the expert's scores are entered: a department cannot enter scores of experts it
    named itself."""

    __tablename__ = "round_experts"
    __table_args__ = (UniqueConstraint("round_id", "name", "department"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    department: Mapped[str] = mapped_column(String(20))
    registered_by: Mapped[str] = mapped_column(String(120))
    registered_at: Mapped[datetime] = mapped_column(UtcDateTime)
