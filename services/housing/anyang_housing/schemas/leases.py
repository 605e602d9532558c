"""Offers, leases and the residence-permit proof in the API (安政办〔2023〕7号 三（一）, 四（四）)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field, model_validator

from anyang_housing.schemas.projects import Verdict
from anyang_housing.schemas.vocab import (
    LEASE_STATUS_LABELS,
    OFFER_STATUS_LABELS,
    LeaseStatus,
    OfferStatus,
    described,
)
from govkit.i18n import t


class OfferIn(BaseModel):
    unit_id: str | None = Field(None, min_length=1, max_length=36, description="房源 id（或填房号 unit_number）")
    unit_number: str | None = Field(None, min_length=1, max_length=40, description="房号")
    application_id: str | None = Field(
        None, max_length=36,
        description="人才公寓由主管单位指定申请；其他项目按轮候顺序自动选取（如填写须为队首）")

    model_config = {"json_schema_extra": {"examples": [{"unit_number": "1-102"}]}}

    @model_validator(mode="after")
    def _one_unit(self):
        if not (self.unit_id or self.unit_number):
            raise ValueError(t("须填写房源 unit_id 或房号 unit_number", "Give unit_id or unit_number"))
        return self


class RefusalIn(BaseModel):
    reason: str = Field("", max_length=2000)

    model_config = {"json_schema_extra": {"examples": [{"reason": "离工作地点太远"}]}}


class LeaseIn(BaseModel):
    start_on: date
    end_on: date

    model_config = {"json_schema_extra": {"examples": [{"start_on": "2023-03-01", "end_on": "2023-08-31"}]}}


class OfferOut(BaseModel):
    id: str
    application_id: str
    unit_id: str
    project_id: str
    status: OfferStatus = Field(description=described(OFFER_STATUS_LABELS))
    status_label: str
    basis: dict[str, Any]
    offered_at: datetime
    answered_at: datetime | None
    reason: str | None
    rule: str | None = Field(None, description="拒绝配租的处理规则")


class LeaseOut(BaseModel):
    id: str
    offer_id: str
    application_id: str
    unit_id: str
    project_id: str
    tenant_name: str
    tenant_id_masked: str
    monthly_rent_fen: int
    start_on: date
    end_on: date
    status: LeaseStatus = Field(description=described(LEASE_STATUS_LABELS))
    status_label: str
    filing_number: str | None
    filed_on: date | None
    ended_on: date | None
    end_reason: str | None


class ResidencePermitProof(BaseModel):
    lease_id: str
    tenant_name: str
    tenant_id_masked: str
    qualifies: bool
    verdict: Verdict
