"""Penalty decisions of the 城市管理部门 (第二十六条)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from anyang_hydrogen.domain import penalties as rules
from anyang_hydrogen.models.penalties import Penalty
from anyang_hydrogen.schemas.penalties import PenaltyIn, PenaltyOut
from anyang_hydrogen.service import penalties as svc
from govkit import refdata
from govkit.auth import PrincipalDep
from govkit.crypto import PersonRef
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/penalties", tags=["penalties"])


def penalty_out(p: Penalty) -> PenaltyOut:
    return PenaltyOut(
        id=p.id,
        station_id=p.station_id,
        accident_id=p.accident_id,
        operator_code=p.operator_code,
        operator_name=p.operator_name,
        decision_number=p.decision_number,
        decided_on=p.decided_on,
        department=p.department,
        department_name=refdata.unit(p.department).name,
        severity=p.severity,
        severity_label=rules.SEVERITY_LABELS[rules.PenaltySeverity(p.severity)],
        violated_articles=p.violated_articles,
        applied_provision=p.applied_provision,
        legal_basis=p.legal_basis,
        summary=p.summary,
        amount_fen=p.amount_fen,
        party_kind=p.party_kind,
        party_kind_label=rules.PARTY_KIND_LABELS[p.party_kind],
        party_code=p.party_code,
        party_name=p.party_name,
        station_name=p.station_name,
    )


@router.post("", status_code=201, response_model=PenaltyOut,
             summary="登记行政处罚决定 / Record a penalty decision of the 城市管理部门")
async def decide_penalty(
    body: PenaltyIn, request: Request, session: SessionDep, principal: PrincipalDep
) -> PenaltyOut:
    """Record a penalty decision of the 城市管理部门 (dept-cgj, scope hydrogen.penalty) against whoever breached
    (the operator by default; for 第二十四条 the named unit or person); emits hydrogen.penalty.decided (credit
    records it as 行政处罚 against `party_code`). 第九条 matters go to 自然资源和规划 and are refused here."""
    penalty = await svc.decide_penalty(
        session=session, principal=principal, outbox=request.app.state.outbox,
        person_ref=PersonRef(request.app.state.settings.person_ref_keys), data=body
    )
    return penalty_out(penalty)


@router.get("", response_model=Page[PenaltyOut], summary="行政处罚列表 / Penalty decisions")
async def list_penalties(session: SessionDep, principal: PrincipalDep, page: PageDep) -> Page[PenaltyOut]:
    rows, total = await svc.list_penalties(
        session=session, principal=principal, limit=page.limit, offset=page.offset
    )
    return Page(items=[penalty_out(p) for p in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/{penalty_id}", response_model=PenaltyOut, summary="一项行政处罚 / One penalty decision")
async def get_penalty(penalty_id: str, session: SessionDep, principal: PrincipalDep) -> PenaltyOut:
    return penalty_out(await svc.get_penalty(session=session, principal=principal, penalty_id=penalty_id))
