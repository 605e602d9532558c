"""Objections (异议): a subject objects to its own record; the reporting department answers."""

from __future__ import annotations

from fastapi import APIRouter, Request

from anyang_credit.domain.vocab import ObjectionStatus
from anyang_credit.models.objections import Objection
from anyang_credit.schemas.coded import labelled
from anyang_credit.schemas.objections import ObjectionAnswerIn, ObjectionIn, ObjectionOut
from anyang_credit.service import objections as svc
from anyang_credit.service.subjects import vault_of
from govkit.auth import PrincipalDep
from govkit.clock import utcnow
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/objections", tags=["objections 异议"])


def objection_out(o: Objection) -> ObjectionOut:
    return ObjectionOut(id=o.id, record_id=o.record_id, department=o.department, reason=o.reason,
                        evidence=o.evidence, **labelled("status", o.status), **labelled("outcome", o.outcome),
                        answer=o.answer,
                        submitted_at=o.submitted_at, answered_at=o.answered_at)


@router.post("", response_model=ObjectionOut, status_code=201,
             summary="对本主体的记录提出异议 / Object to one of the caller's own records")
async def file_objection(body: ObjectionIn, request: Request, session: SessionDep, principal: PrincipalDep):
    """While open, the record is marked disputed on the public view.
    Example: as ent-demo2 on its demo penalty (the same objection sent again answers the open one)."""
    o = await svc.file_objection(session=session, principal=principal,
                                 vault=vault_of(request.app.state.settings), data=body, now=utcnow())
    return objection_out(o)


@router.get("", response_model=Page[ObjectionOut],
            summary="异议列表 / Objections to the department's records, or the subject's own")
async def list_objections(request: Request, session: SessionDep, principal: PrincipalDep, page: PageDep,
                          status: ObjectionStatus | None = None):
    rows, total = await svc.list_objections(session=session, principal=principal,
                                            vault=vault_of(request.app.state.settings), status=status,
                                            limit=page.limit, offset=page.offset)
    return Page(items=[objection_out(o) for o in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/{objection_id}/answer", response_model=ObjectionOut,
             summary="答复异议：维持 / 更正 / 撤回 / Answer: uphold, correct or withdraw (reporting department)")
async def answer_objection(objection_id: str, body: ObjectionAnswerIn, session: SessionDep,
                           principal: PrincipalDep):
    """`correct` and `withdraw` go through the correction path: the previous state is kept as a version.
    Example: as dept-scjg on an objection to its record."""
    o = await svc.answer_objection(session=session, principal=principal, objection_id=objection_id,
                                   data=body, now=utcnow())
    return objection_out(o)
