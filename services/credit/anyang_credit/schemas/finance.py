"""信易贷 authorisations, queries, outcomes."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from govkit.ids import USCC


class AuthorisationIn(BaseModel):
    grantee: USCC = Field(description="USCC of the financial institution or supply-chain core enterprise")
    grantee_name: str = ""
    scope: Literal["full_file", "report"]
    valid_from: date
    valid_until: date = Field(description="last day of validity (inclusive)")
    purpose: str = ""


class OutcomeIn(BaseModel):
    subject_code: USCC
    loan_granted: bool
    amount_fen: int | None = Field(None, gt=0, description="loan amount in CNY fen")
    loan_kind: Literal["credit", "secured"] | None = None
    first_loan: bool = False
    decided_on: date
    reference: str = ""
