"""Accident reports and investigation conclusions."""

from __future__ import annotations

from fastapi import APIRouter, Request

from anyang_hydrogen.domain import severity as grading
from anyang_hydrogen.models.accidents import Accident
from anyang_hydrogen.schemas.accidents import AccidentIn, AccidentOut, ConclusionIn
from anyang_hydrogen.service import accidents as svc
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/accidents", tags=["accidents"])


def accident_out(a: Accident) -> AccidentOut:
    concluded = a.concluded_on is not None
    return AccidentOut(
        id=a.id,
        station_id=a.station_id,
        operator_code=a.operator_code,
        operator_name=a.operator_name,
        region=a.region,
        occurred_on=a.occurred_on,
        severity=a.severity,
        severity_label=grading.label(a.severity),
        severity_basis=grading.GRADING_BASIS,
        deaths=a.deaths,
        serious_injuries=a.serious_injuries,
        direct_loss_yuan=a.direct_loss_yuan,
        summary=a.summary,
        announced=a.announced,
        status="concluded" if concluded else "under_investigation",
        status_label="已有调查结论" if concluded else "调查中",
        concluded_on=a.concluded_on,
        responsible=a.responsible,
        conclusion=a.conclusion,
    )


@router.post("", status_code=201, response_model=AccidentOut,
             summary="报告加氢站事故 / Report an accident (第二十五条)")
async def report_accident(
    body: AccidentIn, request: Request, session: SessionDep, principal: PrincipalDep
) -> AccidentOut:
    """Report an accident (第二十五条): the station's operator (ent-demo2 at the demo station), the city gas
    authority or the county's.
    较大 or worse emits hydrogen.accident.reported."""
    accident = await svc.report_accident(
        session=session, principal=principal, outbox=request.app.state.outbox, data=body
    )
    return accident_out(accident)


@router.get("", response_model=Page[AccidentOut], summary="事故列表 / Accidents")
async def list_accidents(
    session: SessionDep, principal: PrincipalDep, page: PageDep, station_id: str | None = None
) -> Page[AccidentOut]:
    rows, total = await svc.list_accidents(
        session=session, principal=principal, limit=page.limit, offset=page.offset, station_id=station_id
    )
    return Page(items=[accident_out(a) for a in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/{accident_id}", response_model=AccidentOut, summary="一起事故 / One accident")
async def get_accident(accident_id: str, session: SessionDep, principal: PrincipalDep) -> AccidentOut:
    return accident_out(await svc.get_accident(session=session, principal=principal, accident_id=accident_id))


@router.post("/{accident_id}/conclusion", response_model=AccidentOut,
             summary="事故调查结论 / Record the investigation's conclusion (责任事故 or not)")
async def conclude_accident(
    accident_id: str, body: ConclusionIn, request: Request, session: SessionDep, principal: PrincipalDep
) -> AccidentOut:
    """Record the investigation's conclusion (责任事故 or not): the city gas authority (dept-cgj); a county
    authority only for 一般事故 in its area (条例 第十九条). Emits hydrogen.accident.concluded for
    announced accidents."""
    accident = await svc.conclude_accident(
        session=session,
        principal=principal,
        outbox=request.app.state.outbox,
        accident_id=accident_id,
        data=body,
    )
    return accident_out(accident)
