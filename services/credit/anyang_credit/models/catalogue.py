"""The versioned public credit information catalogue (公共信用信息目录, CP 三（三）): what each department must
report — category, fields, frequency — each version valid from a date."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anyang_credit.models.base import Base
from govkit.db import UtcDateTime


class CatalogueVersion(Base):
    __tablename__ = "catalogue_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    title: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CatalogueEntry(Base):
    __tablename__ = "catalogue_entries"
    __table_args__ = (UniqueConstraint("version_id", "department", "category",
                                       name="uq_catalogue_entries_item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("catalogue_versions.id"), index=True)
    department: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(40))       # vocab.RecordCategory
    fields: Mapped[list] = mapped_column(JSON)               # field names the department reports
    frequency: Mapped[str] = mapped_column(String(20))      # vocab.CatalogueFrequency
