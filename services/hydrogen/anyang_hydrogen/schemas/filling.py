"""Cylinder registrations and fills in the API."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from anyang_hydrogen.domain.filling import Target
from anyang_hydrogen.schemas.examples import DEMO_CYLINDER_SERIAL, DEMO_VIN

VIN = Field(pattern=r"^[A-HJ-NPR-Z0-9]{17}$", description="车辆识别代号（VIN，17位，不含I、O、Q）")


class CylinderIn(BaseModel):
    serial: str = Field(min_length=1, max_length=64, description="气瓶编号")
    vin: str = VIN
    certificate_number: str = Field(min_length=1, max_length=64, description="特种设备使用登记证编号")
    valid_until: date | None = Field(None, description="使用登记有效期至")
    next_inspection_on: date = Field(description="下次定期检验日期（TSG 23-2021）")

    model_config = {"json_schema_extra": {"examples": [{
        "serial": "CYL-2026-000123", "vin": "LSVAX4180N2000123", "certificate_number": "容3LA豫E00123(26)",
        "valid_until": "2030-12-31", "next_inspection_on": "2029-06-30"}]}}


class CylinderImportIn(BaseModel):
    items: list[CylinderIn] = Field(min_length=1, max_length=5000, description="按气瓶编号新增或更新")

    model_config = {"json_schema_extra": {"examples": [{"items": [{
        "serial": "CYL-2026-000124", "vin": "LSVAX4180N2000124", "certificate_number": "容3LA豫E00124(26)",
        "next_inspection_on": "2029-06-30"}]}]}}


class CylinderOut(BaseModel):
    id: str
    serial: str
    vin: str
    certificate_number: str
    valid_until: date | None
    next_inspection_on: date
    source: str = Field(description="recorded 市场监管部门登记 / imported 导入")


class ImportOut(BaseModel):
    created: int
    updated: int


class FillIn(BaseModel):
    cylinder_serial: str = Field(min_length=1, max_length=64, description="气瓶编号（扫码）")
    vin: str = VIN
    target: Target = Field(Target.vehicle_cylinder,
                           description="vehicle_cylinder 车用储氢瓶（罐） / other_container 其他气瓶或装置（第十五条）")
    accessories_complete: bool = Field(description="钢瓶附件齐全（第二十一条，站内检查）")
    high_pressure_leak: bool = Field(description="高压管线漏气（第二十一条，站内检查）")
    kg: float | None = Field(None, gt=0, le=1000, description="加注量（千克）")

    model_config = {"json_schema_extra": {"examples": [{
        "cylinder_serial": DEMO_CYLINDER_SERIAL, "vin": DEMO_VIN, "accessories_complete": True,
        "high_pressure_leak": False, "kg": 6.5}]}}


class FillOut(BaseModel):
    id: str
    station_id: str
    cylinder_id: str
    serial: str
    vin: str
    certificate_number: str
    kg: float | None
    filled_at: datetime
    authorised: bool = Field(True, description="已授权并记录（拒绝时返回 422 并指明规则）")
    basis: str
