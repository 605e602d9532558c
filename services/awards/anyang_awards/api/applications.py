"""Applications: enterprises apply for themselves; counties, member departments and the office review."""

from __future__ import annotations

from fastapi import APIRouter, Request

from anyang_awards.api import deps
from anyang_awards.credit_client import credit_client_of
from anyang_awards.domain.categories import category
from anyang_awards.schemas.applications import (
    ApplicationIn,
    ApplicationOut,
    CaseIn,
    CountyReviewIn,
    EligibilityRunOut,
    ExpertScoreIn,
    ExpertScoreOut,
    FigureOut,
    FigureReviewIn,
    MarkOut,
    application_out,
    figure_out,
)
from anyang_awards.schemas.results import ApplicantScoreOut
from anyang_awards.service import application_facts as facts
from anyang_awards.service import applications as svc
from anyang_awards.service.common import get_application, parse_value
from anyang_awards.service.scoring import latest_snapshot
from govkit.auth import PrincipalDep, PrincipalKind
from govkit.clock import business_date
from govkit.crypto import IdVault, PersonRef
from govkit.db import SessionDep
from govkit.errors import NotFound
from govkit.pagination import Page, PageDep

router = APIRouter(tags=["awards: applications"])


async def _out(session, a) -> ApplicationOut:
    return application_out(a, figures=await facts.figures_of(session, a.id), posts=await facts.posts_of(session, a.id),
                           marks=await facts.marks_of(session, a.id),
                           eligibility=await facts.latest_eligibility(session, a.id), parse=parse_value)


@router.post("/rounds/{round_id}/applications", status_code=201,
             summary="企业申报 / Apply (an enterprise for itself; the credit lists are checked)")
async def create_application(round_id: str, body: ApplicationIn, request: Request, session: SessionDep,
                             principal: PrincipalDep) -> ApplicationOut:
    """Enterprise (ent-demo1): apply for itself (its own USCC). The county that reviews (第十六条) is where it is
    registered — its credit subject's region, else its USCC's registration code, else the city (the office);
    a `region` sent that differs is ignored. The credit lists (第二条) are asked of the credit service;
    every eligibility rule is answered with its article and facts; a second 50强/50快 nominee of the same
    enterprise is refused (第十一条). Example caller: ent-demo1 (a top10 round open for applications)."""
    deps.enterprise(principal)
    today = business_date()
    client, s = credit_client_of(request.app), request.app.state.settings
    person_refs = PersonRef(s.person_ref_keys)
    credit = await client.check(principal.org, today)
    person_credit = await client.check_person(person_refs.ref(body.person_id), today) if body.person_id else None
    credit_region = await client.subject_region(principal.org)
    a = await svc.create_application(session=session, principal=principal, outbox=request.app.state.outbox,
                                     round_id=round_id, data=body, credit=credit, person_credit=person_credit,
                                     credit_region=credit_region, today=today, person_refs=person_refs,
                                     vault=IdVault(s.id_encryption_keys, s.id_hash_keys))
    return await _out(session, a)


@router.get("/applications", summary="申报列表 / Applications the caller may see")
async def list_applications(session: SessionDep, principal: PrincipalDep, page: PageDep,
                            round_id: str | None = None) -> Page[ApplicationOut]:
    """What the caller may see: the office and member departments all, a county its region, an enterprise
    its own."""
    if not (principal.has("awards.office") or principal.has("awards.department_review")
            or principal.has("awards.county_review") or principal.kind == PrincipalKind.enterprise):
        deps.reviewer(principal)
    rows, total = await svc.visible_applications(session, principal, round_id=round_id, limit=page.limit,
                                                 offset=page.offset)
    return Page(items=[await _out(session, a) for a in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/applications/{application_id}", summary="申报详情 / One application")
async def get_application_detail(application_id: str, session: SessionDep, principal: PrincipalDep
                                 ) -> ApplicationOut:
    a = await get_application(session, application_id)
    svc.require_visible(principal, a)
    return await _out(session, a)


@router.get("/applications/{application_id}/score", summary="申报得分明细 / The application's score breakdown")
async def get_application_score(application_id: str, session: SessionDep, principal: PrincipalDep
                                ) -> ApplicantScoreOut:
    """The applicant's score breakdown in the latest computation: per indicator raw value, formula, inputs,
    min and max used, normalised value and points (第十条)."""
    a = await get_application(session, application_id)
    svc.require_visible(principal, a)
    snap = await latest_snapshot(session, a.round_id)
    if snap is None:
        raise NotFound("本轮尚未计分", "the round has not been scored")
    mine = next((s for s in snap.scores if s["application_id"] == a.id), None)
    return ApplicantScoreOut(application_id=a.id, snapshot_id=snap.id, computed_at=snap.computed_at,
                             admitted=mine is not None, total=mine and mine["total"], rank=mine and mine["rank"],
                             places=category(a.category).places, bounds=snap.bounds,
                             indicators=mine["indicators"] if mine else [])


@router.get("/applications/{application_id}/eligibility",
            summary="资格审查记录 / Every eligibility evaluation of the application")
async def list_eligibility_results(application_id: str, session: SessionDep, principal: PrincipalDep, page: PageDep
                                   ) -> Page[EligibilityRunOut]:
    """Every evaluation of the application (what changed it and when), oldest first."""
    a = await get_application(session, application_id)
    svc.require_visible(principal, a)
    rows, total = await facts.eligibility_results_of(session, a.id, page)
    return Page(items=[EligibilityRunOut(eligible=r.eligible, under_review=r.under_review, trigger=r.trigger,
                                         computed_at=r.computed_at, checks=r.checks) for r in rows],
                total=total, limit=page.limit, offset=page.offset)


@router.post("/applications/{application_id}/county-review",
             summary="县（区）审核推荐 / County review and recommendation (第十六条)")
async def county_review(application_id: str, body: CountyReviewIn, session: SessionDep, principal: PrincipalDep
                        ) -> ApplicationOut:
    """County government (管委会) of the enterprise's region: review and recommend (第十六条). Enterprises
    registered with the city itself (410500) are reviewed by the office. Example caller: county-wenfeng (the
    application of ent-demo2, 文峰区)."""
    if not principal.has("awards.office"):
        deps.county(principal)
    a = await svc.county_review(session=session, principal=principal, application_id=application_id,
                                decision=body.decision, opinion=body.opinion)
    return await _out(session, a)


@router.post("/applications/{application_id}/figures/{name}/review",
             summary="成员单位核实申报数据 / Member department confirms or corrects a declared value")
async def review_figure(application_id: str, name: str, body: FigureReviewIn, session: SessionDep,
                        principal: PrincipalDep) -> FigureOut:
    """The department holding the figure (第十二条: 统计 output and value added, 税务 tax, 科技 R&D, 商务 trade, …),
    when it reviews the round (第十七条): confirm or correct a declared value from its own data. Example
    caller: dept-tjj."""
    deps.office_or_department(principal)
    f = await svc.review_figure(session=session, principal=principal, application_id=application_id, name=name,
                                action=body.action, value=body.value, note=body.note)
    return figure_out(f, parse_value)


@router.post("/applications/{application_id}/expert-scores", status_code=201,
             summary="录入专家评分 / Record an expert's score on a qualitative item")
async def record_expert_score(application_id: str, body: ExpertScoreIn, session: SessionDep,
                              principal: PrincipalDep) -> ExpertScoreOut:
    """Member department: the score of an expert the office registered for the round with this department
    (第八条, 第九条, 第十三条) on a qualitative item, 0 to the item's weight. Example caller: dept-kjj (an
    innovator10 application)."""
    deps.department(principal)
    row = await svc.record_expert_score(session=session, principal=principal, application_id=application_id,
                                        indicator=body.indicator, expert_id=body.expert_id, score=body.score)
    return ExpertScoreOut(application_id=row.application_id, indicator=row.indicator, department=row.department,
                          expert_id=row.expert, score=row.score)


@router.post("/applications/{application_id}/cases", status_code=201,
             summary="登记事故或案件 / Record an accident or a case against the nominee (第二十四条)")
async def record_case(application_id: str, body: CaseIn, session: SessionDep, principal: PrincipalDep) -> MarkOut:
    """Office or member department: an accident or a case against the nominee (第二十四条). Example caller:
    dept-gxj."""
    deps.office_or_department(principal)
    m = await svc.record_case(session=session, principal=principal, application_id=application_id, data=body)
    return MarkOut.of(m)


@router.post("/applications/{application_id}/credit-check",
             summary="重新核查信用 / Ask the credit service again (第二条)")
async def recheck_credit(application_id: str, request: Request, session: SessionDep, principal: PrincipalDep
                         ) -> ApplicationOut:
    """Office: ask the credit service again (e.g. it was unreachable at application; 第二条)."""
    deps.office(principal)
    a = await get_application(session, application_id)
    code, person_ref = a.enterprise_uscc, a.person_ref
    await session.rollback()  # end the read before the call to credit
    today, client = business_date(), credit_client_of(request.app)
    credit = await client.check(code, today)
    if person_ref:  # 第二条: the entrepreneur too, by its PersonRef
        credit = credit.with_person(await client.check_person(person_ref, today))
    a = await svc.recheck_credit(session=session, principal=principal, application_id=application_id,
                                 credit=credit, today=today)
    return await _out(session, a)
