"""Credit commitments (信用承诺, CP 三（四）): the open window for 主动公示型, fulfilment and breach."""

from __future__ import annotations

from fastapi import APIRouter, Request

from anyang_credit.domain.commitments import BASIS_RECORD, deadline_passed
from anyang_credit.domain.public import public_name, public_text
from anyang_credit.domain.vocab import CommitmentStatus, CommitmentType
from anyang_credit.models.commitments import CreditCommitment
from anyang_credit.models.subjects import Subject
from anyang_credit.schemas.coded import labelled
from anyang_credit.schemas.commitments import BreachIn, CommitmentIn, CommitmentOut, FulfilmentIn
from anyang_credit.service import commitments as svc
from anyang_credit.service.subjects import vault_of
from govkit.auth import OptionalPrincipalDep, PrincipalDep
from govkit.clock import business_date, utcnow
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/commitments", tags=["commitments 信用承诺"])
public = APIRouter(prefix="/public/commitments", tags=["public 公开"])


def commitment_out(c: CreditCommitment, subject: Subject, *, public_view: bool = False) -> CommitmentOut:
    person = subject.code is None
    view = svc.domain_view(c, subject.id)
    return CommitmentOut(
        id=c.id, subject_code=subject.code or subject.code_masked,
        subject_name=public_name(subject.name, person and public_view),
        **labelled("type", c.type), content=public_text(c.content) if public_view else c.content,
        liability_on_breach=c.liability_on_breach,
        department=c.department,
        made_on=c.made_on, deadline=c.deadline, deadline_passed=deadline_passed(view, business_date()).value,
        **labelled("status", c.status), status_changed_on=c.status_changed_on, status_reason=c.status_reason,
        record_id=c.record_id, outcome_record_id=c.outcome_record_id, basis=BASIS_RECORD)


@router.post("", response_model=CommitmentOut, status_code=201,
             summary="作出信用承诺 / Make a commitment (the subject) or record one made to the department")
async def make_commitment(body: CommitmentIn, request: Request, session: SessionDep, principal: PrincipalDep):
    """An enterprise or person commits in its own name (the 主动公示型 open window: type
    voluntary_disclosure); a department records a commitment made to it. The liability accepted on breach is
    required (安政办〔2023〕1号（三）); 容缺受理型 and 审批替代型 need a fulfilment deadline.
    Example: as ent-demo1 in the open window."""
    c, subject = await svc.make_commitment(session=session, principal=principal,
                                           vault=vault_of(request.app.state.settings), data=body, now=utcnow())
    return commitment_out(c, subject)


@router.get("", response_model=Page[CommitmentOut],
            summary="承诺列表 / Commitments made to the department, or the subject's own")
async def list_commitments(request: Request, session: SessionDep, principal: PrincipalDep, page: PageDep,
                           type: CommitmentType | None = None, status: CommitmentStatus | None = None):
    rows, total = await svc.list_commitments(session=session, principal=principal,
                                             vault=vault_of(request.app.state.settings), public_only=False,
                                             type_=type, status=status, limit=page.limit, offset=page.offset)
    return Page(items=[commitment_out(c, s) for c, s in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/{commitment_id}/fulfilment", response_model=CommitmentOut,
             summary="确认履约 / Confirm fulfilment (the department it was made to)")
async def fulfil_commitment(commitment_id: str, body: FulfilmentIn, session: SessionDep, principal: PrincipalDep):
    """Example: as dept-fgw on a 主动公示型 commitment made in the open window."""
    c, subject = await svc.fulfil_commitment(session=session, principal=principal, commitment_id=commitment_id,
                                             on=body.on, now=utcnow())
    return commitment_out(c, subject)


@router.post("/{commitment_id}/breach", response_model=CommitmentOut,
             summary="认定违约（记入失信记录） / Find a breach: a negative record (the department it was made to)")
async def breach_commitment(commitment_id: str, body: BreachIn, session: SessionDep, principal: PrincipalDep):
    """Example: as dept-fgw on a 主动公示型 commitment made in the open window."""
    c, subject = await svc.breach_commitment(session=session, principal=principal, commitment_id=commitment_id,
                                             on=body.on, reason=body.reason, now=utcnow())
    return commitment_out(c, subject)


@public.get("", response_model=Page[CommitmentOut],
            summary="主动公示型信用承诺（免登录） / Voluntarily published commitments (no login)")
async def list_public_commitments(session: SessionDep, page: PageDep, _principal: OptionalPrincipalDep,
                                  status: CommitmentStatus | None = None):
    rows, total = await svc.list_commitments(session=session, principal=None, vault=None, public_only=True,
                                             type_=None, status=status, limit=page.limit, offset=page.offset)
    return Page(items=[commitment_out(c, s, public_view=True) for c, s in rows], total=total, limit=page.limit,
                offset=page.offset)
