"""信易贷: the subject's authorisations, authorised queries of the full file (logged, visible to the subject),
financing outcomes and the city's summary. Free of charge."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request

from anyang_credit.api.deps import VaultDep, page_of
from anyang_credit.models.finance import Authorisation
from anyang_credit.schemas.finance import (
    AuthorisationIn,
    AuthorisationOut,
    CreditFileOut,
    FinancingSummaryOut,
    FreeOfChargeOut,
    OutcomeIn,
    OutcomeOut,
    QueryLogEntryOut,
)
from anyang_credit.service import finance as svc
from anyang_credit.service import reports as report_svc
from anyang_credit.service.access import require_credit_lead, require_self
from anyang_credit.service.subjects import require_subject
from govkit.auth import Principal, PrincipalDep, PrincipalKind
from govkit.clock import business_date
from govkit.db import SessionDep
from govkit.errors import Forbidden
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/finance", tags=["finance 信易贷"])


def _auth_view(a: Authorisation, on: date) -> AuthorisationOut:
    return AuthorisationOut(id=a.id, grantee_code=a.grantee, grantee_name=a.grantee_name, scope=a.scope,
                            valid_from=a.valid_from, valid_until=a.valid_until, purpose=a.purpose,
                            granted_at=a.granted_at, revoked_at=a.revoked_at, status=svc.status_of(a, on))


def _require_subject_principal(principal: Principal) -> None:
    if principal.kind not in (PrincipalKind.enterprise, PrincipalKind.person):
        raise Forbidden("仅信用主体本人可以办理", "Only the subject itself")


def _require_querier(principal: Principal) -> None:
    if not svc.is_querier(principal):
        raise Forbidden(
            "仅限金融机构和持有 credit.finance_query 的供应链核心企业",
            "Only financial institutions and core enterprises holding credit.finance_query",
        )


@router.post("/authorisations", status_code=201,
             summary="信易贷授权 / Authorise an institution or core enterprise (scope, validity)")
async def grant_authorisation(vault: VaultDep,
    body: AuthorisationIn, request: Request, session: SessionDep, principal: PrincipalDep
) -> AuthorisationOut:
    """The enterprise (or person) authorises an institution / core enterprise: scope and validity.
    Example: as ent-demo1 authorising core-demo."""
    _require_subject_principal(principal)
    row = await svc.grant(session=session, principal=principal, vault=vault, data=body.model_dump())
    out = _auth_view(row, business_date())
    out.free_of_charge = FreeOfChargeOut(**svc.free_of_charge())
    return out


@router.get("/authorisations",
            summary="授权列表 / The subject's own authorisations, or those granted to the institution")
async def list_authorisations(session: SessionDep, principal: PrincipalDep, vault: VaultDep, page: PageDep
                              ) -> Page[AuthorisationOut]:
    """The subject's own authorisations, or those granted to the calling institution."""
    if svc.is_querier(principal):
        rows = await svc.authorisations_granted_to(session, principal.org)
    else:
        _require_subject_principal(principal)
        subject = await require_subject(session, vault, principal.org)
        rows = await svc.authorisations_of(session, subject)
    return page_of([_auth_view(a, business_date()) for a in rows], page)


@router.post("/authorisations/{authorisation_id}/revocation", summary="撤销授权 / Revoke an authorisation")
async def revoke_authorisation(vault: VaultDep,
    authorisation_id: str, request: Request, session: SessionDep, principal: PrincipalDep
) -> AuthorisationOut:
    _require_subject_principal(principal)
    subject = await require_subject(session, vault, principal.org)
    await session.commit()
    row = await svc.revoke(
        session=session, principal=principal, subject=subject, authorisation_id=authorisation_id
    )
    return _auth_view(row, business_date())


@router.get("/files/{subject_code}",
            summary="查询企业信用档案（需授权） / Query an enterprise's credit file with its authorisation")
async def query_credit_file(vault: VaultDep,
    subject_code: str,
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    purpose: str = "",
    as_of: date | None = None,
) -> CreditFileOut:
    """The enterprise's full credit file, only with its valid authorisation (scope full_file); logged."""
    _require_querier(principal)
    subject = await require_subject(session, vault, subject_code)
    await session.commit()
    auth = await svc.require_authorisation(
        sessionmaker=request.app.state.sessionmaker,
        principal=principal,
        subject=subject,
        vault=vault,
        what="full_file",
        purpose=purpose,
    )
    report = await report_svc.issue(
        session=session,
        vault=vault,
        secret=request.app.state.settings.report_secret,
        subject=subject,
        as_of=as_of or business_date(),
        version="full",
        issued_to=principal.org,
    )
    return CreditFileOut(authorisation_id=auth.id, file=report, free_of_charge=svc.free_of_charge())


@router.get("/query-log",
            summary="本主体被查询记录 / Who queried the caller's credit file, when and under which authorisation")
async def get_query_log(session: SessionDep, principal: PrincipalDep, vault: VaultDep, page: PageDep
                        ) -> Page[QueryLogEntryOut]:
    """Who queried my credit file, when, under which authorisation (the subject itself)."""
    _require_subject_principal(principal)
    subject = await require_subject(session, vault, principal.org)
    require_self(principal, principal.org)
    rows = await svc.query_log(session, subject)
    return page_of([QueryLogEntryOut(id=q.id, querier_code=q.querier, querier_kind=q.querier_kind,
                                     querier_name=q.querier_name, what=q.what, outcome=q.outcome,
                                     authorisation_id=q.authorisation_id, purpose=q.purpose, at=q.at)
                    for q in rows], page)


@router.post("/outcomes", status_code=201,
             summary="报送融资结果 / Report a financing decision (loan, amount, credit or secured)")
async def report_financing_outcome(vault: VaultDep,
    body: OutcomeIn, request: Request, session: SessionDep, principal: PrincipalDep
) -> OutcomeOut:
    """An institution reports a financing decision (loan granted, amount, credit / secured, first loan).
    Example: as bank-demo (the demo enterprise 安阳钢铁 authorised it)."""
    _require_querier(principal)
    subject = await require_subject(session, vault, body.subject_code)
    await session.commit()
    row = await svc.record_outcome(
        session=session, principal=principal, subject=subject, data=body.model_dump()
    )
    return OutcomeOut(id=row.id, subject_code=body.subject_code, institution_code=row.institution,
                      loan_granted=row.loan_granted, amount_fen=row.amount_fen, loan_kind=row.loan_kind,
                      first_loan=row.first_loan, decided_on=row.decided_on)


@router.get("/summary", summary="信易贷统计 / 信易贷 volume for the city")
async def financing_summary(
    session: SessionDep, principal: PrincipalDep, start: date | None = None, end: date | None = None
) -> FinancingSummaryOut:
    """信易贷 volume for the city (fgw)."""
    require_credit_lead(principal)
    return FinancingSummaryOut(**await svc.summary(session, start, end))
