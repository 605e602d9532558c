"""Supervision items (督办单) against a unit: raised by events of other services or by the supervisor."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from anyang_tasks.models import Base
from govkit.db import UtcDateTime


class SupervisionItem(Base):
    __tablename__ = "supervision_items"
    __table_args__ = (
        UniqueConstraint("source", "source_ref"),
    )  # one item per record, however often it comes

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    source: Mapped[str] = mapped_column(String(60))  # credit.publication.overdue | manual
    source_ref: Mapped[str] = mapped_column(String(120))  # credit record id, or the item id
    department: Mapped[str] = mapped_column(String(20), index=True)
    department_name: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    basis: Mapped[str] = mapped_column(String(200))
    details: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))  # open | answered | closed
    raised_on: Mapped[date] = mapped_column(Date)
    answer_due: Mapped[date] = mapped_column(Date)
    answer_due_basis: Mapped[str] = mapped_column(Text)
    # a working-day count reaching a year without an official holiday arrangement yet (govkit.rules.periods)
    answer_due_provisional: Mapped[bool] = mapped_column(Boolean, server_default=false())
    answer_due_set_by: Mapped[str] = mapped_column(String(20), server_default="default")  # default | bureau
    task_id: Mapped[str | None] = mapped_column(String(40), index=True)  # None for items raised by events
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closing_note: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
