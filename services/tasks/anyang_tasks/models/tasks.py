"""The task register: tasks of the bulletin (安政办〔2023〕5号, 安政办〔2023〕1号, 安政〔2023〕2号) and tasks
the supervision bureau adds (sub-tasks, new tasks), with their units, open groups and targets."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anyang_tasks.models import Base
from govkit.db import UtcDateTime


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = (UniqueConstraint("document", "part", "number"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # GWR2023-7, BE2023-A3, CP2023-12, uuid
    document: Mapped[str] = mapped_column(String(60))  # 安政办〔2023〕5号
    part: Mapped[str] = mapped_column(String(20), server_default="body")  # body | annex | credit_plan | added
    number: Mapped[int] = mapped_column(Integer)
    ref: Mapped[str] = mapped_column(String(40), server_default="")  # as the document numbers it: 二（一）1
    section: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    responsibility: Mapped[str] = mapped_column(Text)  # the parenthesis as published
    due_on: Mapped[date | None] = mapped_column(Date)
    due_basis: Mapped[str | None] = mapped_column(Text)  # the words the date was read from
    origin: Mapped[str] = mapped_column(String(20), server_default="bulletin")  # bulletin | bureau
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("tasks.id"), index=True)
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class TaskUnit(Base):
    __tablename__ = "task_units"

    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    unit_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))  # lead | co_operate
    written: Mapped[str] = mapped_column(String(100))  # the name as written (a collective name for members)
    source: Mapped[str] = mapped_column(String(20), server_default="text")  # text | assigned (a group's member)


class TaskGroup(Base):
    """An open collective name (各相关部门, 市有关部门, …): one entry until the bureau names its members."""

    __tablename__ = "task_groups"
    __table_args__ = (UniqueConstraint("task_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    written: Mapped[str] = mapped_column(String(100))
    members_named_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class TaskTarget(Base):
    __tablename__ = "task_targets"
    __table_args__ = (UniqueConstraint("task_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    metric: Mapped[str] = mapped_column(String(200))
    comparison: Mapped[str] = mapped_column(String(10))  # ge | gt | le | about
    value: Mapped[Decimal] = mapped_column(Numeric(18, 4))
    unit: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
