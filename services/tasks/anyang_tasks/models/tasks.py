"""Key tasks (安政办〔2023〕5号) and their responsible units."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anyang_tasks.models import Base


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = (UniqueConstraint("document", "number"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # e.g. GWR2023-7
    document: Mapped[str] = mapped_column(String(60))  # 安政办〔2023〕5号
    number: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    responsibility: Mapped[str] = mapped_column(Text)  # the parenthesis as published
    due_on: Mapped[date | None] = mapped_column(Date)


class TaskUnit(Base):
    __tablename__ = "task_units"

    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    unit_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))  # lead | co_operate
    written: Mapped[str] = mapped_column(String(100))
