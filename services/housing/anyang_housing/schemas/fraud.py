"""Fraud cases in the API (the person's ID number is shown masked only)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field, model_validator

from anyang_housing.schemas.vocab import FRAUD_STATUS_LABELS, FraudStatus, described
from govkit.i18n import t
from govkit.ids import ResidentId


class FraudCaseIn(BaseModel):
    application_id: str | None = Field(None, description="涉案申请（与 id_number 二选一）")
    id_number: ResidentId | None = None
    person_name: str = Field("", max_length=100)
    facts: str = Field(min_length=1, max_length=4000, description="涉嫌骗取保障性住房的事实")

    model_config = {"json_schema_extra": {"examples": [{
        "id_number": "410502198506150026", "person_name": "示范市民", "facts": "隐瞒在市区自有住房一套"}]}}

    @model_validator(mode="after")
    def _one_subject(self):
        if not self.application_id and not self.id_number:
            raise ValueError(
                t(
                    "须填写涉案申请 application_id 或当事人身份证号 id_number",
                    "Give application_id or id_number",
                )
            )
        return self


class ConfirmationIn(BaseModel):
    decision_number: str = Field(min_length=1, max_length=100, description="认定决定文号")
    decided_on: date
    facts: str | None = Field(None, max_length=4000, description="认定的事实（默认立案时的事实）")

    model_config = {"json_schema_extra": {"examples": [{
        "decision_number": "安住建保〔2023〕8号", "decided_on": "2023-04-10"}]}}


class FraudCaseOut(BaseModel):
    id: str
    application_id: str | None
    person_name: str
    person_id_masked: str
    facts: str
    status: FraudStatus = Field(description=described(FRAUD_STATUS_LABELS))
    status_label: str
    department: str
    decision_number: str | None
    decided_on: date | None
