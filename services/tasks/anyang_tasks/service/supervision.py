"""Supervision items: raised from credit.publication.overdue or by the supervisor; the department answers,
the supervisor closes (spec tasks: Supervision)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_tasks.domain import supervision as rules
from anyang_tasks.models import kit
from anyang_tasks.models.supervision import SupervisionItem
from anyang_tasks.models.tasks import Task
from anyang_tasks.schemas.supervision import AnswerIn, ClosureIn, ItemIn
from anyang_tasks.service.access import is_supervisor, reads_all
from govkit import audit, refdata
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date, utcnow
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation
from govkit.events import Event

_OVERDUE_FIELDS = ("record_id", "department", "category", "decision_number", "decision_date", "due_date")


def _new_item(
    *,
    source: str,
    source_ref: str | None,
    unit: refdata.Unit,
    reason: str,
    basis: str,
    details: dict,
    raised_on: date,
    chosen_due: date | None = None,
    task_id: str | None = None,
) -> SupervisionItem:
    due = rules.answer_due(raised_on)
    item_id = str(uuid.uuid4())
    if chosen_due is not None:
        answer_due, due_basis, provisional, set_by = chosen_due, "督查局确定的答复期限", False, "bureau"
    else:
        answer_due, provisional, set_by = due.due, due.provisional, "default"
        due_basis = f"Interpretation：{rules.ANSWER_WORKING_DAYS}个工作日内答复；{due.basis}"
    return SupervisionItem(
        id=item_id,
        source=source,
        source_ref=source_ref or item_id,
        department=unit.code,
        department_name=unit.government or unit.name,
        reason=reason,
        basis=basis,
        details=details,
        status="open",
        raised_on=raised_on,
        answer_due=answer_due,
        answer_due_basis=due_basis,
        answer_due_provisional=provisional,
        answer_due_set_by=set_by,
        task_id=task_id,
        created_at=utcnow(),
    )


async def raise_from_overdue_publication(session: AsyncSession, event: Event) -> None:
    """Handler of credit.publication.overdue (inside the consumer's transaction): one item per record id."""
    data = event.data
    missing = [f for f in _OVERDUE_FIELDS if not data.get(f)]
    if missing:
        raise ValueError(f"credit.publication.overdue lacks {', '.join(missing)}")  # dead-lettered, visibly
    try:
        unit = refdata.unit(str(data["department"]))
    except refdata.UnknownUnit as exc:
        raise ValueError(str(exc)) from None
    ref = str(data["record_id"])
    seen = await session.execute(
        select(SupervisionItem.id).where(
            SupervisionItem.source == rules.SOURCE_CREDIT_OVERDUE, SupervisionItem.source_ref == ref
        )
    )
    if seen.first() is not None:
        return  # the same record reported again (a new event id): still one item
    details = {k: data.get(k) for k in (*_OVERDUE_FIELDS, "reason")} | {"event_id": event.id}
    item = _new_item(
        source=rules.SOURCE_CREDIT_OVERDUE,
        source_ref=ref,
        unit=unit,
        reason=rules.overdue_publication_reason(data),
        basis=rules.OVERDUE_PUBLICATION_BASIS,
        details=details,
        raised_on=business_date(event.occurred()),
    )
    session.add(item)
    await session.flush()
    await audit.record(
        session,
        kit,
        "supervision_item.raise",
        "supervision_item",
        item.id,
        {"source": item.source, "record_id": ref, "department": unit.code},
        outcome="event",
    )


async def issue_item(*, session: AsyncSession, principal: Principal, data: ItemIn) -> SupervisionItem:
    async with session.begin():
        if not is_supervisor(principal):
            raise Forbidden(
                "督办单由市委市政府督查局签发（tasks.supervisor）",
                "Supervision items are issued by the supervision bureau (tasks.supervisor)",
            )
        try:
            unit = refdata.resolve(data.department)
        except refdata.UnknownUnit as exc:
            raise RuleViolation(str(exc), errors=[{"field": "department", "message": str(exc)}]) from None
        if data.task_id and await session.get(Task, data.task_id) is None:
            raise RuleViolation(
                f"没有任务 {data.task_id}",
                f"No task {data.task_id}",
                errors=[{"field": "task_id", "message": "unknown task"}],
            )
        today = business_date()
        if data.answer_due is not None and data.answer_due < today:
            raise RuleViolation(
                f"答复期限 {data.answer_due} 早于签发日 {today}",
                f"The answer deadline {data.answer_due} is before today ({today})",
                errors=[{"field": "answer_due", "message": "before the day of issue"}],
            )
        item = _new_item(
            source=rules.SOURCE_MANUAL,
            source_ref=None,
            unit=unit,
            reason=data.reason,
            basis=data.basis,
            details={"task_id": data.task_id},
            raised_on=today,
            chosen_due=data.answer_due,
            task_id=data.task_id,
        )
        session.add(item)
        await session.flush()
        await audit.record(
            session, kit, "supervision_item.issue", "supervision_item", item.id, {"department": unit.code}
        )
    return item


async def _load(session: AsyncSession, item_id: str) -> SupervisionItem:
    item = await session.get(SupervisionItem, item_id)
    if item is None:
        raise NotFound(f"没有督办事项 {item_id}", f"No supervision item {item_id}")
    return item


def _check_sees(p: Principal, item: SupervisionItem) -> None:
    if reads_all(p) or (p.kind == PrincipalKind.department and p.org == item.department):
        return
    raise Forbidden("只能查看本单位的督办事项", "Only your own unit's supervision items")


async def answer_item(
    *, session: AsyncSession, principal: Principal, item_id: str, data: AnswerIn
) -> SupervisionItem:
    async with session.begin():
        item = await _load(session, item_id)
        if not (principal.kind == PrincipalKind.department and principal.org == item.department):
            raise Forbidden(
                f"督办事项由被督办单位（{item.department_name}）答复",
                f"The item is answered by the unit it concerns ({item.department})",
            )
        if item.status != "open":
            raise Conflict(
                f"督办事项{rules.STATUS_LABELS[item.status]}，不能再答复",
                f"The item is {item.status}; it cannot be answered again",
            )
        item.status, item.answer, item.answered_at = "answered", data.answer, utcnow()
        await audit.record(
            session,
            kit,
            "supervision_item.answer",
            "supervision_item",
            item.id,
            {"late": business_date() > item.answer_due},
        )
    return item


async def close_item(
    *, session: AsyncSession, principal: Principal, item_id: str, data: ClosureIn
) -> SupervisionItem:
    async with session.begin():
        if not is_supervisor(principal):
            raise Forbidden(
                "督办事项由督查局办结（tasks.supervisor）",
                "Items are closed by the supervision bureau (tasks.supervisor)",
            )
        item = await _load(session, item_id)
        if item.status != "answered":
            zh = "尚未答复，不能办结" if item.status == "open" else "已办结"
            raise Conflict(f"督办事项{zh}", f"The item is {item.status}; only an answered item can be closed")
        item.status, item.closing_note, item.closed_at = "closed", data.note, utcnow()
        await audit.record(
            session, kit, "supervision_item.close", "supervision_item", item.id, {"note": data.note}
        )
    return item


async def get_item(*, session: AsyncSession, principal: Principal, item_id: str) -> SupervisionItem:
    item = await _load(session, item_id)
    _check_sees(principal, item)
    return item


async def list_items(
    *,
    session: AsyncSession,
    principal: Principal,
    limit: int,
    offset: int,
    department: str | None = None,
    status: str | None = None,
    overdue: bool | None = None,
) -> tuple[list[SupervisionItem], int]:
    q = select(SupervisionItem)
    if reads_all(principal):
        if department:
            q = q.where(SupervisionItem.department == department)
    elif principal.kind == PrincipalKind.department:
        q = q.where(SupervisionItem.department == principal.org)
    else:
        raise Forbidden(
            "督办事项仅对督查局和被督办单位可见", "Only for the supervision bureau and the units concerned"
        )
    if status:
        q = q.where(SupervisionItem.status == status)
    if overdue is not None:
        late = (SupervisionItem.status == "open") & (SupervisionItem.answer_due < business_date())
        q = q.where(late if overdue else ~late)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(
        q.order_by(SupervisionItem.created_at, SupervisionItem.id).limit(limit).offset(offset)
    )
    return list(rows.scalars()), total
