"""Rounds: announced conditions (public), procedure (office), meetings, department opinions, scores."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from anyang_awards.api import deps
from anyang_awards.domain.categories import CATEGORIES
from anyang_awards.domain.procedure import RoundState
from anyang_awards.schemas.results import RankingChangeOut, RankingMoveOut, SnapshotOut
from anyang_awards.schemas.rounds import (
    CategoryOut,
    ExpertIn,
    ExpertOut,
    MeetingIn,
    MeetingOut,
    OpinionIn,
    OpinionOut,
    RoundDetailOut,
    RoundIn,
    RoundOut,
    StepOut,
    TransitionIn,
    TransitionOut,
)
from anyang_awards.service import notice_view
from anyang_awards.service import rounds as svc
from anyang_awards.service.common import get_round
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.ops import AuditEntry
from govkit.pagination import Page, PageDep

router = APIRouter(tags=["awards: rounds"])


@router.get("/categories", summary="评选类别及荣誉 / The seven categories and their honours")
async def list_categories(page: PageDep) -> Page[CategoryOut]:
    """The seven categories (第三条–第九条) and their honours (第二十一条, 第二十二条). Public."""
    cats = list(CATEGORIES.values())
    return Page(items=[CategoryOut(code=c.code.value, label=c.name_zh, name_en=c.name_en, who=c.who.value,
                                   places=c.places, basis=c.article, honour_items=[i.value for i in c.honour_items],
                                   granted_by=c.granted_by.value, honour_basis=c.honour_article)
                       for c in cats[page.offset:page.offset + page.limit]],
                total=len(cats), limit=page.limit, offset=page.offset)


@router.post("/rounds", status_code=201, summary="开启评选轮次 / Open a round for a year and category (第十五条)")
async def create_round(body: RoundIn, request: Request, session: SessionDep, principal: PrincipalDep) -> RoundOut:
    """Office: open a round for a year and category (公开申报条件, 第十五条). Example caller: dept-gxj."""
    deps.office(principal)
    rnd = await svc.create_round(session=session, principal=principal, data=body,
                                 default_departments=request.app.state.settings.review_departments)
    return RoundOut.of(rnd)


@router.get("/rounds", summary="评选轮次 / Rounds and their stage")
async def list_rounds(session: SessionDep, page: PageDep, year: int | None = None,
                      category: str | None = None, state: RoundState | None = None) -> Page[RoundOut]:
    """Public: rounds and their stage."""
    rows, total = await svc.list_rounds(session, year=year, category=category, state=state, limit=page.limit,
                                        offset=page.offset)
    return Page(items=[RoundOut.of(r) for r in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/rounds/{round_id}", summary="轮次详情及申报条件 / A round with its announced conditions")
async def get_round_detail(round_id: str, session: SessionDep) -> RoundDetailOut:
    """Public: the round with its announced conditions (thresholds, indicators, weights, deadline)."""
    rnd = await get_round(session, round_id)
    return RoundDetailOut(**RoundOut.of(rnd).model_dump(), conditions=svc.conditions(rnd))


@router.post("/rounds/{round_id}/transitions", status_code=201,
             summary="推进评选程序 / Move a round to its next procedural step")
async def transition_round(round_id: str, body: TransitionIn, request: Request, session: SessionDep,
                           principal: PrincipalDep) -> TransitionOut:
    """Office: the next procedural step, guarded (第十五条–第二十条); refusals name the article. Example caller:
    dept-gxj (a round just opened moves to applications_open)."""
    deps.office(principal)
    rnd, row = await svc.transition_round(session=session, principal=principal, outbox=request.app.state.outbox,
                                          round_id=round_id, to=body.to, as_of=body.as_of,
                                          tie_winners=body.tie_winners)
    return TransitionOut.of(rnd, row)


@router.get("/rounds/{round_id}/transitions", summary="评选程序记录 / The procedure history of a round")
async def list_transitions(round_id: str, session: SessionDep, page: PageDep) -> Page[StepOut]:
    """Public: the procedure history of a round with each step's basis and facts, oldest first."""
    rows, total = await svc.transitions_of(session, round_id, page)
    return Page(items=[StepOut.of(r) for r in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/rounds/{round_id}/history", summary="轮次审计记录 / The audit trail of a round")
async def round_history(round_id: str, session: SessionDep, principal: PrincipalDep, page: PageDep
                        ) -> Page[AuditEntry]:
    """Office and reviewers: the audit trail of the round (who did what, when), oldest first."""
    deps.reviewer(principal)
    rows, total = await svc.history_of(session, round_id, page)
    return Page(items=[AuditEntry.of(r) for r in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/rounds/{round_id}/meetings", status_code=201,
             summary="登记会议 / Record a leading-group or municipal meeting (第十八条, 第十九条)")
async def record_meeting(round_id: str, body: MeetingIn, session: SessionDep, principal: PrincipalDep
                         ) -> MeetingOut:
    """Office: record 领导小组成员会议 (第十八条), 市政府常务会议 / 市委常委会议 (第十九条), held between the day the
    round entered its current step and today. Example caller: dept-gxj."""
    deps.office(principal)
    m = await svc.record_meeting(session=session, principal=principal, round_id=round_id, data=body)
    return MeetingOut.of(m)


@router.get("/rounds/{round_id}/meetings", summary="会议记录 / The meetings recorded for a round")
async def list_meetings(round_id: str, session: SessionDep, principal: PrincipalDep, page: PageDep
                        ) -> Page[MeetingOut]:
    deps.reviewer(principal)
    rows, total = await svc.meetings_of(session, round_id, page)
    return Page(items=[MeetingOut.of(m) for m in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/rounds/{round_id}/experts", status_code=201,
             summary="登记本轮评审专家 / Register an expert of the round (第十三条)")
async def register_expert(round_id: str, body: ExpertIn, session: SessionDep, principal: PrincipalDep
                          ) -> ExpertOut:
    """Office (dept-gxj): register an expert of the round with the member department that enters the expert's
    scores (a reviewer of the round, 第十七条); a department cannot score through experts it named itself."""
    deps.office(principal)
    return ExpertOut.model_validate(await svc.register_expert(session=session, principal=principal,
                                                              round_id=round_id, data=body), from_attributes=True)


@router.get("/rounds/{round_id}/experts", summary="本轮评审专家 / The experts registered for a round")
async def list_experts(round_id: str, session: SessionDep, principal: PrincipalDep, page: PageDep
                       ) -> Page[ExpertOut]:
    """Office, member departments and county governments: the round's registered experts."""
    deps.reviewer(principal)
    rows = await svc.experts_of(session, round_id)
    return Page(items=[ExpertOut.model_validate(r, from_attributes=True)
                       for r in rows[page.offset:page.offset + page.limit]], total=len(rows), limit=page.limit,
                offset=page.offset)


@router.post("/rounds/{round_id}/department-opinions", status_code=201,
             summary="录入成员单位审核意见 / Record a member department's opinion (第十七条)")
async def record_department_opinion(round_id: str, body: OpinionIn, session: SessionDep,
                                    principal: PrincipalDep) -> OpinionOut:
    """Member department: its review opinion on the round (第十七条). Example caller: dept-tjj."""
    deps.department(principal)
    row = await svc.record_department_opinion(session=session, principal=principal, round_id=round_id,
                                              opinion=body.opinion)
    return OpinionOut(round_id=row.round_id, department=row.department, opinion=row.opinion,
                      recorded_at=row.recorded_at)


@router.get("/rounds/{round_id}/department-opinions",
            summary="成员单位审核意见 / Member departments' opinions on a round")
async def list_department_opinions(round_id: str, session: SessionDep, principal: PrincipalDep, page: PageDep
                                   ) -> Page[OpinionOut]:
    deps.reviewer(principal)
    rows, total = await svc.opinions_of(session, round_id, page)
    return Page(items=[OpinionOut(round_id=r.round_id, department=r.department, opinion=r.opinion,
                                  recorded_at=r.recorded_at) for r in rows],
                total=total, limit=page.limit, offset=page.offset)


@router.post("/rounds/{round_id}/scores", status_code=201,
             summary="计算得分（极值法） / Score the admitted applicants now (第十条)")
async def compute_scores(round_id: str, session: SessionDep, principal: PrincipalDep) -> SnapshotOut:
    """Office: score the admitted applicants now (第十条, 极值法); the snapshot is kept with its explanation."""
    deps.office(principal)
    return SnapshotOut.of(await svc.score_now(session=session, principal=principal, round_id=round_id))


@router.get("/rounds/{round_id}/scores", summary="得分排名及说明 / The ranking with every applicant's explanation")
async def get_scores(round_id: str, session: SessionDep, principal: PrincipalDep,
                     seq: Annotated[int | None, Query(ge=1, description="a past computation")] = None
                     ) -> SnapshotOut:
    """Office and member departments: the ranking with every applicant's explanation (latest or a past one)."""
    deps.office_or_department(principal)
    return SnapshotOut.of(await svc.snapshot(session, round_id, seq))


@router.get("/rounds/{round_id}/ranking-changes", summary="排名变动记录 / Every recomputation and what it changed")
async def list_ranking_changes(round_id: str, session: SessionDep, principal: PrincipalDep, page: PageDep
                               ) -> Page[RankingChangeOut]:
    """Office and member departments: every recomputation and what it changed, oldest first — each candidacy
    it moved by enterprise name (id beside), with its current status."""
    deps.office_or_department(principal)
    rows, total = await svc.ranking_changes_of(session, round_id, page)
    apps = await notice_view.named_in(session, rows)
    return Page(items=[RankingChangeOut(
        id=r.id, round_id=r.round_id, before_snapshot_id=r.before_snapshot_id, after_snapshot_id=r.after_snapshot_id,
        cause=notice_view.readable(r.cause, apps), summary=notice_view.summary(r, apps),
        moves=[RankingMoveOut.of(m) for m in notice_view.moves(r, apps)],
        diff=r.diff, at=r.at) for r in rows], total=total, limit=page.limit, offset=page.offset)
