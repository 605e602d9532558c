"""Applications for affordable rental housing (安政办〔2023〕7号 三（一）)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from anyang_housing.domain.eligibility import TIER_LABELS
from anyang_housing.models.applications import Application
from anyang_housing.schemas.applications import ApplicationIn, ApplicationOut, Assessment
from anyang_housing.service import applications as svc
from anyang_housing.service.access import vault_of
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.i18n import t
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/applications", tags=["applications"])

STATUS_LABELS = {
    "eligible": "符合申请条件",
    "ineligible": "不符合申请条件",
    "revoked": "已撤销（骗取保障性住房）",
}


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
        status_label=STATUS_LABELS[a.status],
        priority_tier=a.priority_tier,
        priority_label=TIER_LABELS.get(a.priority_tier) if a.priority_tier else None,
        assessment=Assessment(
            eligible=a.eligible,
            outcome=d["outcome"],
            basis=d["basis"],
            reason=t(d["reason_zh"], d["reason_en"]),
            facts=d["facts"],
        ),
    )


@router.post("", status_code=201, response_model=ApplicationOut,
             summary="申请保障性租赁住房 / Apply for affordable rental housing; eligibility and priority tier")
async def submit_application(
    body: ApplicationIn, request: Request, session: SessionDep, principal: PrincipalDep
) -> ApplicationOut:
    """Apply (the person for themself, or the housing office at its counter); the answer says whether the
    household is eligible, in which priority tier, on what basis and from which facts."""
    app = await svc.submit_application(
        session=session, principal=principal, vault=vault_of(request.app.state.settings), data=body
    )
    return application_out(app)


@router.get("", response_model=Page[ApplicationOut],
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


@router.get("/{application_id}", response_model=ApplicationOut, summary="一份住房申请 / One housing application")
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
