"""Supervision items in the API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


class ItemIn(BaseModel):
    department: str = Field(
        min_length=1, max_length=100, description="单位代码或名称（如 fgw、市发展改革委）"
    )
    reason: str = Field(min_length=1, max_length=4000)
    basis: str = Field(min_length=1, max_length=200, description="督办依据")
    task_id: str | None = Field(None, description="相关重点任务（可选）")
    answer_due: date | None = Field(None, description="督查局确定的答复期限；不填则为签发后5个工作日")

    model_config = {"json_schema_extra": {"examples": [{
        "department": "市发展改革委", "reason": "实施方案未按期报送", "basis": "安政办〔2023〕5号",
        "task_id": "GWR2023-1", "answer_due": None}]}}


class AnswerIn(BaseModel):
    answer: str = Field(min_length=1, max_length=8000, description="整改落实情况")

    model_config = {"json_schema_extra": {"examples": [{"answer": "已于本周报送实施方案，并建立按月报送台账"}]}}


class ClosureIn(BaseModel):
    note: str = Field("", max_length=4000)

    model_config = {"json_schema_extra": {"examples": [{"note": "整改到位，予以办结"}]}}


ItemStatus = Literal["open", "answered", "closed"]


class ItemOut(BaseModel):
    id: str
    source: str
    source_ref: str
    department: str
    department_name: str
    reason: str
    basis: str
    details: dict[str, Any]
    status: ItemStatus = Field(description="状态：open 待答复；answered 已答复；closed 已办结")
    status_label: str = Field(description="状态的中文名称")
    raised_on: date
    answer_due: date
    answer_due_basis: str
    answer_due_provisional: bool = Field(description="the working-day count reaches a year without an official "
                                                     "holiday arrangement yet: the date may move")
    answer_due_set_by: str = Field(description="default: 5 working days; bureau: chosen by the bureau")
    task_id: str | None
    overdue: bool
    answer: str | None
    answered_at: datetime | None
    closing_note: str | None
    closed_at: datetime | None
