"""政务诚信 in and out: unhonoured government commitments, overdue payments to SMEs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from anyang_credit.domain.government import AccountEventKind
from anyang_credit.domain.vocab import GovernmentCommitmentStatus
from anyang_credit.schemas import examples as ex
from anyang_credit.schemas.coded import codes
from anyang_credit.schemas.examples import example
from govkit.ids import USCC


class GovernmentCommitmentIn(BaseModel):
    model_config = ConfigDict(**example(ex.GOVERNMENT_COMMITMENT), extra="forbid")
    body_code: USCC = Field(description="the government body's USCC (a government_body subject)")
    body_name: str = Field(min_length=1, max_length=200)
    content: str = Field(min_length=1, max_length=5000)
    measures: str = Field(min_length=1, max_length=5000, description="整改措施")
    deadline: date = Field(description="完成期限")
    listed_on: date | None = None


class GovernmentFulfilmentIn(BaseModel):
    model_config = example(ex.FULFILMENT)
    on: date | None = None


class GovernmentBreakIn(BaseModel):
    model_config = example(ex.GOVERNMENT_BREAK)
    on: date | None = None
    reason: str = Field(min_length=1, max_length=2000)


class GovernmentCommitmentOut(BaseModel):
    id: str
    body_code: str
    body_name: str
    content: str
    measures: str
    deadline: date
    listed_on: date
    status: GovernmentCommitmentStatus = codes(GovernmentCommitmentStatus)
    status_label: str
    overdue: bool
    overdue_decision: dict[str, Any]
    fulfilled_on: date | None
    broken_on: date | None
    record_id: str | None


class OverdueAccountIn(BaseModel):
    model_config = ConfigDict(**example(ex.OVERDUE_ACCOUNT), extra="forbid")
    debtor_code: USCC = Field(description="the government body's USCC")
    debtor_name: str = Field(min_length=1, max_length=200)
    creditor_code: USCC = Field(description="the SME's USCC")
    creditor_name: str = Field(min_length=1, max_length=200)
    contract_ref: str = Field(min_length=1, max_length=200)
    payment_due: date
    undisputed_amount: Decimal | None = Field(None, description="yuan, 2 decimals")
    disputed_amount: Decimal | None = Field(None, description="yuan, 2 decimals")
    on: date | None = None


class AccountChangeIn(BaseModel):
    model_config = ConfigDict(**example(ex.ACCOUNT_CHANGE), extra="forbid")
    kind: AccountEventKind = codes(AccountEventKind, "变更类型")
    part: str | None = Field(None, description="undisputed | disputed (for recorded and paid)")
    amount: Decimal
    on: date | None = None
    reason: str = Field("", max_length=2000)


class AccountChangeOut(BaseModel):
    kind: AccountEventKind = codes(AccountEventKind, "变更类型")
    kind_label: str
    amount: str = Field(description="yuan, exact decimal text")
    on: date
    by: str
    part: str | None
    reason: str


class DisclosureOut(BaseModel):
    """The forced disclosure of an overdue payment to an SME (安政办〔2023〕1号（二十二）): undisputed and
    disputed amounts apart, never merged, with every change."""

    account_id: str
    debtor_body: str
    debtor_code: str | None
    debtor_name: str
    creditor_code: str
    creditor_name: str
    contract_ref: str
    payment_due: date
    as_of: date
    undisputed_outstanding: str = Field(description="yuan, exact decimal text")
    disputed_outstanding: str = Field(description="yuan, exact decimal text")
    reclassified_undisputed_to_disputed: str = Field(description="yuan moved from undisputed to disputed")
    overdue: bool
    history: list[AccountChangeOut]
    basis: str
