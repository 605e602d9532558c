"""双随机、一公开 draws, inspector pools, joint supervision list (CP 三（四）; 安政办〔2023〕1号（十七）)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anyang_credit.models.base import Base
from govkit.db import UtcDateTime


class Inspector(Base):
    """An entry of a department's 执法检查人员名录库."""

    __tablename__ = "draw_inspectors"
    __table_args__ = (UniqueConstraint("department", "inspector_id", name="uq_draw_inspectors_dept_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    department: Mapped[str] = mapped_column(String(40), index=True)
    inspector_id: Mapped[str] = mapped_column(String(60))  # 执法证号 or staff id
    name: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class JointSupervisionItem(Base):
    """An item of the 联合监管事项清单 and the departments that inspect it jointly."""

    __tablename__ = "joint_supervision_items"

    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    departments: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[str] = mapped_column(String(120))


class Draw(Base):
    __tablename__ = "draws"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    initiated_by: Mapped[str] = mapped_column(String(40))  # department code
    departments: Mapped[list] = mapped_column(JSON)
    joint_item_code: Mapped[str | None] = mapped_column(String(60))
    population_filter: Mapped[dict] = mapped_column(JSON)
    as_of: Mapped[date] = mapped_column(Date)
    seed: Mapped[str] = mapped_column(String(80))  # decimal digits of the service's seed; public once revealed
    seed_commitment: Mapped[str | None] = mapped_column(String(64))  # SHA-256 of the seed, public at once
    inputs: Mapped[dict] = mapped_column(JSON)  # population, ratios, pools, k: to re-run
    result: Mapped[dict] = mapped_column(JSON)  # the whole result; what is public of it: api.draws.draw_out
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class InspectionResult(Base):
    """The recorded result of one drawn inspection (一公开): from then the target is public."""

    __tablename__ = "inspection_results"
    __table_args__ = (UniqueConstraint("draw_id", "entity_code", name="uq_inspection_results_draw_entity"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    draw_id: Mapped[str] = mapped_column(ForeignKey("draws.id"))
    entity_code: Mapped[str] = mapped_column(String(18))
    outcome: Mapped[str] = mapped_column(String(40))  # vocab.InspectionOutcome
    note: Mapped[str] = mapped_column(Text, default="")
    inspected_on: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(40))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
