"""The public credit information catalogue (公共信用信息目录, CP 三（三）) and the coverage view."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from anyang_credit.domain.vocab import CatalogueFrequency, RecordCategory
from anyang_credit.schemas import examples as ex
from anyang_credit.schemas.coded import Coded, codes
from anyang_credit.schemas.examples import example


class CatalogueEntryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    department: str = Field(min_length=1, max_length=40)
    category: RecordCategory
    fields: list[str] = Field(default_factory=list, description="field names to report: title, content, "
                              "legal_basis, severity, amount_fen, or a catalogue-specific name")
    frequency: CatalogueFrequency = CatalogueFrequency.REALTIME


class CatalogueVersionIn(BaseModel):
    model_config = ConfigDict(**example(ex.CATALOGUE_VERSION), extra="forbid")
    valid_from: date
    title: str = Field(min_length=1, max_length=200)
    note: str = Field("", max_length=5000)
    entries: list[CatalogueEntryIn] = Field(min_length=1, max_length=2000)


class CatalogueEntryOut(Coded):
    department: str
    department_name: str = Field(description="名称 / its name (reference data)")
    category: RecordCategory = codes(RecordCategory)
    category_label: str
    fields: list[str]
    frequency: CatalogueFrequency = codes(CatalogueFrequency)
    frequency_label: str


class CatalogueVersionOut(BaseModel):
    version: int
    valid_from: date
    title: str
    note: str
    created_at: datetime
    entries: list[CatalogueEntryOut]
    basis: str


class PeriodOut(BaseModel):
    period_from: date
    period_to: date


class CategoryGap(BaseModel):
    """A catalogue item with reporting periods of its frequency in which no record was reported."""

    category: RecordCategory = codes(RecordCategory)
    category_label: str
    frequency: CatalogueFrequency = codes(CatalogueFrequency)
    frequency_label: str
    missing_periods: list[PeriodOut] = Field(description="periods of the item's frequency with no record "
                                                         "decided in them (realtime: the whole period)")


class DepartmentCoverage(Coded):
    department: str
    department_name: str = Field(description="名称 / its name (reference data)")
    counts: dict[str, int]
    gaps: list[CategoryGap]
    complete: bool


class CoverageOut(BaseModel):
    catalogue_version: int
    period_from: date
    period_to: date
    departments: list[DepartmentCoverage]
    basis: str
