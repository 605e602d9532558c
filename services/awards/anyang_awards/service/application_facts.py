"""What an application holds, read from its rows, as the facts the eligibility rules take (第一条–第九条,
第十一条, 第二十三条, 第二十四条), and the re-evaluation kept with its result."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_awards.domain.categories import ONE_NOMINEE_GROUP, CategoryCode
from anyang_awards.domain.eligibility import (
    Accident,
    ApplicationFacts,
    CreditListStatus,
    Finding,
    Nomination,
    PersonCase,
    Post,
    Role,
    RoundFacts,
    Severity,
    evaluate,
)
from anyang_awards.domain.figures import Figure
from anyang_awards.models.applications import (
    Application,
    ApplicationFigure,
    CandidacyMark,
    EligibilityResult,
    ExpertScore,
    NomineePost,
)
from anyang_awards.models.rounds import Round
from anyang_awards.rules import load_parameters
from anyang_awards.service.common import jsonable, page_of, parse_value
from govkit.clock import utcnow
from govkit.pagination import PageParams

PARAMS = load_parameters()
# marks that keep a candidacy out: a listing (also one ended but not restored) and a responsible accident/case
_CREDIT_MARK_HOLDS = ("active", "removed_not_restored")
_FINDING_OF_MARK = {"under_review": Finding.OPEN, "responsible": Finding.RESPONSIBLE,
                    "lifted": Finding.NOT_RESPONSIBLE}


async def figures_of(session: AsyncSession, application_id: str) -> list[ApplicationFigure]:
    q = select(ApplicationFigure).where(ApplicationFigure.application_id == application_id).order_by(
        ApplicationFigure.id)
    return list((await session.execute(q)).scalars())


async def marks_of(session: AsyncSession, application_id: str) -> list[CandidacyMark]:
    q = select(CandidacyMark).where(CandidacyMark.application_id == application_id).order_by(CandidacyMark.id)
    return list((await session.execute(q)).scalars())


async def posts_of(session: AsyncSession, application_id: str) -> list[NomineePost]:
    q = select(NomineePost).where(NomineePost.application_id == application_id).order_by(NomineePost.id)
    return list((await session.execute(q)).scalars())


async def expert_scores_of(session: AsyncSession, application_id: str) -> dict[str, list[float]]:
    q = select(ExpertScore).where(ExpertScore.application_id == application_id).order_by(ExpertScore.id)
    out: dict[str, list[float]] = {}
    for s in (await session.execute(q)).scalars():
        out.setdefault(s.indicator, []).append(s.score)
    return out


async def round_figures(session: AsyncSession, round_id: str) -> dict[str, list[Any]]:
    """Every application's figures in a round, in one query of the columns `domain_figures` reads (rows, not
    ORM objects: scoring 10,000 applicants loads 60,000 figures)."""
    f = ApplicationFigure
    q = select(f.application_id, f.name, f.value, f.evidence, f.source, f.declared).join(
        Application, Application.id == f.application_id).where(Application.round_id == round_id).order_by(f.id)
    out: dict[str, list[Any]] = {}
    for row in (await session.execute(q)).all():
        out.setdefault(row.application_id, []).append(row)
    return out


async def round_expert_scores(session: AsyncSession, round_id: str) -> dict[str, dict[str, list[float]]]:
    """Every application's expert scores in a round (as `expert_scores_of`), in one query."""
    q = select(ExpertScore.application_id, ExpertScore.indicator, ExpertScore.score).join(
        Application, Application.id == ExpertScore.application_id).where(
        Application.round_id == round_id).order_by(ExpertScore.id)
    out: dict[str, dict[str, list[float]]] = {}
    for application_id, indicator, score in (await session.execute(q)).all():
        out.setdefault(application_id, {}).setdefault(indicator, []).append(score)
    return out


def domain_figures(rows: list[Any]) -> dict[str, Figure]:
    """ApplicationFigure objects or rows with their name, value, evidence, source and declared."""
    return {f.name: Figure(parse_value(f.value), f.evidence, f.source, parse_value(f.declared)) for f in rows}


async def _nominations(session: AsyncSession, a: Application) -> tuple[Nomination, ...]:
    """Other open 50强/50快 nominations of the same enterprise and year (第十一条)."""
    q = select(Application).where(Application.year == a.year, Application.enterprise_uscc == a.enterprise_uscc,
                                  Application.category.in_([c.value for c in ONE_NOMINEE_GROUP]),
                                  Application.status != "withdrawn", Application.id != a.id)
    rows = sorted((await session.execute(q)).scalars(), key=lambda x: x.submitted_at)
    return tuple(Nomination(x.id, x.enterprise_uscc, x.person_name or "", CategoryCode(x.category)) for x in rows)


async def facts_of(session: AsyncSession, a: Application, rnd: Round) -> tuple[ApplicationFacts, RoundFacts]:
    marks = await marks_of(session, a.id)
    credit = {k: CreditListStatus(v.get("listed"), v.get("entry_ref")) for k, v in (a.credit_status or {}).items()}
    accidents, cases = [], []
    for m in marks:
        d = m.detail or {}
        if m.kind == "credit_listing" and m.status in _CREDIT_MARK_HOLDS:
            credit[d["list_code"]] = CreditListStatus(True, m.source_ref)
        elif m.kind == "accident":
            accidents.append(Accident(m.source_ref, d.get("accident_kind", "safety"), Severity(d["severity"]),
                                      date.fromisoformat(d["occurred_on"]), _FINDING_OF_MARK[m.status],
                                      m.recorded_by))
        elif m.kind == "person_case":
            cases.append(PersonCase(m.source_ref, date.fromisoformat(d["occurred_on"]), bool(d.get("major", True)),
                                    _FINDING_OF_MARK[m.status]))
    posts = tuple(Post(Role(p.role), p.start, p.end) for p in await posts_of(session, a.id))
    app_facts = ApplicationFacts(
        application_id=a.id, category=CategoryCode(a.category), enterprise_uscc=a.enterprise_uscc,
        person_name=a.person_name, sector=a.sector, contribution=a.contribution,
        contribution_evidence=a.contribution_evidence,
        figures=domain_figures(await figures_of(session, a.id)), credit=credit,
        reports_on_time=a.reports_on_time, reports_evidence=a.reports_evidence, accidents=tuple(accidents),
        person_cases=tuple(cases), posts=posts, roles_filled=frozenset(Role(r) for r in a.roles_filled or ()),
        passed_over_reason=a.passed_over_reason)
    round_facts = RoundFacts(rnd.year, rnd.application_deadline, await _nominations(session, a))
    return app_facts, round_facts


def checks_json(result) -> list[dict[str, Any]]:
    return [{"rule": c.rule, "passed": c.passed, "basis": c.basis, "facts": jsonable(c.facts),
             "message_zh": c.message_zh, "message_en": c.message_en} for c in result.checks]


async def reevaluate(session: AsyncSession, a: Application, rnd: Round, trigger: str) -> EligibilityResult:
    """Run every rule again and keep the result (inside the caller's transaction)."""
    app_facts, round_facts = await facts_of(session, a, rnd)
    result = evaluate(app_facts, round_facts, PARAMS)
    row = EligibilityResult(application_id=a.id, eligible=result.eligible, under_review=result.under_review,
                            checks=checks_json(result), trigger=trigger[:120], computed_at=utcnow())
    session.add(row)
    a.eligible, a.under_review = result.eligible, result.under_review
    await session.flush()
    return row


async def latest_eligibility(session: AsyncSession, application_id: str) -> EligibilityResult | None:
    q = select(EligibilityResult).where(EligibilityResult.application_id == application_id).order_by(
        EligibilityResult.id.desc()).limit(1)
    return (await session.execute(q)).scalars().first()


async def eligibility_results_of(session: AsyncSession, application_id: str, page: PageParams
                                 ) -> tuple[list[EligibilityResult], int]:
    """Every evaluation of the application (what changed it and when)."""
    q = select(EligibilityResult).where(EligibilityResult.application_id == application_id).order_by(
        EligibilityResult.id)
    return await page_of(session, q, page)
