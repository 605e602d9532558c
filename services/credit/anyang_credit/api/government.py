"""政务诚信: the list of unhonoured government commitments and the forced disclosure of overdue payments to
SMEs (public), kept by the credit lead (credit.admin)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request

from anyang_credit.domain import government as rules
from anyang_credit.domain.public import public_text
from anyang_credit.models.government import GovernmentCommitment
from anyang_credit.models.subjects import Subject
from anyang_credit.schemas.coded import labelled
from anyang_credit.schemas.government import (
    AccountChangeIn,
    DisclosureOut,
    GovernmentBreakIn,
    GovernmentCommitmentIn,
    GovernmentCommitmentOut,
    GovernmentFulfilmentIn,
    OverdueAccountIn,
)
from anyang_credit.service import government as svc
from anyang_credit.service.subjects import vault_of
from govkit.auth import OptionalPrincipalDep, PrincipalDep, PrincipalKind, require
from govkit.clock import business_date, utcnow
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/government", tags=["government 政务诚信"])
public = APIRouter(prefix="/public/government", tags=["public 公开"])


def _admin(principal) -> None:
    require(principal, kinds=(PrincipalKind.department,), scope="credit.admin")


def commitment_out(c: GovernmentCommitment, body: Subject, as_of: date) -> GovernmentCommitmentOut:
    decision = rules.overdue_flag(svc.domain_commitment(c, body), as_of)
    return GovernmentCommitmentOut(
        id=c.id, body_code=body.code or "", body_name=body.name, content=c.content, measures=c.measures,
        deadline=c.deadline, listed_on=c.listed_on, **labelled("status", c.status),
        overdue=decision.value and c.status == "listed", overdue_decision=decision.as_dict(),
        fulfilled_on=c.fulfilled_on, broken_on=c.broken_on, record_id=c.record_id)


def disclosure_out(account, debtor: Subject, domain_account, as_of: date) -> DisclosureOut:
    out = rules.disclosure(domain_account, as_of)
    out.update(debtor_code=debtor.code, debtor_name=debtor.name, creditor_name=account.creditor_name)
    for item in out["history"]:
        item["kind_label"] = labelled("kind", item["kind"])["kind_label"]
    return DisclosureOut(**out)


def public_commitment(out: GovernmentCommitmentOut) -> GovernmentCommitmentOut:
    """The public list through the one public projection (domain/public.py): free texts masked."""
    return out.model_copy(update={"content": public_text(out.content), "measures": public_text(out.measures)})


def public_disclosure(out: DisclosureOut) -> DisclosureOut:
    """The public disclosure through the one public projection: the changes' reasons masked."""
    history = [h.model_copy(update={"reason": public_text(h.reason)}) for h in out.history]
    return out.model_copy(update={"history": history})


@router.post("/commitments", response_model=GovernmentCommitmentOut, status_code=201,
             summary="列入未履行政府承诺清单 / List an unhonoured government commitment (credit.admin)")
async def list_government_commitment(body: GovernmentCommitmentIn, request: Request, session: SessionDep,
                                     principal: PrincipalDep):
    """Example: as dept-fgw."""
    _admin(principal)
    c, b = await svc.list_commitment(session=session, principal=principal,
                                     vault=vault_of(request.app.state.settings), data=body, now=utcnow())
    return commitment_out(c, b, business_date())


@router.post("/commitments/{commitment_id}/fulfilment", response_model=GovernmentCommitmentOut,
             summary="政府承诺已履行 / The commitment is honoured (credit.admin)")
async def honour_government_commitment(commitment_id: str, body: GovernmentFulfilmentIn, session: SessionDep,
                                       principal: PrincipalDep):
    """Example: as dept-fgw."""
    _admin(principal)
    c, b = await svc.honour_commitment(session=session, commitment_id=commitment_id, on=body.on, now=utcnow())
    return commitment_out(c, b, business_date())


@router.post("/commitments/{commitment_id}/broken", response_model=GovernmentCommitmentOut,
             summary="认定政务失信 / The commitment is broken: a government-dishonesty record (credit.admin)")
async def break_government_commitment(commitment_id: str, body: GovernmentBreakIn, session: SessionDep,
                                      principal: PrincipalDep):
    """Example: as dept-fgw."""
    _admin(principal)
    c, b = await svc.break_commitment(session=session, principal=principal, commitment_id=commitment_id,
                                      on=body.on, reason=body.reason, now=utcnow())
    return commitment_out(c, b, business_date())


@public.get("/commitments", response_model=Page[GovernmentCommitmentOut],
            summary="未履行的政府承诺清单（免登录） / Unhonoured government commitments with overdue flags")
async def list_public_government_commitments(session: SessionDep, _principal: OptionalPrincipalDep, page: PageDep,
                                             as_of: Annotated[date | None, Query()] = None,
                                             include_closed: bool = False):
    as_of = as_of or business_date()
    rows, total = await svc.government_commitments(session, include_closed, page)
    return Page(items=[public_commitment(commitment_out(c, b, as_of)) for c, b in rows], total=total,
                limit=page.limit, offset=page.offset)


@router.post("/overdue-payments", status_code=201,
             summary="登记逾期未支付中小企业账款 / Record an overdue payment to an SME (credit.admin)")
async def open_overdue_payment(body: OverdueAccountIn, request: Request, session: SessionDep,
                               principal: PrincipalDep) -> DisclosureOut:
    """Example: as dept-fgw."""
    _admin(principal)
    account, debtor, domain_account = await svc.open_account(
        session=session, principal=principal, vault=vault_of(request.app.state.settings), data=body,
        now=utcnow())
    return disclosure_out(account, debtor, domain_account, body.on or business_date())


@router.post("/overdue-payments/{account_id}/changes",
             summary="欠款变更（支付、改为有争议、争议解决） / A change: payment, reclassification, resolution")
async def change_overdue_payment(account_id: str, body: AccountChangeIn, session: SessionDep,
                                 principal: PrincipalDep) -> DisclosureOut:
    """Example: as dept-fgw."""
    _admin(principal)
    account, debtor, domain_account = await svc.change_account(
        session=session, principal=principal, account_id=account_id, data=body, now=utcnow())
    return disclosure_out(account, debtor, domain_account, max(body.on or business_date(), business_date()))


@public.get("/overdue-payments",
            summary="逾期未支付中小企业账款强制披露（免登录） / Forced disclosure of overdue payments to SMEs")
async def disclose_overdue_payments(session: SessionDep, _principal: OptionalPrincipalDep, page: PageDep,
                                    as_of: Annotated[date | None, Query()] = None) -> Page[DisclosureOut]:
    """Undisputed and disputed amounts apart (never merged), amounts moved from undisputed to disputed shown,
    every change in the history (安政办〔2023〕1号（二十二）)."""
    as_of = as_of or business_date()
    rows, total = await svc.accounts(session, page)
    return Page(items=[public_disclosure(disclosure_out(a, d, da, as_of)) for a, d, da in rows], total=total,
                limit=page.limit, offset=page.offset)
