"""The key-task register: public reading (政务公开); the bureau adds tasks and sub-tasks and names the
members of open groups."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from anyang_tasks.api.links import location
from anyang_tasks.domain.responsibility import ROLE_LABELS
from anyang_tasks.schemas.tasks import (
    COMPARISON_LABELS,
    PART_LABELS,
    MembersIn,
    Part,
    TargetOut,
    TaskGroupOut,
    TaskIn,
    TaskOut,
    TaskUnitOut,
)
from anyang_tasks.service import tasks as svc
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/tasks", tags=["tasks"])


def task_out(v: svc.TaskView) -> TaskOut:
    t = v.task
    return TaskOut(
        id=t.id, document=t.document, part=t.part, part_label=PART_LABELS[Part(t.part)], number=t.number,
        ref=t.ref,
        section=t.section, text=t.text, responsibility=t.responsibility, due_on=t.due_on, due_basis=t.due_basis,
        origin=t.origin, parent_id=t.parent_id, subtasks=v.subtasks,
        units=[TaskUnitOut(code=u.unit_code, name=u.unit_name, role=u.role, role_label=ROLE_LABELS[u.role],
                           written=u.written, source=u.source) for u in v.units],
        groups=[TaskGroupOut(id=g.id, name=g.name, role=g.role, role_label=ROLE_LABELS[g.role],
                             written=g.written, members=[u.unit_code for u in v.units
                                                         if u.source == "assigned" and u.written == g.written],
                             assigned=g.members_named_at is not None) for g in v.groups],
        targets=[TargetOut(seq=g.seq, metric=g.metric, comparison=g.comparison,
                           comparison_label=COMPARISON_LABELS[g.comparison], value=g.value,
                           unit_of_measure=g.unit, text=g.text)
                 for g in v.targets],
    )


@router.get("", response_model=Page[TaskOut], summary="重点任务及责任单位 / Key tasks with their responsible units")
async def list_tasks(session: SessionDep, page: PageDep, unit: str | None = None, document: str | None = None,
                     part: Part | None = None) -> Page[TaskOut]:
    """Public: the register (安政办〔2023〕5号 99 tasks, 安政办〔2023〕1号 annex and dated body entries,
    安政〔2023〕2号 responsibility lines, tasks the bureau added); `unit` filters by a unit code."""
    rows, total = await svc.list_tasks(session=session, limit=page.limit, offset=page.offset, unit=unit,
                                       document=document, part=part.value if part else None)
    return Page(items=[task_out(v) for v in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("", status_code=201, response_model=TaskOut, summary="新增任务 / Add a task (the bureau)")
async def create_task(body: TaskIn, session: SessionDep, principal: PrincipalDep, request: Request,
                      response: Response) -> TaskOut:
    """The supervision bureau (tasks.supervisor, demo client dept-dcs) adds a task with its own units,
    targets and date."""
    view = await svc.create_task(session=session, principal=principal, data=body)
    response.headers["Location"] = location(request, f"/tasks/{view.task.id}")
    return task_out(view)


@router.get("/{task_id}", response_model=TaskOut, summary="一项重点任务 / One key task")
async def get_task(task_id: str, session: SessionDep) -> TaskOut:
    """Public: one task with its units, open groups, targets and sub-tasks."""
    return task_out(await svc.get_task(session=session, task_id=task_id))


@router.post("/{task_id}/subtasks", status_code=201, response_model=TaskOut,
             summary="分解子任务 / Add a sub-task (the bureau)")
async def create_subtask(task_id: str, body: TaskIn, session: SessionDep, principal: PrincipalDep,
                         request: Request, response: Response) -> TaskOut:
    """The supervision bureau (dept-dcs) decomposes a task: the sub-task has its own units, targets and date
    and carries its parent's reporting duties."""
    view = await svc.create_task(session=session, principal=principal, data=body, parent_id=task_id)
    response.headers["Location"] = location(request, f"/tasks/{view.task.id}")
    return task_out(view)


@router.put("/{task_id}/groups/{group_id}/members", response_model=TaskOut,
            summary="明确集合名称的成员单位 / Name the members of an open group (the bureau)")
async def name_group_members(task_id: str, group_id: int, body: MembersIn, session: SessionDep,
                             principal: PrincipalDep) -> TaskOut:
    """The supervision bureau (dept-dcs) names which units an open collective name (各相关部门, …) stands
    for on this task; they take the group's role."""
    return task_out(await svc.name_group_members(session=session, principal=principal, task_id=task_id,
                                                 group_id=group_id, data=body))
