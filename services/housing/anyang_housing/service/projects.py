"""Projects: registration by the operator, recognition (四（五）), rent filing (三（三）), progress, operation
rules (二（二）, 五（三）). One transaction per write, with its audit row."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_housing.domain.decision import Decision, refusal
from anyang_housing.domain.operation import disposition, exit_allowed, operation_ends, support_policies
from anyang_housing.domain.projects import (
    Relaxation,
    park_land_share,
    rent_below_market,
    rent_within_contract,
    unit_mix,
)
from anyang_housing.domain.regions import UnknownRegion, in_city_area
from anyang_housing.models import kit
from anyang_housing.models.projects import Encumbrance, MarketRent, Project, RentFiling, Unit
from anyang_housing.schemas import projects as s
from anyang_housing.service.access import is_admin, is_operator, is_region_government, require_admin
from govkit import audit
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date, utcnow
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation
from govkit.i18n import t

RECOGNISED = ("recognised", "filed")


@dataclass
class ProjectView:
    project: Project
    units_total: int
    units_available: int
    unit_mix: Decision


def _bad(field: str, zh: str, en: str) -> RuleViolation:
    return RuleViolation(zh, en, errors=[{"field": field, "message": t(zh, en)}])


def _not_future(field: str, value) -> None:
    if value is not None and value > business_date():
        raise _bad(field, "日期不能晚于今天", f"{field} cannot be in the future")


def relaxation_of(p: Project) -> Relaxation | None:
    return Relaxation(**p.relaxation) if p.relaxation else None


async def unit_areas(session: AsyncSession, project_id: str) -> list:
    return list((await session.execute(select(Unit.floor_area_m2).where(Unit.project_id == project_id))).scalars())


async def view(session: AsyncSession, p: Project) -> ProjectView:
    areas = await unit_areas(session, p.id)
    available = (await session.execute(select(func.count()).where(
        Unit.project_id == p.id, Unit.status == "available"))).scalar_one()
    return ProjectView(p, len(areas), available, unit_mix(areas, relaxation=relaxation_of(p)))


def policies(p: Project) -> list[dict]:
    return [x.as_dict() for x in support_policies(
        land_type=p.land_type, source=p.source, recognised=p.status in RECOGNISED,
        completion_accepted=p.completion_accepted_on is not None, exited=p.status == "exited")]


def minimum_operation_ends(p: Project):
    return operation_ends(p.source, p.certificate_on)


async def load(session: AsyncSession, project_id: str) -> Project:
    p = await session.get(Project, project_id)
    if p is None:
        raise NotFound(f"没有项目 {project_id}", f"No project {project_id}")
    return p


def may_see(principal: Principal, p: Project) -> bool:
    return (is_admin(principal) or is_region_government(principal, p.region)
            or is_operator(principal, p.operator_code) or (p.target == "talent" and principal.org == p.target_code))


def require_operator(principal: Principal, p: Project) -> None:
    if not (is_admin(principal) or is_operator(principal, p.operator_code)):
        raise Forbidden("仅限项目运营机构或市住房城乡建设局", "Only the project's operator or the housing office")


async def register(*, session: AsyncSession, principal: Principal, data: s.ProjectIn) -> Project:
    async with session.begin():
        if principal.kind == PrincipalKind.enterprise:
            if data.operator_code and data.operator_code != principal.org.upper():
                raise Forbidden("企业只能登记本企业运营的项目", "An enterprise registers only projects it operates")
            operator_code, operator_name = principal.org.upper(), data.operator_name or principal.name
        elif is_admin(principal):
            if not data.operator_code:
                raise _bad("operator_code", "须填写运营机构统一社会信用代码", "operator_code is required")
            operator_code, operator_name = data.operator_code, data.operator_name
        else:
            raise Forbidden("由运营机构或市住房城乡建设局登记项目", "Registered by the operator or the housing office")
        try:
            in_city_area(data.region)
        except UnknownRegion:
            raise _bad("region", f"{data.region} 不是本市县（市、区）或功能区代码",
                       f"{data.region} is not a region of the city") from None
        if data.target != "none" and not data.target_code:
            raise _bad("target_code", "定向供应须写明定向对象代码", "A targeted project needs target_code")
        numbers = [u.number for u in data.units]
        if len(set(numbers)) != len(numbers):
            raise _bad("units", "房号重复", "Unit numbers repeat")
        land: dict | None = None
        if data.land_type == "industrial_park":
            if data.park_land is None:
                raise _bad("park_land", "产业园区配套用地项目须填写 park_land",
                           "An industrial-park project needs park_land")
            d = park_land_share(data.park_land.support_land_share_pct, city_consent=data.park_land.city_consent,
                                extra_mainly_dormitory=data.park_land.extra_mainly_dormitory,
                                whole_apartment_commercial=data.park_land.whole_apartment_commercial)
            if not d:
                raise refusal(d)
            land = {"park_share": dict(d.facts), "park_share_outcome": d.outcome}
        if data.contract_rent is not None:
            land = (land or {}) | {"contract_rent": data.contract_rent.model_dump()}
        p = Project(
            id=str(uuid.uuid4()), name=data.name, region=data.region, locality=data.locality,
            address=data.address, source=data.source.value, land_type=data.land_type.value,
            investor_code=data.investor_code or operator_code, investor_name=data.investor_name or operator_name,
            operator_code=operator_code, operator_name=operator_name, target=data.target.value,
            target_mode=data.target_mode.value, target_code=data.target_code, land=land, status="registered",
            created_by=principal.sub, created_at=utcnow())
        session.add(p)
        session.add_all(Unit(id=str(uuid.uuid4()), project_id=p.id, number=u.number, floor_area_m2=u.floor_area_m2,
                             layout=u.layout.value, status="available") for u in data.units)
        await session.flush()
        await audit.record(session, kit, "project.register", "project", p.id,
                           {"units": len(data.units), "region": p.region, "operator": operator_code})
    return p


def _check_units(areas: list, relaxation: s.RelaxationIn | None) -> tuple[Decision, dict | None]:
    relax = Relaxation(relaxation.grounds.value, relaxation.reason, relaxation.approver) if relaxation else None
    d = unit_mix(areas, relaxation=relax)
    if not d:
        raise refusal(d)
    return d, (relax.__dict__ if relax and d.outcome == "unit_mix_relaxed" else None)


async def joint_review(*, session: AsyncSession, principal: Principal, project_id: str,
                       data: s.JointReviewIn) -> Project:
    """四（五）: 市区项目由各级政府牵头，组织相关部门联合审查；同意后上报市领导小组."""
    async with session.begin():
        p = await load(session, project_id)
        if not in_city_area(p.region):
            raise Conflict("县（市）项目由县（市）自行认定，报市领导小组备案，不经联合审查上报",
                           "County projects are recognised by the county, not by joint review")
        if not is_region_government(principal, p.region):  # the leading group approves; it does not review
            raise Forbidden("联合审查由项目所在区政府（管委会）牵头",
                            "The district government of the project leads the review")
        if p.status not in ("registered", "review_rejected"):
            raise Conflict(f"项目状态为{p.status}，不能联合审查", f"The project is {p.status}")
        review = {"approved": data.approved, "departments": data.departments, "opinion": data.opinion,
                  "lead": principal.org, "lead_name": principal.name, "reviewed_on": business_date().isoformat()}
        if data.approved:
            d, relaxed = _check_units(await unit_areas(session, p.id), data.relaxation)
            review["unit_mix"] = {"outcome": d.outcome, "facts": dict(d.facts)}
            p.relaxation = relaxed
        p.review, p.status = review, ("reviewed" if data.approved else "review_rejected")
        await audit.record(session, kit, "project.joint_review", "project", p.id,
                           {"approved": data.approved, "relaxation": p.relaxation})
    return p


async def _next_number(session: AsyncSession, column, prefix: str) -> str:
    year = business_date().year
    pattern = f"{prefix}〔{year}〕%"
    n = (await session.execute(select(func.count()).where(column.like(pattern)))).scalar_one()
    return f"{prefix}〔{year}〕{n + 1}号"


async def approve(*, session: AsyncSession, principal: Principal, project_id: str, data: s.ApprovalIn) -> Project:
    """The city leading group approves and issues the numbered 保障性租赁住房项目认定书."""
    async with session.begin():
        require_admin(principal)
        p = await load(session, project_id)
        if p.status != "reviewed":
            raise Conflict("须经区政府牵头的联合审查同意后方可审批", "Needs an approving joint review first")
        p.certificate_number = await _next_number(session, Project.certificate_number, "安保租认")
        p.certificate_on, p.recognised_by, p.status = business_date(), principal.org, "recognised"
        p.review = (p.review or {}) | {"approval_opinion": data.opinion}
        await audit.record(session, kit, "project.approve", "project", p.id, {"certificate": p.certificate_number})
    return p


async def county_recognise(*, session: AsyncSession, principal: Principal, project_id: str,
                           data: s.CountyRecognitionIn) -> Project:
    """四（五）: 各县（市）项目自行认定，报市保障性租赁住房工作领导小组备案 (filed on recognition)."""
    async with session.begin():
        p = await load(session, project_id)
        if not is_region_government(principal, p.region):  # another region's project: not yours to judge
            raise Forbidden("县（市）项目由项目所在县（市）人民政府认定",
                            "Recognised by the project's county government")
        if in_city_area(p.region):
            raise Conflict("市区项目须经联合审查并由市领导小组审批",
                           "City-area projects are approved by the leading group")
        if p.status != "registered":
            raise Conflict(f"项目状态为{p.status}，不能认定", f"The project is {p.status}")
        taken = (await session.execute(select(Project.id).where(
            Project.certificate_number == data.document_number))).first()
        if taken:
            raise Conflict(f"文号 {data.document_number} 已使用", f"{data.document_number} is already used")
        d, relaxed = _check_units(await unit_areas(session, p.id), data.relaxation)
        p.relaxation = relaxed
        p.review = {"approved": True, "departments": data.departments, "opinion": data.opinion,
                    "lead": principal.org, "lead_name": principal.name, "reviewed_on": business_date().isoformat(),
                    "unit_mix": {"outcome": d.outcome, "facts": dict(d.facts)}}
        p.certificate_number, p.certificate_on = data.document_number, business_date()
        p.recognised_by, p.filed_with_group_on, p.status = principal.org, business_date(), "filed"
        await audit.record(session, kit, "project.county_recognise", "project", p.id,
                           {"document_number": data.document_number})
    return p


async def record_progress(*, session: AsyncSession, principal: Principal, project_id: str,
                          data: s.ProgressIn) -> Project:
    async with session.begin():
        p = await load(session, project_id)
        require_operator(principal, p)
        for field in ("started_on", "completed_on", "completion_accepted_on"):
            value = getattr(data, field)
            _not_future(field, value)
            if value is not None:
                setattr(p, field, value)
        if p.completed_on and p.started_on and p.completed_on < p.started_on:
            raise _bad("completed_on", "竣工日期早于开工日期", "completed_on is before started_on")
        if p.completion_accepted_on and not p.completed_on:
            raise _bad("completion_accepted_on", "须先竣工", "Needs completed_on first")
        await audit.record(session, kit, "project.progress", "project", p.id, data.model_dump(mode="json"))
    return p


async def market_rent_for(session: AsyncSession, p: Project) -> MarketRent | None:
    q = (select(MarketRent).where(MarketRent.region == p.region, MarketRent.locality == p.locality,
                                  MarketRent.valid_from <= business_date())
         .order_by(MarketRent.valid_from.desc(), MarketRent.recorded_at.desc()).limit(1))
    return (await session.execute(q)).scalars().first()


async def file_rent(*, session: AsyncSession, principal: Principal, project_id: str,
                    data: s.RentFilingIn) -> tuple[RentFiling, list[Decision]]:
    """三（三）: 租金由投资主体或运营机构确定，报市领导小组备案; below the market reference (and within the
    land contract's terms, 四（一）5), else refused showing both figures."""
    async with session.begin():
        p = await load(session, project_id)
        require_operator(principal, p)
        if p.status == "exited":
            raise Conflict("项目已退出保障性租赁住房管理", "The project has exited")
        market = await market_rent_for(session, p)
        if market is None:
            raise Conflict(f"尚未登记{p.locality}（{p.region}）同地段同品质市场租金，暂不能备案",
                           f"No market reference rent recorded for {p.locality} ({p.region})")
        terms = (p.land or {}).get("contract_rent") or {}
        checks = [rent_below_market(data.rent_fen_per_m2, market.rent_fen_per_m2),
                  rent_within_contract(data.rent_fen_per_m2, terms.get("max_rent_fen_per_m2"),
                                       terms.get("adjustment", ""))]
        for d in checks:
            if not d:
                raise refusal(d)
        f = RentFiling(id=str(uuid.uuid4()), project_id=p.id,
                       filing_number=await _next_number(session, RentFiling.filing_number, "安保租金备"),
                       rent_fen_per_m2=data.rent_fen_per_m2, market_rent_fen_per_m2=market.rent_fen_per_m2,
                       decision={"checks": [d.as_dict() for d in checks]}, filed_on=business_date(),
                       filed_by=principal.sub)
        session.add(f)
        p.rent_fen_per_m2 = data.rent_fen_per_m2
        await session.flush()
        await audit.record(session, kit, "project.rent_filing", "project", p.id,
                           {"filing_number": f.filing_number, "rent_fen_per_m2": data.rent_fen_per_m2,
                            "market_rent_fen_per_m2": market.rent_fen_per_m2})
    return f, checks


async def record_market_rent(*, session: AsyncSession, principal: Principal, data: s.MarketRentIn) -> MarketRent:
    async with session.begin():
        require_admin(principal)
        try:
            in_city_area(data.region)
        except UnknownRegion:
            raise _bad("region", f"{data.region} 不是本市县（市、区）或功能区代码",
                       "Not a region of the city") from None
        m = MarketRent(id=str(uuid.uuid4()), region=data.region, locality=data.locality,
                       rent_fen_per_m2=data.rent_fen_per_m2, valid_from=data.valid_from, source=data.source,
                       recorded_by=principal.sub, recorded_at=utcnow())
        session.add(m)
        await session.flush()
        await audit.record(session, kit, "market_rent.record", "market_rent", m.id, data.model_dump(mode="json"))
    return m


async def list_market_rents(*, session: AsyncSession, principal: Principal, limit: int, offset: int):
    if not (is_admin(principal) or principal.kind == PrincipalKind.enterprise
            or principal.has("housing.region")):
        raise Forbidden("市场参考租金供领导小组、区县政府和运营机构查看",
                        "For the housing office, governments and operators")
    q = select(MarketRent)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(MarketRent.region, MarketRent.locality, MarketRent.valid_from)
                                 .limit(limit).offset(offset))
    return list(rows.scalars()), total


async def exit_project(*, session: AsyncSession, principal: Principal, project_id: str) -> tuple[Project, Decision]:
    """二（二）: 5年后可申请退出; 五（三）: exit withdraws the support policies. Active leases run on."""
    async with session.begin():
        p = await load(session, project_id)
        require_operator(principal, p)
        if p.status not in RECOGNISED:
            raise Conflict("未认定或已退出的项目不能申请退出", "Only a recognised project can exit")
        d = exit_allowed(source=p.source, certificate_on=p.certificate_on, today=business_date())
        if not d:
            raise refusal(d)
        p.status, p.exited_on = "exited", business_date()
        await audit.record(session, kit, "project.exit", "project", p.id, {"outcome": d.outcome})
    return p, d


async def dispose(*, session: AsyncSession, principal: Principal, project_id: str,
                  data: s.DispositionIn) -> tuple[Encumbrance, Decision]:
    """五（三）: 只租不售…不得分割转让、分割抵押; a whole-project mortgage is recorded (四（三）4, 四（一）1)."""
    async with session.begin():
        p = await load(session, project_id)
        require_operator(principal, p)
        d = disposition(data.kind.value, land_type=p.land_type)
        if not d:
            raise refusal(d)
        if not data.creditor:
            raise _bad("creditor", "整体抵押须写明抵押权人", "A mortgage needs its creditor")
        _not_future("registered_on", data.registered_on)
        e = Encumbrance(id=str(uuid.uuid4()), project_id=p.id, kind=data.kind.value, creditor=data.creditor,
                        amount_fen=data.amount_fen, registered_on=data.registered_on or business_date(),
                        recorded_by=principal.sub, active=True)
        session.add(e)
        await session.flush()
        await audit.record(session, kit, "project.mortgage", "project", p.id, {"kind": e.kind, "creditor": e.creditor})
    return e, d


async def get_project(*, session: AsyncSession, principal: Principal, project_id: str) -> ProjectView:
    p = await load(session, project_id)
    if not may_see(principal, p):
        raise Forbidden("无权查看该项目（公众请用 /public/projects）", "Not yours (the public: /public/projects)")
    return await view(session, p)


async def list_projects(*, session: AsyncSession, principal: Principal, limit: int,
                        offset: int) -> tuple[list[ProjectView], int]:
    q = select(Project)
    if is_admin(principal):
        pass
    elif principal.kind == PrincipalKind.department and principal.has("housing.region"):
        q = q.where(Project.region == principal.region)
    elif principal.kind == PrincipalKind.enterprise:
        q = q.where(or_(Project.operator_code == principal.org.upper(),
                        (Project.target == "talent") & (Project.target_code == principal.org)))
    elif principal.kind == PrincipalKind.department:
        q = q.where(Project.target == "talent", Project.target_code == principal.org)
    else:
        raise Forbidden("公众请用 /public/projects", "The public: /public/projects")
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = (await session.execute(q.order_by(Project.created_at, Project.id).limit(limit).offset(offset))).scalars()
    return [await view(session, p) for p in rows], total


async def list_units(*, session: AsyncSession, principal: Principal, project_id: str, limit: int, offset: int):
    p = await load(session, project_id)
    if not may_see(principal, p):
        raise Forbidden("无权查看该项目的房源", "Not allowed to see this project's units")
    q = select(Unit).where(Unit.project_id == p.id)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(Unit.number).limit(limit).offset(offset))
    return p, list(rows.scalars()), total


def _public():
    return select(Project).where(Project.status.in_(RECOGNISED))


async def public_projects(*, session: AsyncSession, limit: int, offset: int):
    total = (await session.execute(select(func.count()).select_from(_public().subquery()))).scalar_one()
    rows = (await session.execute(_public().order_by(Project.certificate_on, Project.id).limit(limit)
                                  .offset(offset))).scalars()
    return [await view(session, p) for p in rows], total


async def public_project(*, session: AsyncSession, project_id: str) -> tuple[ProjectView, list[Unit]]:
    p = (await session.execute(_public().where(Project.id == project_id))).scalars().first()
    if p is None:
        raise NotFound(f"没有已认定的项目 {project_id}", f"No recognised project {project_id}")
    units = (await session.execute(select(Unit).where(Unit.project_id == p.id, Unit.status == "available")
                                   .order_by(Unit.number).limit(500))).scalars()
    return await view(session, p), list(units)
