"""双随机、一公开: pools, the joint supervision list, draws (published: 一公开) and their verification."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from anyang_credit.api.deps import page_of
from anyang_credit.domain import draws as dd
from anyang_credit.schemas.draws import (
    DrawIn,
    DrawOut,
    GradeCountOut,
    InspectionOut,
    InspectionResultIn,
    InspectionResultOut,
    InspectorOut,
    InspectorsIn,
    JointItemIn,
    JointItemOut,
    PoolOut,
    VerificationOut,
)
from anyang_credit.service import draws as svc
from anyang_credit.service.access import is_credit_lead, require_department
from govkit.auth import OptionalPrincipalDep, PrincipalDep
from govkit.db import SessionDep
from govkit.errors import Forbidden
from govkit.location import set_location
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


def draw_out(row, results: dict, full: bool) -> DrawOut:
    """The published draw (一公开): targets with a recorded result (every target for `full`: the participating
    departments and the credit lead), the seed once every result is recorded."""
    inspections = row.result["inspections"]
    revealed = dd.revealed(len(inspections), len(results))
    shown = [InspectionOut(**i, result=_result_out(results.get(i["entity_code"]))) for i in inspections
             if full or i["entity_code"] in results]
    return DrawOut(id=row.id, title=row.title, initiated_by=row.initiated_by, departments=row.departments,
                   joint_item_code=row.joint_item_code, population_filter=row.population_filter, as_of=row.as_of,
                   created_at=row.created_at, seed_commitment=row.seed_commitment,
                   seed=row.seed if revealed else None, revealed=revealed, inspections_drawn=len(inspections),
                   results_recorded=len(results), counts=[GradeCountOut(**c) for c in row.result["counts"]],
                   inspections=shown, input_fingerprint=row.result["input_fingerprint"],
                   algorithm=row.result["algorithm"], basis=row.result["basis"])


def _result_out(r) -> InspectionResultOut | None:
    if r is None:
        return None
    return InspectionResultOut(outcome=r.outcome, note=r.note, inspected_on=r.inspected_on, recorded_by=r.recorded_by)


def _full(principal, row) -> bool:
    return svc.is_participant(principal, row) or is_credit_lead(principal)


@router.post("", status_code=201, summary="双随机抽查 / Run a draw (several departments: a joint draw)")
async def create_draw(body: DrawIn, session: SessionDep, principal: PrincipalDep, request: Request,
                      response: Response) -> DrawOut:
    """Run a draw on today's date (department, credit.draw); several departments = a joint draw on a joint item.
    The population is the market entities (enterprises, individual businesses) of the filter, without those
    drawn in the past year as often as their grade's frequency allows; the service draws the seed and publishes
    its SHA-256 at once, the seed itself once every result is recorded. Example: demo client dept-scjg."""
    require_department(principal, "credit.draw")
    row = await svc.create_draw(session=session, principal=principal, data=body.model_dump())
    set_location(request, response, f"/draws/{row.id}")
    return draw_out(row, {}, full=True)


@router.get("", summary="双随机、一公开：抽查结果（免登录） / Published draw results (no login)")
async def list_draws(session: SessionDep, page: PageDep, principal: OptionalPrincipalDep) -> Page[DrawOut]:
    """Published draws (一公开): counts and commitment; targets once their result is recorded."""
    rows, total = await svc.list_draws(session, limit=page.limit, offset=page.offset)
    results = await svc.results_of(session, [r.id for r in rows])
    return Page(items=[draw_out(r, results[r.id], _full(principal, r)) for r in rows], total=total,
                limit=page.limit, offset=page.offset)


@router.get("/{draw_id}", summary="一次抽查结果（免登录） / One published draw result (no login)")
async def get_draw(draw_id: str, session: SessionDep, principal: OptionalPrincipalDep) -> DrawOut:
    """One draw (public: targets once their result is recorded; the participating departments see all)."""
    row = await svc.get_draw(session, draw_id)
    return draw_out(row, (await svc.results_of(session, [row.id]))[row.id], _full(principal, row))


@router.post("/{draw_id}/results", status_code=201,
             summary="登记检查结果 / Record an inspection's result (a participating department)")
async def record_inspection_result(draw_id: str, body: InspectionResultIn, session: SessionDep,
                                   principal: PrincipalDep, request: Request, response: Response) -> DrawOut:
    """The result of one drawn inspection, by a department taking part (credit.draw), dated between the draw
    and today; from then the target, its inspectors and the result are public (一公开). Example: demo client
    dept-scjg."""
    require_department(principal, "credit.draw")
    row = await svc.record_result(session=session, principal=principal, draw_id=draw_id,
                                  data=body.model_dump())
    set_location(request, response, f"/draws/{row.id}")
    return draw_out(row, (await svc.results_of(session, [row.id]))[row.id], full=True)


@router.get("/{draw_id}/verify",
            summary="复现抽查结果（免登录） / Re-run a draw with its revealed seed to verify it (no login)")
async def verify_draw(draw_id: str, session: SessionDep) -> VerificationOut:
    """Once the seed is revealed (every result recorded): it matches the commitment published with the draw,
    and the recorded inputs re-run with it give the same draw (`reproduced`); 409 before."""
    return VerificationOut(**await svc.verify_draw(session, draw_id))
