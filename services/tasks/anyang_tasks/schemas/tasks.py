"""Key tasks in the API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field


class Role(StrEnum):
    lead = "lead"
    co_operate = "co_operate"


class Part(StrEnum):
    body = "body"
    annex = "annex"
    credit_plan = "credit_plan"
    added = "added"


class Comparison(StrEnum):
    ge = "ge"
    gt = "gt"
    le = "le"
    about = "about"


COMPARISON_LABELS = {"ge": "不低于", "gt": "超过", "le": "不超过", "about": "左右"}
PART_LABELS = {Part.body: "正文", Part.annex: "附件", Part.credit_plan: "信用方案责任分工", Part.added: "督查局增列"}


class TaskUnitOut(BaseModel):
    code: str
    name: str
    role: Role = Field(description="lead 牵头/负责；co_operate 配合")
    role_label: str
    written: str = Field(description="the name as the text writes it (the collective name for its members)")
    source: str = Field(description="text: named by the text; assigned: named by the bureau for an open group")


class TaskGroupOut(BaseModel):
    id: int
    name: str = Field(description="open collective name, e.g. 各相关部门")
    role: Role = Field(description="lead 牵头/负责；co_operate 配合")
    role_label: str
    written: str
    members: list[str] = Field(description="unit codes the bureau has named (empty: unassigned)")
    assigned: bool


class TargetOut(BaseModel):
    seq: int
    metric: str
    comparison: Comparison = Field(description="ge 不低于；gt 超过；le 不超过；about 左右")
    comparison_label: str
    value: Decimal
    unit_of_measure: str = Field(description="个, 家, 亿元, %, …")
    text: str = Field(description="the words of the task it was read from")


class TaskOut(BaseModel):
    id: str
    document: str
    part: Part = Field(description="body 正文；annex 附件；credit_plan 信用方案责任分工；added 督查局增列")
    part_label: str
    number: int
    ref: str
    section: str
    text: str
    responsibility: str
    due_on: date | None
    due_basis: str | None
    origin: str = Field(description="bulletin: extracted from the bulletin; bureau: added by the bureau")
    parent_id: str | None
    subtasks: list[str]
    units: list[TaskUnitOut]
    groups: list[TaskGroupOut]
    targets: list[TargetOut]


class UnitIn(BaseModel):
    name: str = Field(min_length=1, max_length=100, description="单位代码或名称（如 fgw、市发展改革委、林州市政府）")
    role: Role = Role.lead


class TargetIn(BaseModel):
    metric: str = Field(min_length=1, max_length=200)
    comparison: Comparison = Comparison.ge
    value: Decimal = Field(ge=-(10 ** 13), le=10 ** 13, max_digits=18, decimal_places=4)
    unit_of_measure: str = Field(min_length=1, max_length=20, description="个, 家, 亿元, %, …")


class TaskIn(BaseModel):
    """A sub-task of an existing task, or a new task, with its own units, targets and date."""

    document: str = Field("市委市政府督查局交办", min_length=1, max_length=60, description="the source of the task")
    section: str = Field("", max_length=300)
    text: str = Field(min_length=1, max_length=4000)
    due_on: date | None = None
    units: list[UnitIn] = Field(min_length=1, max_length=50)
    targets: list[TargetIn] = Field(default_factory=list, max_length=20)

    model_config = {"json_schema_extra": {"examples": [{
        "document": "市委市政府督查局交办", "section": "一、全力稳定经济运行 / （一）积极扩大有效投资",
        "text": "一季度签约项目不少于30个", "due_on": "2023-03-31",
        "units": [{"name": "市发展改革委", "role": "lead"}, {"name": "林州市政府", "role": "co_operate"}],
        "targets": [{"metric": "签约项目", "comparison": "ge", "value": 30, "unit_of_measure": "个"}]}]}}


class MembersIn(BaseModel):
    members: list[str] = Field(min_length=1, max_length=60, description="单位代码或名称")

    model_config = {"json_schema_extra": {"examples": [{"members": ["市发展改革委", "市财政局"]}]}}
