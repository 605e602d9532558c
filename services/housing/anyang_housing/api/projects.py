"""Projects: registration, recognition, rents, progress, operation rules; market reference rents; the
public list of recognised projects (安政办〔2023〕7号 二（二）, 三（二）, 三（三）, 四, 五（三）)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from anyang_housing.api.common import created, verdict
from anyang_housing.domain.leases import monthly_rent_fen
from anyang_housing.domain.operation import DISPOSITIONS
from anyang_housing.domain.regions import in_city_area, region_name
from anyang_housing.models.projects import MarketRent, Project, Unit
from anyang_housing.schemas import projects as s
from anyang_housing.schemas.vocab import (
    LAND_LABELS,
    LAYOUT_LABELS,
    PROJECT_STATUS_LABELS,
    SOURCE_LABELS,
    TARGET_LABELS,
    TARGET_MODE_LABELS,
    UNIT_STATUS_LABELS,
)
from anyang_housing.service import projects as svc
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(tags=["projects"])


def unit_out(u: Unit, p: Project) -> s.UnitOut:
    return s.UnitOut(id=u.id, number=u.number, floor_area_m2=str(u.floor_area_m2), layout=u.layout,
                     layout_label=LAYOUT_LABELS[u.layout], status=u.status, status_label=UNIT_STATUS_LABELS[u.status],
                     monthly_rent_fen=monthly_rent_fen(u.floor_area_m2, p.rent_fen_per_m2)
                     if p.rent_fen_per_m2 is not None else None)


def project_out(v: svc.ProjectView) -> s.ProjectOut:
    p = v.project
    return s.ProjectOut(
        id=p.id, name=p.name, region=p.region, region_name=region_name(p.region), in_city_area=in_city_area(p.region),
        locality=p.locality, address=p.address, source=p.source, source_label=SOURCE_LABELS[p.source],
        land_type=p.land_type, land_type_label=LAND_LABELS[p.land_type], investor_code=p.investor_code,
        investor_name=p.investor_name, operator_code=p.operator_code, operator_name=p.operator_name,
        target=p.target, target_label=TARGET_LABELS[p.target], target_mode=p.target_mode,
        target_mode_label=TARGET_MODE_LABELS[p.target_mode], target_code=p.target_code, status=p.status,
        status_label=PROJECT_STATUS_LABELS[p.status], units_total=v.units_total, units_available=v.units_available,
        unit_mix=verdict(v.unit_mix), land=p.land, relaxation=p.relaxation, review=p.review,
        certificate_number=p.certificate_number, certificate_on=p.certificate_on, recognised_by=p.recognised_by,
        filed_with_group_on=p.filed_with_group_on, started_on=p.started_on, completed_on=p.completed_on,
        completion_accepted_on=p.completion_accepted_on, rent_fen_per_m2=p.rent_fen_per_m2,
        minimum_operation_ends=svc.minimum_operation_ends(p), exited_on=p.exited_on,
        support_policies=[s.PolicyOut(**x) for x in svc.policies(p)])


async def _out(session, p: Project) -> s.ProjectOut:
    return project_out(await svc.view(session, p))


@router.post("/projects", status_code=201, response_model=s.ProjectOut,
             summary="登记保障性租赁住房项目 / Register a project with its units (operator or housing office)")
async def register_project(body: s.ProjectIn, request: Request, response: Response, session: SessionDep,
                           principal: PrincipalDep) -> s.ProjectOut:
    """An operator registers its project (source, land, investor, operator, targeted supply, units with
    floor areas). Industrial-park supporting land is checked at once (四（一）3: above 7% only with the
    city's consent, never above 15%, the extra mainly dormitories, no whole-apartment commercial housing).
    Example caller: ent-demo1 (for itself)."""
    p = await svc.register(session=session, principal=principal, data=body)
    created(request, response, f"/projects/{p.id}")
    return await _out(session, p)


@router.get("/projects", response_model=Page[s.ProjectOut],
            summary="项目列表 / Projects (office: all; governments: their area; operators: their own)")
async def list_projects(session: SessionDep, principal: PrincipalDep, page: PageDep) -> Page[s.ProjectOut]:
    views, total = await svc.list_projects(session=session, principal=principal, limit=page.limit, offset=page.offset)
    return Page(items=[project_out(v) for v in views], total=total, limit=page.limit, offset=page.offset)


@router.get("/projects/{project_id}", response_model=s.ProjectOut,
            summary="一个项目：户型审查、认定、支持政策 / One project: unit mix, recognition, support policies")
async def get_project(project_id: str, session: SessionDep, principal: PrincipalDep) -> s.ProjectOut:
    return project_out(await svc.get_project(session=session, principal=principal, project_id=project_id))


@router.get("/projects/{project_id}/units", response_model=Page[s.UnitOut],
            summary="项目房源 / Units of a project")
async def list_units(project_id: str, session: SessionDep, principal: PrincipalDep, page: PageDep) -> Page[s.UnitOut]:
    p, units, total = await svc.list_units(session=session, principal=principal, project_id=project_id,
                                           limit=page.limit, offset=page.offset)
    return Page(items=[unit_out(u, p) for u in units], total=total, limit=page.limit, offset=page.offset)


@router.post("/projects/{project_id}/joint-review", response_model=s.ProjectOut,
             summary="区政府牵头联合审查 / Joint review led by the district government (市区 projects)")
async def joint_review(project_id: str, body: s.JointReviewIn, session: SessionDep,
                       principal: PrincipalDep) -> s.ProjectOut:
    """四（五）: the district government (管委会) of the project's area leads the departments' joint review;
    an approving review checks the unit-size rule (三（二）), failing with the shortfall unless a relaxation
    is recorded with its reason and approver.
    Example caller: county-wenfeng for a project in 文峰区."""
    p = await svc.joint_review(session=session, principal=principal, project_id=project_id, data=body)
    return await _out(session, p)


@router.post("/projects/{project_id}/approval", response_model=s.ProjectOut,
             summary="市领导小组审批，下发认定书 / Leading group approves and issues the numbered certificate")
async def approve_project(project_id: str, body: s.ApprovalIn, session: SessionDep,
                          principal: PrincipalDep) -> s.ProjectOut:
    """Example caller: dept-zjj (the leading group office)."""
    p = await svc.approve(session=session, principal=principal, project_id=project_id, data=body)
    return await _out(session, p)


@router.post("/projects/{project_id}/county-recognition", response_model=s.ProjectOut,
             summary="县（市）自行认定并报备 / County recognition, filed with the leading group")
async def county_recognition(project_id: str, body: s.CountyRecognitionIn, session: SessionDep,
                             principal: PrincipalDep) -> s.ProjectOut:
    """四（五）: 各县（市）项目自行认定，报市保障性租赁住房工作领导小组备案 (the county government of the area).
    Example caller: county-linzhou for a project in 林州市."""
    p = await svc.county_recognise(session=session, principal=principal, project_id=project_id, data=body)
    return await _out(session, p)


@router.post("/projects/{project_id}/progress", response_model=s.ProjectOut,
             summary="开工、竣工、竣工验收 / Record start, completion and completion acceptance")
async def record_progress(project_id: str, body: s.ProgressIn, session: SessionDep,
                          principal: PrincipalDep) -> s.ProjectOut:
    """Example caller: ent-demo1 for its project."""
    p = await svc.record_progress(session=session, principal=principal, project_id=project_id, data=body)
    return await _out(session, p)


@router.post("/projects/{project_id}/rent-filings", status_code=201, response_model=s.RentFilingOut,
             summary="租金备案 / File the project's rent (fen per m² per month)")
async def file_rent(project_id: str, body: s.RentFilingIn, request: Request, response: Response,
                    session: SessionDep, principal: PrincipalDep) -> s.RentFilingOut:
    """三（三）: the rent must be below the recorded market rent of the same area (低于: equal is refused,
    both figures shown) and within the land contract's rent terms where there are any (四（一）5).
    Example caller: ent-demo1 for its project."""
    f, checks = await svc.file_rent(session=session, principal=principal, project_id=project_id, data=body)
    created(request, response, f"/projects/{project_id}")
    return s.RentFilingOut(id=f.id, project_id=f.project_id, filing_number=f.filing_number,
                           rent_fen_per_m2=f.rent_fen_per_m2, market_rent_fen_per_m2=f.market_rent_fen_per_m2,
                           filed_on=f.filed_on, checks=[verdict(d) for d in checks])


@router.post("/projects/{project_id}/exit", response_model=s.ExitOut,
             summary="申请退出保障性租赁住房管理 / Exit (only after the 5-year minimum; policies withdrawn)")
async def exit_project(project_id: str, session: SessionDep, principal: PrincipalDep) -> s.ExitOut:
    p, d = await svc.exit_project(session=session, principal=principal, project_id=project_id)
    return s.ExitOut(project=await _out(session, p), verdict=verdict(d))


@router.post("/projects/{project_id}/dispositions", status_code=201, response_model=s.DispositionOut,
             summary="处分申请：整体抵押可以，出售、分割一律不可 / Mortgage the whole project; sale or split refused")
async def dispose(project_id: str, body: s.DispositionIn, request: Request, response: Response,
                  session: SessionDep, principal: PrincipalDep) -> s.DispositionOut:
    """五（三）: 只租不售，不得办理分户不动产登记，不得分割转让、分割抵押，严禁集资建房 (refused, 422 citing 五（三）);
    a mortgage of the whole project (四（三）4) or of the collective land use right (四（一）1) is recorded.
    Example caller: ent-demo1 for its project."""
    e, d = await svc.dispose(session=session, principal=principal, project_id=project_id, data=body)
    created(request, response, f"/projects/{project_id}")
    return s.DispositionOut(id=e.id, project_id=e.project_id, kind=e.kind, kind_label=DISPOSITIONS[e.kind],
                            creditor=e.creditor, amount_fen=e.amount_fen, registered_on=e.registered_on,
                            verdict=verdict(d))


def market_rent_out(m: MarketRent) -> s.MarketRentOut:
    return s.MarketRentOut(id=m.id, region=m.region, locality=m.locality, rent_fen_per_m2=m.rent_fen_per_m2,
                           valid_from=m.valid_from, source=m.source)


@router.post("/market-rents", status_code=201, response_model=s.MarketRentOut,
             summary="登记同地段同品质市场租金 / Record a market reference rent (housing office)")
async def record_market_rent(body: s.MarketRentIn, request: Request, response: Response, session: SessionDep,
                             principal: PrincipalDep) -> s.MarketRentOut:
    """Example caller: dept-zjj."""
    m = await svc.record_market_rent(session=session, principal=principal, data=body)
    created(request, response, "/market-rents")
    return market_rent_out(m)


@router.get("/market-rents", response_model=Page[s.MarketRentOut],
            summary="市场参考租金 / Market reference rents")
async def list_market_rents(session: SessionDep, principal: PrincipalDep, page: PageDep) -> Page[s.MarketRentOut]:
    rows, total = await svc.list_market_rents(session=session, principal=principal, limit=page.limit,
                                              offset=page.offset)
    return Page(items=[market_rent_out(m) for m in rows], total=total, limit=page.limit, offset=page.offset)


def public_out(v: svc.ProjectView, units: list[Unit]) -> s.PublicProjectOut:
    p = v.project
    return s.PublicProjectOut(id=p.id, name=p.name, region=p.region, region_name=region_name(p.region),
                              address=p.address, target=p.target, target_label=TARGET_LABELS[p.target],
                              certificate_number=p.certificate_number, rent_fen_per_m2=p.rent_fen_per_m2,
                              units_total=v.units_total, units_available=v.units_available,
                              available_units=[unit_out(u, p) for u in units])


@router.get("/public/projects", response_model=Page[s.PublicProjectOut],
            summary="已认定项目（免登录）：租金与可配租房源 / Recognised projects, rents, available units (public)")
async def public_projects(session: SessionDep, page: PageDep) -> Page[s.PublicProjectOut]:
    views, total = await svc.public_projects(session=session, limit=page.limit, offset=page.offset)
    return Page(items=[public_out(v, []) for v in views], total=total, limit=page.limit, offset=page.offset)


@router.get("/public/projects/{project_id}", response_model=s.PublicProjectOut,
            summary="一个已认定项目（免登录） / One recognised project with its available units (public)")
async def public_project(project_id: str, session: SessionDep) -> s.PublicProjectOut:
    v, units = await svc.public_project(session=session, project_id=project_id)
    return public_out(v, units)
