"""Applications: filing (第十五条、第十六条), eligibility (第一条–第九条, 第十一条, 第二十三条, 第二十四条), county
review (第十六条), department review of figures and experts' scores (第十二条, 第十七条)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_awards.credit_client import CreditAnswer
from anyang_awards.domain.categories import CategoryCode, Who, category
from anyang_awards.domain.eligibility import (
    Severity,
)
from anyang_awards.domain.errors import art
from anyang_awards.domain.figures import may_change_figure
from anyang_awards.domain.indicators import Kind, indicators_for
from anyang_awards.domain.procedure import RoundState
from anyang_awards.domain.reviewer import reviewing_county
from anyang_awards.models import kit
from anyang_awards.models.applications import (
    Application,
    ApplicationFigure,
    CandidacyMark,
    ExpertScore,
    NomineePost,
)
from anyang_awards.models.rounds import RoundExpert
from anyang_awards.rules import load_parameters
from anyang_awards.service.application_facts import reevaluate
from anyang_awards.service.candidacy import apply_mark
from anyang_awards.service.common import get_application, get_round, value_text, who
from anyang_awards.service.scoring import rescore_if_scored
from govkit import audit, refdata
from govkit.auth import Principal
from govkit.clock import business_date, utcnow
from govkit.crypto import IdVault, PersonRef
from govkit.errors import Conflict, Forbidden, RuleViolation
from govkit.i18n import t
from govkit.rules.decision import RuleBroken

PARAMS = load_parameters()


async def visible_applications(session: AsyncSession, principal: Principal, *, round_id: str | None, limit: int,
                               offset: int) -> tuple[list[Application], int]:
    """What the caller may see: the office and member departments all, a county its region, an enterprise
    its own."""
    q = select(Application)
    if round_id:
        q = q.where(Application.round_id == round_id)
    if not (principal.has("awards.office") or principal.has("awards.department_review")):
        if principal.has("awards.county_review"):
            q = q.where(Application.region == principal.region)
        else:
            q = q.where(Application.enterprise_uscc == principal.org)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    q = q.order_by(Application.submitted_at, Application.id).limit(limit).offset(offset)
    return list((await session.execute(q)).scalars()), total


def allowed_figure_names(code: CategoryCode) -> set[str]:
    from anyang_awards.domain.figures import FIGURE_NAMES

    names = set(FIGURE_NAMES)
    for ind in indicators_for(code):
        if ind.kind is not Kind.QUANTITATIVE:
            names |= set(ind.evidence_figures)
    return names


async def create_application(*, session: AsyncSession, principal: Principal, outbox, round_id: str,
                             data, credit: CreditAnswer, person_credit: CreditAnswer | None,
                             credit_region: str | None, today: date, vault: IdVault, person_refs: PersonRef
                             ) -> Application:
    """第十五条, 第十六条: the enterprise applies for itself; the county that reviews is where it is registered,
    not what it declares (domain.reviewer)."""
    county = reviewing_county(uscc=principal.org, credit_region=credit_region, declared=data.region,
                              counties={u.code for u in refdata.regions()})
    async with session.begin():
        rnd = await get_round(session, round_id)
        code = CategoryCode(rnd.category)
        cat = category(code)
        if code is CategoryCode.MERIT10:
            raise RuleViolation("“十大功勋企业家”不接受申报，由领导小组从当年“50强”企业家中差额评选（第七条）",
                                "merit10 takes no applications: chosen from the year's top50 winners (Art. 7)")
        if rnd.state != RoundState.APPLICATIONS_OPEN:
            raise Conflict(f"本轮评选当前不受理申报（状态：{rnd.state}）",
                           f"the round does not take applications now (state {rnd.state})")
        if today > rnd.application_deadline:
            raise RuleViolation(f"申报截止日{rnd.application_deadline.isoformat()}已过（{art('第十五条')}）",
                                f"the application deadline {rnd.application_deadline.isoformat()} has passed")
        unknown = sorted(set(data.figures) - allowed_figure_names(code))
        if unknown:
            raise RuleViolation(f"未知的指标数据：{', '.join(unknown)}", f"unknown figures: {', '.join(unknown)}",
                                errors=[{"field": f"figures.{n}", "message": t("未知的指标数据", "unknown figure")}
                                        for n in unknown])
        if cat.who is Who.ENTREPRENEUR and not (data.person_name and data.posts):
            raise RuleViolation("企业家类评选须填写被推荐人姓名及任职情况",
                                "entrepreneur categories need the nominee's name and posts",
                                errors=[{"field": "person_name", "message": t("必填", "required")}])
        if person_credit is not None and cat.who is Who.ENTREPRENEUR and data.person_id:
            credit = credit.with_person(person_credit)  # 第二条: the entrepreneur by its PersonRef too
        dup = (await session.execute(select(Application.id).where(
            Application.round_id == rnd.id, Application.enterprise_uscc == principal.org,
            Application.status != "withdrawn"))).first()
        if dup:
            raise Conflict(f"本企业已在本轮申报（申报编号{dup.id}）", f"already applied in this round ({dup.id})")
        a = Application(
            id=str(uuid.uuid4()), round_id=rnd.id, year=rnd.year, category=code.value,
            enterprise_uscc=principal.org, enterprise_name=data.enterprise_name,
            region=county.region, region_source=county.source,
            person_name=data.person_name if cat.who is Who.ENTREPRENEUR else None, sector=data.sector,
            contribution=data.contribution,
            contribution_evidence=data.contribution_evidence, reports_on_time=data.reports_on_time,
            reports_evidence=data.reports_evidence, roles_filled=[r.value for r in data.roles_filled],
            passed_over_reason=data.passed_over_reason,
            credit_status={k: {"listed": s.listed, "entry_ref": s.entry_ref} for k, s in credit.statuses.items()},
            credit_checked_on=today, credit_message=credit.message_zh, status="active",
            submitted_by=who(principal), submitted_at=utcnow())
        if data.person_id and cat.who is Who.ENTREPRENEUR:
            from govkit.ids import mask_id

            a.person_id_encrypted = vault.encrypt(data.person_id)
            a.person_id_hash = vault.lookup_hash(data.person_id)
            a.person_id_masked = mask_id(data.person_id)
            a.person_ref = person_refs.ref(data.person_id)
        session.add(a)
        await session.flush()
        for name, f in data.figures.items():
            text = value_text(f.value)
            session.add(ApplicationFigure(application_id=a.id, name=name, declared=text, value=text,
                                          evidence=f.evidence, source="declared"))
        for p in data.posts:
            session.add(NomineePost(application_id=a.id, role=p.role.value, start=p.start, end=p.end))
        await session.flush()
        result = await reevaluate(session, a, rnd, "application")
        one = next((c for c in result.checks if c["rule"] == "one_per_enterprise"), None)
        if one is not None and one["passed"] is False:  # 第十一条: a second nominee is refused, naming the first
            raise RuleViolation(f"{one['message_zh']}（{one['basis']}）", f"{one['message_en']} ({one['basis']})",
                                extra={"basis": one["basis"], "facts": one["facts"]})
        await audit.record(session, kit, "awards.application.create", "application", a.id,
                           {"round_id": rnd.id, "category": code.value, "eligible": a.eligible,
                            "under_review": a.under_review, "credit": credit.message_en,
                            "region": {"region": county.region, "source": county.source, "basis": county.basis,
                                       "facts": county.facts}})
    return a


def can_see(principal: Principal, a: Application) -> bool:
    if principal.has("awards.office") or principal.has("awards.department_review"):
        return True
    if principal.has("awards.county_review") and principal.region == a.region:
        return True
    return principal.kind.value == "enterprise" and principal.org == a.enterprise_uscc


def require_visible(principal: Principal, a: Application) -> None:
    if not can_see(principal, a):
        raise Forbidden("只能查看本单位权限范围内的申报", "not an application you may see")


async def county_review(*, session: AsyncSession, principal: Principal, application_id: str, decision: str,
                        opinion: str) -> Application:
    """第十六条: the county government (管委会) of the enterprise's region reviews and recommends."""
    async with session.begin():
        a = await get_application(session, application_id)
        if not (principal.has("awards.county_review") and principal.region == a.region) and not (
                principal.has("awards.office") and a.region == "410500"):
            raise Forbidden("只能审核本县（市、区）企业的申报", "only applications of enterprises in your region")
        rnd = await get_round(session, a.round_id)
        if rnd.state != RoundState.COUNTY_REVIEW:
            raise Conflict(f"本轮不在县（市、区）审核阶段（状态：{rnd.state}）",
                           f"the round is not in county review (state {rnd.state})")
        a.county_decision, a.county_opinion = decision, opinion
        a.county_reviewed_by, a.county_reviewed_at = who(principal), utcnow()
        await audit.record(session, kit, "awards.application.county_review", "application", a.id,
                           {"decision": decision, "opinion": opinion, "basis": art("第十六条")})
    return a


def _corrected_value(fig: ApplicationFigure, value: Any) -> str:
    """A correction keeps the figure's kind: a yes/no figure takes true/false, an amount, count or ratio a
    number (never a boolean: `1` is the number one)."""
    if value is None:
        raise RuleViolation("更正须给出核实后的数值", "a correction needs the verified value",
                            errors=[{"field": "value", "message": t("必填", "required")}])
    yes_no = fig.declared in ("true", "false")
    if isinstance(value, bool) is not yes_no:
        zh, en = ("是/否（true/false）", "true or false") if yes_no else ("数值（不接受 true/false）",
                                                                          "a number (not true/false)")
        raise RuleViolation(f"指标数据{fig.name}的更正值须为{zh}", f"the corrected {fig.name} must be {en}",
                            errors=[{"field": "value", "message": t(zh, en)}], code="figure_value_kind")
    return value_text(value)


async def review_figure(*, session: AsyncSession, principal: Principal, application_id: str, name: str,
                        action: str, value: Any, note: str | None) -> ApplicationFigure:
    """第十二条, 第十七条: the department holding the data, reviewing the round, confirms or corrects a value."""
    async with session.begin():
        a = await get_application(session, application_id)
        rnd = await get_round(session, a.round_id)
        if rnd.state != RoundState.DEPARTMENT_REVIEW:
            raise Conflict(f"本轮不在部门审核阶段（状态：{rnd.state}）",
                           f"the round is not in department review (state {rnd.state})")
        fig = (await session.execute(select(ApplicationFigure).where(
            ApplicationFigure.application_id == a.id, ApplicationFigure.name == name))).scalars().first()
        if fig is None:
            raise RuleViolation(f"申报中没有指标数据{name}", f"no figure {name} in this application")
        holders = PARAMS.at("awards.figure_holders", business_date())
        may = may_change_figure(name, principal.org or "", rnd.review_departments or (), holders.value,
                                holders.reference)
        if not may:
            raise RuleBroken(may.reason_zh, may.reason_en, basis=may.basis, code=may.outcome, facts=may.facts,
                             status=403)
        fig.value = _corrected_value(fig, value) if action == "correct" else fig.declared
        fig.source, fig.review_note = principal.org, note
        fig.review = "confirmed" if action == "confirm" else "corrected"
        fig.reviewed_by, fig.reviewed_at = who(principal), utcnow()
        await session.flush()
        await reevaluate(session, a, rnd, f"figure {name} {fig.review} by {principal.org}")
        await audit.record(session, kit, "awards.figure.review", "application", a.id,
                           {"figure": name, "action": fig.review, "declared": fig.declared, "value": fig.value,
                            "department": principal.org, "note": note, "basis": holders.reference})
        await rescore_if_scored(session, rnd, f"figure {name} {fig.review} by {principal.org}", who(principal))
    return fig


async def record_expert_score(*, session: AsyncSession, principal: Principal, application_id: str,
                              indicator: str, expert_id: str, score: float) -> ExpertScore:
    """第八条, 第九条: an expert the office registered for the round (第十三条) scores a qualitative item
    0..weight, entered by the department it was registered with (the mean is taken in scoring)."""
    async with session.begin():
        a = await get_application(session, application_id)
        rnd = await get_round(session, a.round_id)
        if rnd.state not in (RoundState.DEPARTMENT_REVIEW, RoundState.PRELIMINARY_OPINION):
            raise Conflict(f"本轮当前不接受专家评分（状态：{rnd.state}）",
                           f"expert scores are not taken now (state {rnd.state})")
        ind = next((i for i in indicators_for(a.category) if i.code == indicator), None)
        if ind is None or ind.kind is not Kind.EXPERT:
            raise RuleViolation(f"{indicator}不是本类别的专家评审指标", f"{indicator} is not an expert item here")
        expert = await session.get(RoundExpert, expert_id)
        if expert is None or expert.round_id != rnd.id:
            raise RuleViolation(f"专家{expert_id}未由评选领导小组办公室登记为本轮专家（{art('第十三条')}）",
                                f"expert {expert_id} is not registered for this round by the office (Art. 13)",
                                errors=[{"field": "expert_id", "message": "not registered for the round"}],
                                code="expert_not_registered")
        if expert.department != principal.org:
            raise Forbidden(f"该专家的评分由{expert.department}录入", f"this expert's scores are entered by "
                            f"{expert.department}", code="not_expert_department")
        if not 0 <= score <= ind.weight:
            raise RuleViolation(f"专家评分须在0至{ind.weight:g}分之间（{ind.article}）",
                                f"an expert score is 0..{ind.weight:g} ({ind.article})",
                                errors=[{"field": "score", "message": f"0..{ind.weight:g}"}])
        row = (await session.execute(select(ExpertScore).where(
            ExpertScore.application_id == a.id, ExpertScore.indicator == indicator,
            ExpertScore.expert == expert.id))).scalars().first()
        if row is None:
            row = ExpertScore(application_id=a.id, indicator=indicator, department=expert.department,
                              expert=expert.id, score=score, recorded_at=utcnow())
            session.add(row)
        else:
            row.score, row.recorded_at = score, utcnow()
        await audit.record(session, kit, "awards.expert_score.record", "application", a.id,
                           {"indicator": indicator, "expert": expert.id, "department": expert.department,
                            "score": score, "basis": ind.article})
    return row


async def record_case(*, session: AsyncSession, principal: Principal, application_id: str, data) -> CandidacyMark:
    """第二十四条: a department records an accident or a case against the nominee (open, responsible, cleared)."""
    async with session.begin():
        a = await get_application(session, application_id)
        rnd = await get_round(session, a.round_id)
        detail = {"severity": data.severity.value if data.severity else Severity.LARGER.value,
                  "occurred_on": data.occurred_on.isoformat(), "accident_kind": data.accident_kind,
                  "major": data.major, "summary": data.summary}
        status = {"open": "under_review", "responsible": "responsible", "not_responsible": "lifted"}[
            data.finding.value]
        mark = await apply_mark(session, a, rnd, kind=data.kind, ref=data.ref, status=status, detail=detail,
                                basis=art("第二十四条"), by=who(principal), note=data.summary)
    return mark


async def recheck_credit(*, session: AsyncSession, principal: Principal, application_id: str,
                         credit: CreditAnswer, today: date) -> Application:
    """`credit` is the enterprise's answer, with its entrepreneur's (by PersonRef) where it names one."""
    """Ask the credit service again (e.g. it was unreachable at application)."""
    async with session.begin():
        a = await get_application(session, application_id)
        rnd = await get_round(session, a.round_id)
        a.credit_status = {k: {"listed": s.listed, "entry_ref": s.entry_ref} for k, s in credit.statuses.items()}
        a.credit_checked_on, a.credit_message = today, credit.message_zh
        await reevaluate(session, a, rnd, "credit re-check")
        await audit.record(session, kit, "awards.application.credit_check", "application", a.id,
                           {"credit": a.credit_status, "message": credit.message_en, "basis": art("第二条")})
        await rescore_if_scored(session, rnd, "credit re-check", who(principal))
    return a
