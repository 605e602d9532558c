"""The task register: reading it, adding tasks and sub-tasks, naming an open group's members."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_tasks.models import kit
from anyang_tasks.models.tasks import Task, TaskGroup, TaskTarget, TaskUnit
from anyang_tasks.schemas.tasks import MembersIn, TaskIn
from anyang_tasks.service.access import require_supervisor
from govkit import audit, refdata
from govkit.auth import Principal
from govkit.clock import utcnow
from govkit.errors import Conflict, NotFound, RuleViolation

ADDED = "added"


@dataclass
class TaskView:
    task: Task
    units: list[TaskUnit] = field(default_factory=list)
    groups: list[TaskGroup] = field(default_factory=list)
    targets: list[TaskTarget] = field(default_factory=list)
    subtasks: list[str] = field(default_factory=list)


async def list_tasks(*, session: AsyncSession, limit: int, offset: int, unit: str | None = None,
                     document: str | None = None, part: str | None = None) -> tuple[list[TaskView], int]:
    q = select(Task)
    if unit:
        q = q.where(Task.id.in_(select(TaskUnit.task_id).where(TaskUnit.unit_code == unit)))
    if document:
        q = q.where(Task.document == document)
    if part:
        q = q.where(Task.part == part)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = (await session.execute(q.order_by(Task.document.desc(), Task.part, Task.number)
                                  .limit(limit).offset(offset))).scalars().all()
    return await views(session, list(rows)), total


async def load(session: AsyncSession, task_id: str) -> Task:
    task = await session.get(Task, task_id)
    if task is None:
        raise NotFound(f"没有任务 {task_id}", f"No task {task_id}")
    return task


async def get_task(*, session: AsyncSession, task_id: str) -> TaskView:
    return (await views(session, [await load(session, task_id)]))[0]


async def views(session: AsyncSession, tasks: list[Task]) -> list[TaskView]:
    out = {t.id: TaskView(t) for t in tasks}
    if not out:
        return []
    ids = list(out)
    for u in (await session.execute(select(TaskUnit).where(TaskUnit.task_id.in_(ids)))).scalars():
        out[u.task_id].units.append(u)
    for g in (await session.execute(select(TaskGroup).where(TaskGroup.task_id.in_(ids)))).scalars():
        out[g.task_id].groups.append(g)
    for t in (await session.execute(select(TaskTarget).where(TaskTarget.task_id.in_(ids))
                                    .order_by(TaskTarget.seq))).scalars():
        out[t.task_id].targets.append(t)
    for child, parent in await session.execute(select(Task.id, Task.parent_id).where(Task.parent_id.in_(ids))
                                               .order_by(Task.number)):
        out[parent].subtasks.append(child)
    for v in out.values():
        v.units.sort(key=lambda u: (u.role != "lead", u.source, u.unit_code))
    return list(out.values())


def _unit(name: str, field_name: str) -> refdata.Unit:
    try:
        return refdata.resolve(name)
    except refdata.UnknownUnit as exc:
        raise RuleViolation(str(exc), errors=[{"field": field_name, "message": str(exc)}]) from None


async def create_task(*, session: AsyncSession, principal: Principal, data: TaskIn,
                      parent_id: str | None = None) -> TaskView:
    """A new task (or a sub-task of `parent_id`) with its own units, targets and date (the bureau)."""
    async with session.begin():
        require_supervisor(principal)
        parent = await load(session, parent_id) if parent_id else None
        units = {}
        for i, u in enumerate(data.units):
            unit = _unit(u.name, f"units.{i}.name")
            if unit.code in units:
                raise RuleViolation(f"单位 {unit.name} 重复", f"unit {unit.code} listed twice",
                                    errors=[{"field": f"units.{i}.name", "message": "duplicate"}])
            units[unit.code] = (unit, u.role.value, u.name)
        if "lead" not in {role for _, role, _ in units.values()}:
            raise RuleViolation("至少需要一个牵头单位", "at least one lead unit is required",
                                errors=[{"field": "units", "message": "no lead"}])
        document = parent.document if parent else data.document
        number = (await session.execute(select(func.coalesce(func.max(Task.number), 0))
                                        .where(Task.document == document, Task.part == ADDED))).scalar_one() + 1
        task = Task(id=str(uuid.uuid4()), document=document, part=ADDED, number=number,
                    ref=f"{parent.ref}-{number}" if parent else str(number),
                    section=data.section or (parent.section if parent else ""), text=data.text,
                    responsibility="、".join(w for _, _, w in units.values()), due_on=data.due_on,
                    due_basis="督查局确定" if data.due_on else None, origin="bureau",
                    parent_id=parent.id if parent else None, created_at=utcnow())
        session.add(task)
        await session.flush()
        session.add_all(TaskUnit(task_id=task.id, unit_code=u.code, unit_name=u.government or u.name, role=role,
                                 written=written, source="text") for u, role, written in units.values())
        session.add_all(TaskTarget(task_id=task.id, seq=i, metric=t.metric, comparison=t.comparison.value,
                                   value=t.value, unit=t.unit_of_measure,
                                   text=f"{t.metric} {t.value}{t.unit_of_measure}")
                        for i, t in enumerate(data.targets, start=1))
        await session.flush()
        await audit.record(session, kit, "task.create", "task", task.id,
                           {"parent_id": task.parent_id, "units": list(units)})
    return await get_task(session=session, task_id=task.id)


async def name_group_members(*, session: AsyncSession, principal: Principal, task_id: str, group_id: int,
                             data: MembersIn) -> TaskView:
    """The bureau names the members of an open group; they become units of the task with its role."""
    async with session.begin():
        require_supervisor(principal)
        group = await session.get(TaskGroup, group_id)
        if group is None or group.task_id != task_id:
            raise NotFound(f"任务 {task_id} 没有集合 {group_id}", f"Task {task_id} has no group {group_id}")
        taken = set((await session.execute(select(TaskUnit.unit_code).where(
            TaskUnit.task_id == task_id, TaskUnit.source == "text"))).scalars())
        members = [_unit(m, f"members.{i}") for i, m in enumerate(data.members)]
        already = [u.name for u in members if u.code in taken]
        if already:
            raise Conflict(f"已是本任务的责任单位：{'、'.join(already)}", f"already responsible: {already}")
        await session.execute(TaskUnit.__table__.delete().where(
            TaskUnit.task_id == task_id, TaskUnit.source == "assigned", TaskUnit.written == group.written))
        session.add_all(TaskUnit(task_id=task_id, unit_code=u.code, unit_name=u.government or u.name,
                                 role=group.role, written=group.written, source="assigned")
                        for u in {u.code: u for u in members}.values())
        group.members_named_at = utcnow()
        await session.flush()
        await audit.record(session, kit, "task.group.members", "task", task_id,
                           {"group": group.name, "members": [u.code for u in members]})
    return await get_task(session=session, task_id=task_id)
