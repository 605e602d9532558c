"""The key-task register (public: 政务公开)."""

from __future__ import annotations

from fastapi import APIRouter

from anyang_tasks.domain.responsibility import ROLE_LABELS
from anyang_tasks.models.tasks import Task, TaskUnit
from anyang_tasks.schemas.tasks import TaskOut, TaskUnitOut
from anyang_tasks.service import tasks as svc
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/tasks", tags=["tasks"])


def task_out(t: Task, units: list[TaskUnit]) -> TaskOut:
    return TaskOut(
        id=t.id,
        document=t.document,
        number=t.number,
        section=t.section,
        text=t.text,
        responsibility=t.responsibility,
        due_on=t.due_on,
        units=[
            TaskUnitOut(code=u.unit_code, name=u.unit_name, role=u.role, role_label=ROLE_LABELS[u.role])
            for u in units
        ],
    )


@router.get("", response_model=Page[TaskOut], summary="重点任务及责任单位 / Key tasks with their responsible units")
async def list_tasks(session: SessionDep, page: PageDep, unit: str | None = None) -> Page[TaskOut]:
    """The key tasks with their responsible units; `unit` filters by a unit code."""
    rows, total = await svc.list_tasks(session=session, limit=page.limit, offset=page.offset, unit=unit)
    return Page(items=[task_out(t, u) for t, u in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/{task_id}", response_model=TaskOut, summary="一项重点任务 / One key task")
async def get_task(task_id: str, session: SessionDep) -> TaskOut:
    return task_out(*await svc.get_task(session=session, task_id_=task_id))
