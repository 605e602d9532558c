"""Public credit grades (公共信用综合评价, CP 三（二）、三（四）): imported, industry, rule sets."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anyang_credit.models.base import Base
from govkit.db import UtcDateTime


class ImportedGradeRow(Base):
    """A grade of the provincial/national evaluation; when present it is the public grade."""

    __tablename__ = "imported_grades"
    __table_args__ = (
        UniqueConstraint("subject_id", "source", "evaluated_on", name="uq_imported_grades_subject_source_on"),
        Index("ix_imported_grades_subject", "subject_id", "evaluated_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject_id: Mapped[str] = mapped_column(ForeignKey("subjects.id"))
    grade: Mapped[str] = mapped_column(String(1))
    source: Mapped[str] = mapped_column(String(20))  # provincial | national
    evaluated_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(300), default="")
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    imported_by: Mapped[str] = mapped_column(String(120))


class IndustryGradeRow(Base):
    """An industry evaluation (行业信用评价, e.g. 劳动保障信用评价, CP 二（五）2), beside the public grade."""

    __tablename__ = "industry_grades"
    __table_args__ = (
        UniqueConstraint(
            "subject_id",
            "industry",
            "department",
            "evaluated_on",
            name="uq_industry_grades_subject_industry_dept_on",
        ),
        Index("ix_industry_grades_subject", "subject_id", "evaluated_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject_id: Mapped[str] = mapped_column(ForeignKey("subjects.id"))
    industry: Mapped[str] = mapped_column(String(100))
    department: Mapped[str] = mapped_column(String(40))
    grade: Mapped[str] = mapped_column(String(20))  # the industry's own scale (A/B/C/D, AAA…)
    evaluated_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(300), default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class GradeRuleSetRow(Base):
    """A local rule-set version uploaded as data (beside the packaged rules/grade_rules.yaml)."""

    __tablename__ = "grade_rule_sets"

    version: Mapped[str] = mapped_column(String(40), primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    document: Mapped[dict] = mapped_column(JSON)
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    uploaded_by: Mapped[str] = mapped_column(String(120))


class PublicGradeState(Base):
    """The last public grade computed for a subject: a change emits credit.grade.changed."""

    __tablename__ = "public_grade_states"

    subject_id: Mapped[str] = mapped_column(ForeignKey("subjects.id"), primary_key=True)
    grade: Mapped[str] = mapped_column(String(1))
    source: Mapped[str] = mapped_column(String(20))
    rule_set_version: Mapped[str | None] = mapped_column(String(40))
    computed_on: Mapped[date] = mapped_column(Date, index=True)
    computed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class GradeWatermark(Base):
    """How far the recompute job has looked at record / list changes."""

    __tablename__ = "grade_watermarks"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    seen_until: Mapped[datetime] = mapped_column(UtcDateTime)
