"""Applications for affordable rental housing (安政办〔2023〕7号 三（一）)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from anyang_housing.api.common import created
from anyang_housing.domain.eligibility import TIER_LABELS
from anyang_housing.models.applications import Application
from anyang_housing.schemas.applications import (
    RELATION_LABELS,
    ApplicationIn,
    ApplicationOut,
    Assessment,
    HomeOut,
    MemberOut,
    QueueEntry,
    QueuePosition,
)
from anyang_housing.schemas.vocab import APPLICATION_STATUS_LABELS, ASSESSMENT_OUTCOME_LABELS, QUEUE_STATUS_LABELS
from anyang_housing.service import applications as svc
from anyang_housing.service.access import vault_of
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.i18n import t
from govkit.pagination import Page, PageDep

router = APIRouter(tags=["applications"])



def application_out(a: Application) -> ApplicationOut:
    d = a.decision
    return ApplicationOut(
        id=a.id,
        applicant_name=a.applicant_name,
        id_number_masked=a.applicant_id_masked,
        household_members=a.household_members,
        owned_areas_m2=a.owned_areas_m2,
        per_person_area_m2=str(a.per_person_area_m2),
        new_citizen=a.new_citizen,
        applied_on=a.applied_on,
        status=a.status,
        status_label=APPLICATION_STATUS_LABELS[a.status],
        priority_tier=a.priority_tier,
        priority_label=TIER_LABELS.get(a.priority_tier) if a.priority_tier else None,
        assessment=Assessment(
            eligible=a.eligible,
            outcome=d["outcome"],
            outcome_label=ASSESSMENT_OUTCOME_LABELS[d["outcome"]],
            basis=d["basis"],
            reason=t(d["reason_zh"], d["reason_en"]),
            facts=d["facts"],
        ),
        members=[MemberOut(**m, relation_label=RELATION_LABELS[m["relation"]]) for m in a.members]
        if a.members is not None else None,
        homes=[HomeOut(**h) for h in a.homes] if a.homes is not None else None,
        residence_permit=a.residence_permit,
        moved_in_on=a.moved_in_on,
        received_at=a.received_at,
        paper_received_on=a.paper_received_on,
        employer_code=a.employer_code,
        park_code=a.park_code,
        system_code=a.system_code,
        queue_status=a.queue_status,
        queue_status_label=QUEUE_STATUS_LABELS.get(a.queue_status) if a.queue_status else None,
    )


@router.post("/applications", status_code=201, response_model=ApplicationOut,
             summary="申请保障性租赁住房 / Apply for affordable rental housing; eligibility and priority tier")
async def submit_application(
    body: ApplicationIn, request: Request, response: Response, session: SessionDep, principal: PrincipalDep
) -> ApplicationOut:
    """Apply (the person for themself, or the housing office at its counter); the answer says whether the
    household is eligible, in which priority tier, on what basis and from which facts. The household is
    given as `members[]` and `homes[]` (each home's region code: the service decides whether it lies in
    the city area), or as the original `household_members` and `owned_areas_m2`; both forms must agree.
    The application time is the service's time of receipt; only the housing office records the receipt
    date of a paper application (`paper_received_on`, not in the future, audited).
    Example caller: person-demo (for themself)."""
    app = await svc.submit_application(
        session=session, principal=principal, vault=vault_of(request.app.state.settings), data=body
    )
    created(request, response, f"/applications/{app.id}")
    return application_out(app)


@router.get("/applications", response_model=Page[ApplicationOut],
            summary="住房申请列表 / Applications (housing office: all; a person: their own)")
async def list_applications(
    request: Request, session: SessionDep, principal: PrincipalDep, page: PageDep
) -> Page[ApplicationOut]:
    """The housing office: all applications; a person: their own."""
    rows, total = await svc.list_applications(
        session=session,
        principal=principal,
        vault=vault_of(request.app.state.settings),
        limit=page.limit,
        offset=page.offset,
    )
    return Page(items=[application_out(a) for a in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/applications/{application_id}", response_model=ApplicationOut,
            summary="一份住房申请 / One housing application")
async def get_application(
    application_id: str, request: Request, session: SessionDep, principal: PrincipalDep
) -> ApplicationOut:
    return application_out(
        await svc.get_application(
            session=session,
            principal=principal,
            vault=vault_of(request.app.state.settings),
            application_id=application_id,
        )
    )


@router.get("/applications/{application_id}/queue-position", response_model=QueuePosition,
            summary="轮候位次 / Queue position of an application (the applicant or the housing office)")
async def get_queue_position(
    application_id: str, request: Request, session: SessionDep, principal: PrincipalDep
) -> QueuePosition:
    """Position in the allocation queue: priority tier first (三（一）), then application time."""
    r = await svc.queue_position(session=session, principal=principal, vault=vault_of(request.app.state.settings),
                                 application_id=application_id)
    a = r["application"]
    return QueuePosition(
        application_id=a.id, queue_status=a.queue_status,
        queue_status_label=QUEUE_STATUS_LABELS.get(a.queue_status) if a.queue_status else None,
        priority_tier=a.priority_tier, position=r["position"], waiting_total=r["waiting_total"],
        queued_at=a.queued_at, rule=r["rule"])


@router.get("/queue", response_model=Page[QueueEntry],
            summary="轮候队列 / The allocation queue in order (housing office)")
async def get_queue(session: SessionDep, principal: PrincipalDep, page: PageDep) -> Page[QueueEntry]:
    rows, total = await svc.queue_page(session=session, principal=principal, limit=page.limit, offset=page.offset)
    return Page(items=[QueueEntry(position=pos, application_id=a.id, applicant_name=a.applicant_name,
                                  id_number_masked=a.applicant_id_masked, priority_tier=a.priority_tier,
                                  priority_label=TIER_LABELS[a.priority_tier], queued_at=a.queued_at)
                       for pos, a in rows], total=total, limit=page.limit, offset=page.offset)
