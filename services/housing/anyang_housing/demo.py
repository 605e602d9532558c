"""Demo data for `make run` (idempotent): a project from review to a signed, filed lease.

- 示范市民 (person-demo, ID 410502198506150026) applies: a household of 3 owning one 42 ㎡ flat in the city
  area (14 ㎡ each, below 15: tier 3).
- 安阳钢铁示范有限公司 (ent-demo1) registers housing for its employees in 文峰区; 文峰区人民政府
  (county-wenfeng) leads the joint review; 市住建局 (dept-zjj) approves and records the market rent; the
  operator files its rent, offers unit 1-101 to 示范市民, who accepts; the lease 2023-03-01..2023-08-31 is
  signed and filed (half a year: it qualifies for a residence permit).
- A second applicant (an employee of ent-demo1) waits in the queue, so unit 1-102 can be offered.
- 林州市人民政府 (county-linzhou) recognises a county project and files it; its 2023 construction plan is
  approved by the province and published; the project started in May 2023 (the yearly assessment counts it).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from anyang_housing.models.applications import Application
from anyang_housing.models.projects import Project
from anyang_housing.schemas import projects as ps
from anyang_housing.schemas.applications import ApplicationIn
from anyang_housing.schemas.leases import LeaseIn, OfferIn
from anyang_housing.schemas.plans import PlanApprovalIn, PlanIn
from anyang_housing.service import allocation, plans, projects
from anyang_housing.service.access import vault_of
from anyang_housing.service.applications import submit_application
from govkit import context
from govkit.auth import Principal, PrincipalKind

APPLICANT = Principal(
    sub="person-demo", kind=PrincipalKind.person, org="410502198506150026", region="410502", name="示范市民"
)
OFFICE = Principal(sub="dept-zjj", kind=PrincipalKind.department, org="zjj", scopes=["housing.admin"],
                   name="市住房和城乡建设局")
OPERATOR = Principal(sub="ent-demo1", kind=PrincipalKind.enterprise, org="91410500MA44GT012H",
                     name="安阳钢铁示范有限公司")
WENFENG = Principal(sub="county-wenfeng", kind=PrincipalKind.department, org="410502", region="410502",
                    scopes=["housing.region"], name="文峰区人民政府")
LINZHOU = Principal(sub="county-linzhou", kind=PrincipalKind.department, org="410581", region="410581",
                    scopes=["housing.region"], name="林州市人民政府")
PROJECT = "安钢职工保障性租赁住房（示范）"
LOCALITY = "文峰区中华路片区"


def _units(areas: list[str]) -> list[ps.UnitIn]:
    return [ps.UnitIn(number=f"1-{101 + i}", floor_area_m2=Decimal(a)) for i, a in enumerate(areas)]


async def _as(app, principal: Principal, fn, **kwargs):
    token = context.bind(context.RequestContext(request_id="demo", principal=principal))
    try:
        async with app.state.sessionmaker() as session:
            return await fn(session=session, principal=principal, **kwargs)
    finally:
        context.reset(token)


async def load_demo(app) -> None:
    vault = vault_of(app.state.settings)
    async with app.state.sessionmaker() as session:
        if (await session.execute(select(Project.id).where(Project.name == PROJECT))).first():
            return
        hashes = vault.lookup_hashes(APPLICANT.org)
        applied = (await session.execute(select(Application.id).where(
            Application.applicant_id_hash.in_(hashes)))).first()
    if not applied:
        await _as(app, APPLICANT, submit_application, vault=vault, data=ApplicationIn(
            applicant_name="示范市民", id_number=APPLICANT.org, household_members=3,
            owned_areas_m2=[Decimal("42")]))
    await _as(app, OFFICE, submit_application, vault=vault, data=ApplicationIn(
        applicant_name="示范职工", id_number="41050220000101001X", household_members=1,
        employer_code=OPERATOR.org))
    p = await _as(app, OPERATOR, projects.register, data=ps.ProjectIn(
        name=PROJECT, region="410502", locality=LOCALITY, address="安阳市文峰区中华路88号", source="new_build",
        land_type="enterprise_own", operator_name=OPERATOR.name, target="employer", target_mode="priority",
        target_code=OPERATOR.org, units=_units(["45", "60", "70", "70", "89"])))
    await _as(app, WENFENG, projects.joint_review, project_id=p.id, data=ps.JointReviewIn(
        approved=True, departments=["文峰区发展改革委", "文峰区自然资源和规划分局", "文峰区住房城乡建设局"],
        opinion="符合规划和安全要求，同意上报"))
    await _as(app, OFFICE, projects.approve, project_id=p.id, data=ps.ApprovalIn(opinion="同意认定"))
    await _as(app, OFFICE, projects.record_market_rent, data=ps.MarketRentIn(
        region="410502", locality=LOCALITY, rent_fen_per_m2=1800, valid_from=date(2023, 1, 1),
        source="市住房租赁市场监测（示范数据）"))
    await _as(app, OPERATOR, projects.file_rent, project_id=p.id, data=ps.RentFilingIn(rent_fen_per_m2=1200))
    # the employee comes first (targeted supply), then 示范市民: offer both, one accepts and signs
    first = await _as(app, OPERATOR, allocation.make_offer, project_id=p.id, data=OfferIn(unit_number="1-103"))
    await _as(app, OFFICE, allocation.answer_offer, vault=vault, offer_id=first.id, accept=True)
    await _as(app, OPERATOR, allocation.sign_lease, vault=vault, offer_id=first.id,
              data=LeaseIn(start_on=date(2023, 3, 1), end_on=date(2024, 2, 29)))
    offer = await _as(app, OPERATOR, allocation.make_offer, project_id=p.id, data=OfferIn(unit_number="1-101"))
    await _as(app, APPLICANT, allocation.answer_offer, vault=vault, offer_id=offer.id, accept=True)
    lease = await _as(app, OPERATOR, allocation.sign_lease, vault=vault, offer_id=offer.id,
                      data=LeaseIn(start_on=date(2023, 3, 1), end_on=date(2023, 8, 31)))
    await _as(app, OPERATOR, allocation.file_lease, lease_id=lease.id)
    # a waiting applicant so that the operator can try an offer of 1-102 at once
    await _as(app, OFFICE, submit_application, vault=vault, data=ApplicationIn(
        applicant_name="示范青年", id_number="41050219990101001X", household_members=1, residence_permit=True))
    county = await _as(app, OPERATOR, projects.register, data=ps.ProjectIn(
        name="林州装备园区宿舍型保障性租赁住房（示范）", region="410581", locality="林州市红旗渠大道片区",
        address="林州市红旗渠大道1号", source="new_build", land_type="enterprise_own", operator_name=OPERATOR.name,
        units=_units(["30", "30", "30", "45"])))
    await _as(app, LINZHOU, projects.county_recognise, project_id=county.id, data=ps.CountyRecognitionIn(
        document_number="林保租认〔2023〕1号", departments=["林州市住房城乡建设局"], opinion="同意认定"))
    await _as(app, OPERATOR, projects.record_progress, project_id=county.id,
              data=ps.ProgressIn(started_on=date(2023, 5, 8)))
    plan = await _as(app, LINZHOU, plans.create, data=PlanIn(region="410581", year=2023, planned_units=200))
    await _as(app, OFFICE, plans.approve, plan_id=plan.id, data=PlanApprovalIn(
        approval_number="豫政文〔2023〕示范1号", approved_on=date(2023, 3, 20)))
    await _as(app, LINZHOU, plans.publish, plan_id=plan.id)
