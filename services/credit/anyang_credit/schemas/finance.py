"""信易贷 authorisations, queries, outcomes."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from anyang_credit.domain.vocab import AuthorisationScope, AuthorisationStatus, LoanKind, QueryOutcome
from anyang_credit.schemas import examples as ex
from anyang_credit.schemas.coded import Coded, codes
from anyang_credit.schemas.examples import example
from anyang_credit.schemas.reports import ReportOut
from govkit.auth import PrincipalKind
from govkit.ids import USCC


class AuthorisationIn(BaseModel):
    model_config = example(ex.AUTHORISATION)
    grantee_code: USCC = Field(description="USCC of the financial institution or supply-chain core enterprise")
    grantee_name: str = ""
    scope: AuthorisationScope = codes(AuthorisationScope, "授权范围")
    valid_from: date
    valid_until: date = Field(description="last day of validity (inclusive)")
    purpose: str = ""


class OutcomeIn(BaseModel):
    model_config = example(ex.OUTCOME)
    subject_code: USCC
    loan_granted: bool
    amount_fen: int | None = Field(None, gt=0, description="loan amount in CNY fen")
    loan_kind: LoanKind | None = codes(LoanKind, "贷款方式", default=None)
    first_loan: bool = False
    decided_on: date
    reference: str = ""


class FreeOfChargeOut(BaseModel):
    zh: str
    en: str
    basis: str


class AuthorisationOut(Coded):
    id: str
    grantee_code: str
    grantee_name: str
    scope: AuthorisationScope = codes(AuthorisationScope, "授权范围")
    scope_label: str
    valid_from: date
    valid_until: date
    purpose: str
    granted_at: datetime
    revoked_at: datetime | None
    status: AuthorisationStatus = codes(AuthorisationStatus, "授权状态")
    status_label: str
    free_of_charge: FreeOfChargeOut | None = None


class CreditFileOut(BaseModel):
    authorisation_id: str
    file: ReportOut
    free_of_charge: FreeOfChargeOut


class QueryLogEntryOut(Coded):
    id: str
    querier_code: str
    querier_kind: PrincipalKind = codes(PrincipalKind, "查询方类型")
    querier_kind_label: str
    querier_name: str
    what: str
    outcome: QueryOutcome = codes(QueryOutcome, "查询结果")
    outcome_label: str
    authorisation_id: str | None
    purpose: str
    at: datetime


class OutcomeOut(Coded):
    id: str
    subject_code: str
    institution_code: str
    loan_granted: bool
    amount_fen: int | None
    loan_kind: LoanKind | None = codes(LoanKind, "贷款方式")
    loan_kind_label: str | None
    first_loan: bool
    decided_on: date


class LoanCount(BaseModel):
    count: int
    amount_fen: int


class InstitutionVolume(BaseModel):
    institution_code: str
    decisions: int
    loans: int
    amount_fen: int


class FinancingSummaryOut(BaseModel):
    """信易贷 volume for the city (CP 二（二）1): decisions, loans, credit/secured/first loans, per institution."""

    model_config = ConfigDict(populate_by_name=True)
    period_from: date | None = Field(None, alias="from")
    period_to: date | None = Field(None, alias="to")
    decisions: int
    loans: int
    declined: int
    amount_fen: int
    credit_loans: LoanCount
    secured_loans: LoanCount
    first_loans: LoanCount
    borrowers: int
    by_institution: list[InstitutionVolume]
    authorised_queries_total: int
    free_of_charge: FreeOfChargeOut
