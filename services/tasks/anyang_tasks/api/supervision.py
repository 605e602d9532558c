"""Supervision items (督办单): the supervision bureau sees all, a unit its own."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from anyang_tasks.domain.supervision import STATUS_LABELS
from anyang_tasks.models.supervision import SupervisionItem
from anyang_tasks.schemas.supervision import AnswerIn, ClosureIn, ItemIn, ItemOut
from anyang_tasks.service import supervision as svc
from govkit.auth import PrincipalDep
from govkit.clock import business_date
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/supervision-items", tags=["supervision"])


def item_out(i: SupervisionItem) -> ItemOut:
    return ItemOut(
        id=i.id,
        source=i.source,
        source_ref=i.source_ref,
        department=i.department,
        department_name=i.department_name,
        reason=i.reason,
        basis=i.basis,
        details=i.details,
        status=i.status,
        status_label=STATUS_LABELS[i.status],
        raised_on=i.raised_on,
        answer_due=i.answer_due,
        answer_due_basis=i.answer_due_basis,
        answer_due_provisional=i.answer_due_provisional,
        answer_due_set_by=i.answer_due_set_by,
        task_id=i.task_id,
        overdue=i.status == "open" and business_date() > i.answer_due,
        answer=i.answer,
        answered_at=i.answered_at,
        closing_note=i.closing_note,
        closed_at=i.closed_at,
    )


@router.get("", response_model=Page[ItemOut],
            summary="督办单列表 / Supervision items (the bureau: all; a department: its own)")
async def list_supervision_items(
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    department: str | None = None,
    status: Annotated[str | None, Query(pattern="^(open|answered|closed)$")] = None,
    overdue: Annotated[bool | None, Query(description="true: open past the answer deadline")] = None,
) -> Page[ItemOut]:
    """The supervision bureau (tasks.supervisor) and city leaders (tasks.read_all): every item, filterable
    by department; a department: its own. `overdue=true` lists items open past their answer deadline."""
    rows, total = await svc.list_items(
        session=session,
        principal=principal,
        limit=page.limit,
        offset=page.offset,
        department=department,
        status=status,
        overdue=overdue,
    )
    return Page(items=[item_out(i) for i in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("", status_code=201, response_model=ItemOut, summary="下发督办单 / Issue a supervision item to a unit")
async def issue_supervision_item(body: ItemIn, session: SessionDep, principal: PrincipalDep) -> ItemOut:
    """The supervision bureau (demo: dept-dcs) issues an item to a unit (code or any name/alias of the
    reference data), optionally about a task and with a deadline of its choosing (else 5 working days)."""
    return item_out(await svc.issue_item(session=session, principal=principal, data=body))


@router.get("/{item_id}", response_model=ItemOut, summary="一份督办单 / One supervision item")
async def get_supervision_item(item_id: str, session: SessionDep, principal: PrincipalDep) -> ItemOut:
    return item_out(await svc.get_item(session=session, principal=principal, item_id=item_id))


@router.post("/{item_id}/answer", response_model=ItemOut,
             summary="答复督办单 / Answer a supervision item (the department concerned)")
async def answer_supervision_item(
    item_id: str, body: AnswerIn, session: SessionDep, principal: PrincipalDep
) -> ItemOut:
    """The department the item concerns answers it (demo: dept-fgw, for an item issued to 市发展改革委)."""
    return item_out(await svc.answer_item(session=session, principal=principal, item_id=item_id, data=body))


@router.post("/{item_id}/closure", response_model=ItemOut, summary="办结督办单 / Close an answered supervision item")
async def close_supervision_item(
    item_id: str, body: ClosureIn, session: SessionDep, principal: PrincipalDep
) -> ItemOut:
    """The supervision bureau (demo: dept-dcs) closes an answered item."""
    return item_out(await svc.close_item(session=session, principal=principal, item_id=item_id, data=body))
