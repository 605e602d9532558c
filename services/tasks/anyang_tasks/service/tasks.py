"""The task register: loading the bulletin's tasks (idempotent) and reading them."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_tasks.domain.responsibility import resolve_units
from anyang_tasks.domain.seed import GWR, TASKS_2023, task_id
from anyang_tasks.models.tasks import Task, TaskUnit
from govkit.errors import NotFound


async def seed_tasks(session: AsyncSession) -> int:
    """Inside the caller's transaction: add the sample tasks not yet present; returns how many were added."""
    added = 0
    for t in TASKS_2023:
        tid = task_id(t["number"])
        if await session.get(Task, tid) is not None:
            continue
        session.add(
            Task(
                id=tid,
                document=GWR,
                number=t["number"],
                section=t["section"],
                text=t["text"],
                responsibility=t["responsibility"],
                due_on=t["due_on"],
            )
        )
        await session.flush()
        for u in resolve_units(t["responsibility"]):
            session.add(
                TaskUnit(task_id=tid, unit_code=u.code, unit_name=u.name, role=u.role, written=u.written)
            )
        added += 1
    await session.flush()
    return added


async def list_tasks(
    *, session: AsyncSession, limit: int, offset: int, unit: str | None = None
) -> tuple[list[tuple[Task, list[TaskUnit]]], int]:
    q = select(Task)
    if unit:
        q = q.where(Task.id.in_(select(TaskUnit.task_id).where(TaskUnit.unit_code == unit)))
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    tasks = list(
        (await session.execute(q.order_by(Task.document, Task.number).limit(limit).offset(offset))).scalars()
    )
    units = await _units(session, [t.id for t in tasks])
    return [(t, units.get(t.id, [])) for t in tasks], total


async def get_task(*, session: AsyncSession, task_id_: str) -> tuple[Task, list[TaskUnit]]:
    task = await session.get(Task, task_id_)
    if task is None:
        raise NotFound(f"没有任务 {task_id_}", f"No task {task_id_}")
    return task, (await _units(session, [task.id])).get(task.id, [])


async def _units(session: AsyncSession, ids: list[str]) -> dict[str, list[TaskUnit]]:
    out: dict[str, list[TaskUnit]] = {}
    if not ids:
        return out
    rows = await session.execute(select(TaskUnit).where(TaskUnit.task_id.in_(ids)))
    for u in rows.scalars():
        out.setdefault(u.task_id, []).append(u)
    for lst in out.values():
        lst.sort(key=lambda u: (u.role != "lead", u.unit_code))
    return out
