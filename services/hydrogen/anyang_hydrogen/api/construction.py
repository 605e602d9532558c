"""Construction parties (第十条), start of construction and completion acceptance (第十一条)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from anyang_hydrogen.api.stations import station_out
from anyang_hydrogen.domain.construction import ROLE_LABELS
from anyang_hydrogen.models.construction import Acceptance, ConstructionParty
from anyang_hydrogen.schemas.construction import AcceptanceIn, AcceptanceOut, PartyIn, PartyOut, TransitionIn
from anyang_hydrogen.schemas.stations import CHANNEL_LABELS, StationOut
from anyang_hydrogen.service import construction as svc
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.location import set_location
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/stations/{station_id}", tags=["construction"])


def party_out(p: ConstructionParty) -> PartyOut:
    return PartyOut(id=p.id, station_id=p.station_id, role=p.role, role_label=ROLE_LABELS[p.role], name=p.name,
                    code=p.code, qualification=p.qualification, certificate_number=p.certificate_number)


def acceptance_out(a: Acceptance) -> AcceptanceOut:
    return AcceptanceOut(
        id=a.id, station_id=a.station_id, accepted_on=a.accepted_on, evaluation_agency=a.evaluation_agency,
        evaluation_report_number=a.evaluation_report_number, summary=a.summary, reported_on=a.reported_on,
        report_due=a.report_due, due_provisional=a.due_provisional, due_basis=a.due_basis,
        report_late=a.report_late, channel=a.channel, channel_label=CHANNEL_LABELS[a.channel])


@router.post("/parties", status_code=201, response_model=PartyOut,
             summary="登记设计、施工、监理单位 / Record a construction party with its qualification (第十条)")
async def add_party(station_id: str, body: PartyIn, request: Request, response: Response, session: SessionDep,
                    principal: PrincipalDep) -> PartyOut:
    """The operator (ent-demo2 for its station) or the gas authority records each party and its certificate."""
    party = await svc.add_party(session=session, principal=principal, station_id=station_id, data=body)
    set_location(request, response, f"/stations/{station_id}/parties")
    return party_out(party)


@router.get("/parties", response_model=Page[PartyOut],
            summary="设计、施工、监理单位 / Construction parties of a station")
async def list_parties(station_id: str, session: SessionDep, page: PageDep) -> Page[PartyOut]:
    rows, total = await svc.list_parties(session=session, station_id=station_id, limit=page.limit,
                                         offset=page.offset)
    return Page(items=[party_out(p) for p in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/construction", response_model=StationOut,
             summary="开工建设 / Start construction (planned → under construction, 第九条、第十条)")
async def start_construction(station_id: str, body: TransitionIn, session: SessionDep, principal: PrincipalDep
                             ) -> StationOut:
    """The operator (ent-demo2) or the gas authority; needs medium, use and a land use fitting it (第九条) and
    designer, builder and supervisor (第十条)."""
    return station_out(await svc.start_construction(session=session, principal=principal, station_id=station_id,
                                                    reason=body.reason))


@router.post("/acceptance", status_code=201, response_model=AcceptanceOut,
             summary="竣工验收备案 / Report the completion acceptance (第十一条, 15 days)")
async def record_acceptance(station_id: str, body: AcceptanceIn, request: Request, response: Response,
                            session: SessionDep, principal: PrincipalDep) -> AcceptanceOut:
    """The builder (operator, e.g. ent-demo2) reports online — received that day — or the county authority
    enters a paper report with the day it was handed in; a report after the 15th day (a holiday moves it to the
    next working day) is flagged `report_late`."""
    a = await svc.record_acceptance(session=session, principal=principal, station_id=station_id, data=body)
    set_location(request, response, f"/stations/{station_id}/acceptance")
    return acceptance_out(a)


@router.get("/acceptance", response_model=Page[AcceptanceOut],
            summary="竣工验收记录 / Completion acceptances of a station")
async def list_acceptances(station_id: str, session: SessionDep, page: PageDep) -> Page[AcceptanceOut]:
    rows, total = await svc.list_acceptances(session=session, station_id=station_id, limit=page.limit,
                                             offset=page.offset)
    return Page(items=[acceptance_out(a) for a in rows], total=total, limit=page.limit, offset=page.offset)
