"""What the responsible units report (安政办〔2023〕5号 preamble): implementation plans, monthly and annual
reports, completion reports of dated entries; and the published monthly summaries (政务公开)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anyang_tasks.models import Base
from govkit.db import UtcDateTime


class Plan(Base):
    __tablename__ = "task_plans"
    __table_args__ = (UniqueConstraint("task_id", "unit_code"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), index=True)
    unit_code: Mapped[str] = mapped_column(String(20), index=True)
    milestones: Mapped[list] = mapped_column(JSON)  # [{"due_on": "2023-06-30", "description": "…"}]
    measures: Mapped[str] = mapped_column(Text)
    responsible_person: Mapped[str] = mapped_column(String(100))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    submitted_by: Mapped[str] = mapped_column(String(100))


class Report(Base):
    __tablename__ = "task_reports"
    __table_args__ = (UniqueConstraint("task_id", "unit_code", "kind", "period"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), index=True)
    unit_code: Mapped[str] = mapped_column(String(20), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # monthly | annual | completion
    period: Mapped[str] = mapped_column(String(7))  # 2023-03 (monthly), 2023 (annual, completion)
    progress: Mapped[str] = mapped_column(Text)
    percent: Mapped[int] = mapped_column(Integer)
    target_values: Mapped[dict] = mapped_column(JSON)  # {"<target seq>": "value reached"}
    problems: Mapped[str] = mapped_column(Text)
    next_steps: Mapped[str] = mapped_column(Text)
    completed: Mapped[bool] = mapped_column(Boolean)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    submitted_by: Mapped[str] = mapped_column(String(100))


class PublishedSummary(Base):
    """A month's summary as published to the public: statuses and progress, no internal problems."""

    __tablename__ = "published_summaries"

    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    content: Mapped[dict] = mapped_column(JSON)
    published_at: Mapped[datetime] = mapped_column(UtcDateTime)
    published_by: Mapped[str] = mapped_column(String(100))
