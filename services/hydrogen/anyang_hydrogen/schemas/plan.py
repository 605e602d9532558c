"""Plan sites in the API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from anyang_hydrogen.schemas.stations import LAT, LON


class PlanSiteIn(BaseModel):
    region: str = Field(pattern=r"^\d{6}$", description="点位所在县（市、区）或功能区代码")
    name: str = Field(min_length=1, max_length=200)
    address: str = Field(min_length=1, max_length=300)
    latitude: float | None = LAT
    longitude: float | None = LON
    added_under_art27: bool = Field(False, description="第二十七条新增点位（须经市政府同意）")
    approval_number: str | None = Field(None, max_length=100, description="市政府同意文号（第二十七条）")
    approved_on: date | None = Field(None, description="市政府同意之日（第二十七条）")

    model_config = {"json_schema_extra": {"examples": [{
        "region": "410502", "name": "光明路加氢站点位", "address": "安阳市文峰区光明路88号",
        "latitude": 36.0866, "longitude": 114.3835}]}}


class PlanSiteOut(BaseModel):
    id: str
    plan_area: str = Field(description="所属规划：410500 市区（含功能区）或县（市）代码")
    plan_area_name: str
    region: str
    region_name: str
    name: str
    address: str
    latitude: float | None = Field(description="WGS-84")
    longitude: float | None = Field(description="WGS-84")
    added_under_art27: bool
    approval_number: str | None
    approved_on: date | None
    basis: str
