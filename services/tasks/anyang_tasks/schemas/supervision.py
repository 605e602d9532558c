"""Supervision items in the API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field


class ItemIn(BaseModel):
    department: str = Field(
        min_length=1, max_length=100, description="单位代码或名称（如 fgw、市发展改革委）"
    )
    reason: str = Field(min_length=1, max_length=4000)
    basis: str = Field(min_length=1, max_length=200, description="督办依据")
    task_id: str | None = Field(None, description="相关重点任务")


class AnswerIn(BaseModel):
    answer: str = Field(min_length=1, max_length=8000, description="整改落实情况")


class ClosureIn(BaseModel):
    note: str = Field("", max_length=4000)


class ItemOut(BaseModel):
    id: str
    source: str
    source_ref: str
    department: str
    department_name: str
    reason: str
    basis: str
    details: dict[str, Any]
    status: str
    status_label: str
    raised_on: date
    answer_due: date
    answer_due_basis: str
    overdue: bool
    answer: str | None
    answered_at: datetime | None
    closing_note: str | None
    closed_at: datetime | None
