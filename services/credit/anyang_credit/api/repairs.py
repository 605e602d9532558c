"""Credit repair (信用修复): the subject applies, the record's department / the list's authority decides.
Free of charge: every answer says so."""

from __future__ import annotations

from fastapi import APIRouter, Request

from anyang_credit.api.deps import VaultDep, page_of
from anyang_credit.schemas.repairs import RepairApplyIn, RepairDecisionIn, RepairOut, RepairStartIn
from anyang_credit.service import repairs as svc
from anyang_credit.service.access import require_department
from anyang_credit.service.subjects import code_of, find_subject
from govkit.auth import PrincipalDep, PrincipalKind
from govkit.db import SessionDep
from govkit.errors import Forbidden
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/repairs", tags=["repairs 信用修复"])


@router.post("", status_code=201,
             summary="申请信用修复 / Apply for credit repair (the subject itself, with a commitment)")
async def apply_for_repair(vault: VaultDep,
    body: RepairApplyIn, request: Request, session: SessionDep, principal: PrincipalDep
) -> RepairOut:
    """The subject itself applies (reason, evidence, a 信用修复型 commitment); refused before the minimum
    publication period with the period and the earliest date.
    Example: as ent-demo2 on its older demo penalty (the same application sent again answers the open one)."""
    if principal.kind not in (PrincipalKind.enterprise, PrincipalKind.person):
        raise Forbidden("信用修复由信用主体本人申请", "Repair is applied for by the subject itself")
    row = await svc.apply(session=session, principal=principal, vault=vault, data=body.model_dump())
    return RepairOut(**await svc.view(session, row))


@router.post("/department-initiated", status_code=201,
             summary="部门主动信用修复 / A department starts a repair of its own record or list entry")
async def start_repair(vault: VaultDep,
    body: RepairStartIn, request: Request, session: SessionDep, principal: PrincipalDep
) -> RepairOut:
    """A department starts a repair itself (CP 二（九）1), only for its own record or list.
    Example: as dept-sw on the demo major_tax_violation entry (sent again: answers the open one)."""
    require_department(principal, "credit.review")
    row = await svc.start_by_department(
        session=session,
        principal=principal,
        outbox=request.app.state.outbox,
        vault=vault,
        data=body.model_dump(),
    )
    return RepairOut(**await svc.view(session, row))


@router.post("/{application_id}/decision",
             summary="信用修复决定 / Approve or reject a repair application (deciding department)")
async def decide_repair(vault: VaultDep,
    application_id: str,
    body: RepairDecisionIn,
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
) -> RepairOut:
    """accepted → approved / rejected by the deciding department, with reasons.
    Example: as the deciding department, e.g. dept-scjg on an application about its record."""
    require_department(principal, "credit.review")
    row = await svc.decide(
        session=session,
        principal=principal,
        outbox=request.app.state.outbox,
        vault=vault,
        application_id=application_id,
        to=body.to,
        reason=body.reason,
    )
    return RepairOut(**await svc.view(session, row))


@router.get("", summary="信用修复申请列表 / The subject's own applications, or a department's to decide")
async def list_repairs(session: SessionDep, principal: PrincipalDep, vault: VaultDep, page: PageDep
                       ) -> Page[RepairOut]:
    """The subject's own applications, or a department's applications to decide."""
    if principal.kind == PrincipalKind.department:
        rows = await svc.list_for(session, principal, None)
    else:
        subject = (
            await find_subject(session=session, vault=vault, code=principal.org)
            if principal.kind in (PrincipalKind.enterprise, PrincipalKind.person)
            else None
        )
        rows = await svc.list_for(session, principal, subject) if subject else []
    return page_of([RepairOut(**await svc.view(session, r)) for r in rows], page)


@router.get("/{application_id}", summary="一项信用修复申请 / One repair application")
async def get_repair(vault: VaultDep,
    application_id: str, request: Request, session: SessionDep, principal: PrincipalDep
) -> RepairOut:
    row, subject = await svc.get_application(session, application_id)
    if not svc.may_read(principal, row, code_of(subject, vault)):
        raise Forbidden(
            "只有申请主体和决定部门可以查看", "Only the subject and the deciding department may see it"
        )
    return RepairOut(**await svc.view(session, row))
