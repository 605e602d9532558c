"""Construction parties and completion acceptance in the API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from anyang_hydrogen.domain.construction import PartyRole
from anyang_hydrogen.schemas.stations import Channel
from govkit.ids import USCC


class PartyIn(BaseModel):
    role: PartyRole = Field(description="第十条：designer 设计单位 / builder 施工单位 / supervisor 监理单位")
    name: str = Field(min_length=1, max_length=200)
    code: USCC = Field(description="统一社会信用代码")
    qualification: str = Field(min_length=1, max_length=200, description="资质名称及等级")
    certificate_number: str = Field(min_length=1, max_length=100, description="资质证书编号")

    model_config = {"json_schema_extra": {"examples": [{
        "role": "builder", "name": "安阳建设示范有限公司", "code": "91410500MA44GT012H",
        "qualification": "石油化工工程施工总承包二级", "certificate_number": "D241000001"}]}}


class PartyOut(BaseModel):
    id: str
    station_id: str
    role: PartyRole
    role_label: str
    name: str
    code: str
    qualification: str
    certificate_number: str


class AcceptanceIn(BaseModel):
    accepted_on: date = Field(description="竣工验收合格之日")
    evaluation_agency: str = Field(min_length=1, max_length=200, description="出具安全验收评价报告的安全评价机构")
    evaluation_report_number: str = Field(min_length=1, max_length=100, description="《安全验收评价报告》编号")
    summary: str = Field("竣工验收合格", max_length=2000)
    reported_on: date | None = Field(
        None, description="报县级燃气主管部门备案之日：网上报送为当日（服务时钟）；纸质报送由县级主管部门录入")

    model_config = {"json_schema_extra": {"examples": [{
        "accepted_on": "2026-11-25", "evaluation_agency": "河南安评示范有限公司",
        "evaluation_report_number": "豫安评〔2026〕88号"}]}}


class AcceptanceOut(BaseModel):
    id: str
    station_id: str
    accepted_on: date
    evaluation_agency: str
    evaluation_report_number: str
    summary: str
    reported_on: date
    report_due: date
    due_provisional: bool
    due_basis: str
    report_late: bool = Field(description="晚于竣工验收合格之日起15日报送（第十一条）")
    channel: Channel = Field(description="online 网上报送 / paper 纸质报送")
    channel_label: str


class TransitionIn(BaseModel):
    reason: str = Field("", max_length=1000)

    model_config = {"json_schema_extra": {"examples": [{"reason": "设计、施工、监理单位已登记，开工建设"}]}}
