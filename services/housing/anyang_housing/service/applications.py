"""Applications: assessed at once against 三（一） (eligibility and priority), stored with the basis.

The application time is the service's time of receipt; the housing office may record the receipt date of a
paper application (not in the future, audited); a date the applicant sends is not used.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, datetime, time

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_housing.domain.allocation import REFUSAL_RULE
from anyang_housing.domain.eligibility import Household, assess, new_citizen_basis, per_person_area
from anyang_housing.domain.regions import UnknownRegion, in_city_area, region_name
from anyang_housing.models import kit
from anyang_housing.models.applications import Application
from anyang_housing.schemas.applications import ApplicationIn
from anyang_housing.service.access import is_admin, is_the_person, require_admin
from govkit import audit
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date, utcnow
from govkit.crypto import IdVault
from govkit.errors import Forbidden, NotFound, RuleViolation
from govkit.i18n import t
from govkit.ids import mask_id, resident_birth_date
from govkit.rules.periods import SHANGHAI


def _bad(field: str, zh: str, en: str) -> RuleViolation:
    return RuleViolation(zh, en, errors=[{"field": field, "message": t(zh, en)}])


def _household(data: ApplicationIn) -> tuple[int, list, list | None, list | None]:
    """(members, city-area home areas, members out, homes out) from either form; both forms must agree."""
    if data.members is None and data.household_members is None:
        raise _bad("household_members", "须填写家庭成员 members 或人数 household_members",
                   "Give members or household_members")
    count = len(data.members) if data.members is not None else data.household_members
    if data.members is not None and data.household_members is not None and data.household_members != count:
        raise _bad("household_members", f"家庭成员人数{data.household_members}与成员名单{count}人不一致",
                   f"household_members {data.household_members} disagrees with {count} members listed")
    if any(a <= 0 for a in data.owned_areas_m2):
        raise _bad("owned_areas_m2", "每套自有住房的建筑面积应大于0", "Each owned home's floor area must be above 0")
    homes_out = None
    city_areas = list(data.owned_areas_m2)
    if data.homes is not None:
        homes_out = []
        for i, h in enumerate(data.homes):
            try:
                inside = in_city_area(h.region)
            except UnknownRegion:
                raise _bad(f"homes.{i}.region", f"{h.region} 不是本市县（市、区）或功能区代码",
                           f"{h.region} is not a region of the city") from None
            homes_out.append({"area_m2": str(h.area_m2), "region": h.region, "region_name": region_name(h.region),
                              "in_city_area": inside})
        from_homes = [h.area_m2 for h, o in zip(data.homes, homes_out, strict=True) if o["in_city_area"]]
        if data.owned_areas_m2 and Counter(from_homes) != Counter(data.owned_areas_m2):
            raise _bad("owned_areas_m2", "owned_areas_m2 与 homes 中位于市区的住房面积不一致",
                       "owned_areas_m2 disagrees with the city-area homes listed in homes")
        city_areas = from_homes
    members_out = [m.model_dump(mode="json") for m in data.members] if data.members is not None else None
    if members_out is not None and sum(1 for m in members_out if m["relation"] == "applicant") > 1:
        raise _bad("members", "家庭成员中只能有一位申请人本人", "Only one member can be the applicant")
    return count, city_areas, members_out, homes_out


def _receipt(principal: Principal, data: ApplicationIn, now: datetime) -> tuple:
    """(applied_on, queued_at, paper_received_on, ignored declared date)."""
    today = business_date()
    for field in ("applied_on", "paper_received_on"):
        value = getattr(data, field)
        if value is not None and value > today:
            raise _bad(field, "日期不能晚于今天", f"{field} cannot be in the future")
    paper = data.paper_received_on or (data.applied_on if is_admin(principal) else None)
    if data.paper_received_on is not None and not is_admin(principal):
        raise Forbidden("纸质申请收件日期由受理窗口（housing.admin）记录",
                        "Only the housing office records a paper receipt")
    if paper is not None:
        return paper, datetime.combine(paper, time(0), tzinfo=SHANGHAI).astimezone(UTC), paper, None
    return today, now, None, data.applied_on


async def submit_application(
    *, session: AsyncSession, principal: Principal, vault: IdVault, data: ApplicationIn
) -> Application:
    async with session.begin():
        if principal.kind == PrincipalKind.person:
            if principal.org.strip().upper() != data.id_number:
                raise Forbidden("个人只能为本人申请", "A person applies only for themself")
        elif not is_admin(principal):
            raise Forbidden(
                "由申请人本人或市住房城乡建设局受理", "Submitted by the applicant or the housing office"
            )
        now = utcnow()
        applied_on, queued_at, paper, ignored = _receipt(principal, data, now)
        members, city_areas, members_out, homes_out = _household(data)
        new_citizen, citizen_facts = data.new_citizen, {"new_citizen_basis": "declared"}
        if data.residence_permit is not None or data.moved_in_on is not None:
            if data.moved_in_on is not None and data.moved_in_on > business_date():
                raise _bad("moved_in_on", "迁入日期不能晚于今天", "moved_in_on cannot be in the future")
            basis = new_citizen_basis(bool(data.residence_permit), data.moved_in_on, applied_on)
            if data.new_citizen and not basis.value:
                raise _bad("new_citizen", f"申报为新市民，但{basis.reason_zh}",
                           f"Declared new citizen, but {basis.reason_en}")
            new_citizen = basis.value
            citizen_facts = {"new_citizen_basis": basis.outcome, "new_citizen_facts": dict(basis.facts),
                             "new_citizen_rule": basis.basis}
        household = Household(
            members=members,
            owned_areas_m2=tuple(city_areas),
            birth_date=resident_birth_date(data.id_number),
            new_citizen=new_citizen,
            applied_on=applied_on,
        )
        decision = assess(household)
        facts = dict(decision.facts) | citizen_facts
        if members_out is not None:
            facts["household"] = members_out
        if homes_out is not None:
            facts["properties"] = homes_out
        if ignored is not None:
            facts["declared_applied_on_not_used"] = ignored.isoformat()
        app = Application(
            id=str(uuid.uuid4()),
            applicant_id_encrypted=vault.encrypt(data.id_number),
            applicant_id_hash=vault.lookup_hash(data.id_number),
            applicant_id_masked=mask_id(data.id_number),
            applicant_name=data.applicant_name,
            household_members=members,
            owned_areas_m2=[str(a) for a in city_areas],
            per_person_area_m2=per_person_area(household),
            new_citizen=new_citizen,
            applied_on=applied_on,
            eligible=decision.value,
            priority_tier=decision.facts["priority_tier"],
            decision={
                "outcome": decision.outcome,
                "basis": decision.basis,
                "facts": facts,
                "reason_zh": decision.reason_zh,
                "reason_en": decision.reason_en,
            },
            status="eligible" if decision.value else "ineligible",
            created_by=principal.sub,
            created_at=now,
            members=members_out,
            homes=homes_out,
            residence_permit=data.residence_permit,
            moved_in_on=data.moved_in_on,
            received_at=now,
            paper_received_on=paper,
            employer_code=data.employer_code,
            park_code=data.park_code,
            system_code=data.system_code,
            queue_status="waiting" if decision.value else None,
            queued_at=queued_at if decision.value else None,
        )
        session.add(app)
        await session.flush()
        await audit.record(
            session,
            kit,
            "application.submit",
            "application",
            app.id,
            {"eligible": decision.value, "outcome": decision.outcome, "received_at": now.isoformat(),
             "paper_received_on": paper.isoformat() if paper else None},
        )
    return app


async def get_application(
    *, session: AsyncSession, principal: Principal, vault: IdVault, application_id: str
) -> Application:
    app = await session.get(Application, application_id)
    if app is None:
        raise NotFound(f"没有申请 {application_id}", f"No application {application_id}")
    if not (is_admin(principal) or is_the_person(principal, vault, app.applicant_id_hash)):
        raise Forbidden("只能查看本人的申请", "Only your own application")
    return app


async def list_applications(
    *, session: AsyncSession, principal: Principal, vault: IdVault, limit: int, offset: int
) -> tuple[list[Application], int]:
    q = select(Application)
    if is_admin(principal):
        pass
    elif principal.kind == PrincipalKind.person:
        q = q.where(Application.applicant_id_hash.in_(vault.lookup_hashes(principal.org)))
    else:
        raise Forbidden("需要 housing.admin 或申请人本人", "Requires housing.admin or the applicant")
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(
        q.order_by(Application.created_at, Application.id).limit(limit).offset(offset)
    )
    return list(rows.scalars()), total


def _waiting():
    return select(Application).where(Application.queue_status == "waiting")


QUEUE_ORDER = (Application.priority_tier, Application.queued_at, Application.id)


async def next_in_queue(session: AsyncSession, *, limit: int = 1000) -> list[Application]:
    """Eligible applicants waiting, in queue order (tier, queue time, id)."""
    return list((await session.execute(_waiting().order_by(*QUEUE_ORDER).limit(limit))).scalars())


async def position_of(session: AsyncSession, app: Application) -> int | None:
    if app.queue_status != "waiting":
        return None
    A = Application
    ahead = _waiting().where(or_(
        A.priority_tier < app.priority_tier,
        and_(A.priority_tier == app.priority_tier, A.queued_at < app.queued_at),
        and_(A.priority_tier == app.priority_tier, A.queued_at == app.queued_at, A.id < app.id)))
    return (await session.execute(select(func.count()).select_from(ahead.subquery()))).scalar_one() + 1


async def queue_position(
    *, session: AsyncSession, principal: Principal, vault: IdVault, application_id: str
) -> dict:
    app = await get_application(session=session, principal=principal, vault=vault, application_id=application_id)
    total = (await session.execute(select(func.count()).select_from(_waiting().subquery()))).scalar_one()
    return {"application": app, "position": await position_of(session, app), "waiting_total": total,
            "rule": t(*REFUSAL_RULE)}


async def queue_page(*, session: AsyncSession, principal: Principal, limit: int, offset: int) -> tuple[list, int]:
    require_admin(principal)
    total = (await session.execute(select(func.count()).select_from(_waiting().subquery()))).scalar_one()
    rows = (await session.execute(_waiting().order_by(*QUEUE_ORDER).limit(limit).offset(offset))).scalars()
    return list(enumerate(rows, offset + 1)), total
