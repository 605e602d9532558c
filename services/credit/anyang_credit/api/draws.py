"""双随机、一公开: pools, the joint supervision list, draws (published: 一公开) and their verification."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from anyang_credit.api.deps import page_of
from anyang_credit.schemas.draws import (
    DrawIn,
    DrawOut,
    InspectorOut,
    InspectorsIn,
    JointItemIn,
    JointItemOut,
    PoolOut,
    VerificationOut,
)
from anyang_credit.service import draws as svc
from anyang_credit.service.access import is_credit_lead, require_department
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.errors import Forbidden
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/draws", tags=["draws 双随机、一公开"])


@router.put("/pools/{department}",
            summary="维护执法检查人员名录库 / Add or update inspectors of the department's own pool")
async def update_inspector_pool(
    department: Annotated[str, Path(examples=["scjg"])], body: InspectorsIn, session: SessionDep,
    principal: PrincipalDep
) -> PoolOut:
    """Add or update inspectors of the caller's own pool (active false takes one out of draws).
    Example: as dept-scjg on its own pool."""
    require_department(principal, "credit.draw")
    items = await svc.upsert_inspectors(
        session=session,
        principal=principal,
        department=department,
        items=[i.model_dump() for i in body.inspectors],
    )
    return PoolOut(department=department, inspectors=items)


@router.get("/pools/{department}", summary="执法检查人员名录库 / A department's inspector pool")
async def get_inspector_pool(department: str, session: SessionDep, principal: PrincipalDep) -> PoolOut:
    require_department(principal, "credit.draw")
    if principal.org != department and not is_credit_lead(principal):
        raise Forbidden("只能查看本部门的检查人员名录库", "Only your own department's pool")
    rows = await svc.pool(session, department)
    return PoolOut(department=department, inspectors=[InspectorOut(inspector_id=r.inspector_id, name=r.name,
                                                                   active=r.active) for r in rows])


@router.post("/joint-items", status_code=201, summary="新增联合监管事项 / Add an item to the joint supervision list")
async def create_joint_supervision_item(
    body: JointItemIn, session: SessionDep, principal: PrincipalDep
) -> JointItemOut:
    """An item of the 联合监管事项清单 (fgw, credit.admin).
    Example: as dept-fgw (the same item sent again answers it)."""
    require_department(principal, "credit.admin")
    row = await svc.create_joint_item(session=session, principal=principal, data=body.model_dump())
    return JointItemOut(code=row.code, name=row.name, departments=row.departments)


@router.get("/joint-items", summary="联合监管事项清单（免登录） / The joint supervision list (no login)")
async def list_joint_supervision_items(session: SessionDep, page: PageDep) -> Page[JointItemOut]:
    """The joint supervision list (public)."""
    return page_of([JointItemOut(code=r.code, name=r.name, departments=r.departments)
                    for r in await svc.list_joint_items(session)], page)


@router.post("", status_code=201, summary="双随机抽查 / Run a draw (several departments: a joint draw)")
async def create_draw(body: DrawIn, session: SessionDep, principal: PrincipalDep) -> DrawOut:
    """Run a draw (department, credit.draw); several departments = a joint draw on a joint item.
    Example: as dept-scjg."""
    require_department(principal, "credit.draw")
    row = await svc.create_draw(session=session, principal=principal, data=body.model_dump())
    return DrawOut.of(row)


@router.get("", summary="双随机、一公开：抽查结果（免登录） / Published draw results (no login)")
async def list_draws(session: SessionDep, page: PageDep) -> Page[DrawOut]:
    """Published draw results (public: 一公开)."""
    rows, total = await svc.list_draws(session, limit=page.limit, offset=page.offset)
    return Page(items=[DrawOut.of(r) for r in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/{draw_id}", summary="一次抽查结果（免登录） / One published draw result (no login)")
async def get_draw(draw_id: str, session: SessionDep) -> DrawOut:
    """One published draw result (public)."""
    return DrawOut.of(await svc.get_draw(session, draw_id))


@router.get("/{draw_id}/verify",
            summary="复现抽查结果（免登录） / Re-run a draw with its recorded seed to verify it (no login)")
async def verify_draw(draw_id: str, session: SessionDep) -> VerificationOut:
    """Re-run the recorded inputs with the recorded seed (public): `reproduced` must be true."""
    return VerificationOut(**await svc.verify_draw(session, draw_id))
