"""Public notice and objections (第二十条, 第二十五条), honours and revocations, the 十大功勋企业家 vote (第七条)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from anyang_awards.api import deps
from anyang_awards.domain.categories import category
from anyang_awards.domain.procedure import RoundState
from anyang_awards.schemas.results import (
    BallotIn,
    BallotOut,
    DecisionIn,
    HandlingIn,
    HonourOut,
    NomineeOut,
    NomineesIn,
    NoticeOut,
    ObjectionIn,
    ObjectionOut,
    ObjectionPublicOut,
    RevocationIn,
    notice_entry_out,
)
from anyang_awards.schemas.vocab import STATE_LABELS
from anyang_awards.service import merit10 as merit_svc
from anyang_awards.service import notice as svc
from anyang_awards.service import notice_view
from anyang_awards.service.common import get_round
from govkit.auth import OptionalPrincipalDep, PrincipalDep
from govkit.clock import utcnow
from govkit.db import SessionDep
from govkit.errors import NotFound, RuleViolation
from govkit.i18n import t
from govkit.pagination import Page, PageDep
from govkit.rules.periods import deadline_instant

router = APIRouter(tags=["awards: notice and honours"])
VISIBLE = (RoundState.PUBLIC_NOTICE.value, RoundState.PUBLISHED.value)


@router.get("/rounds/{round_id}/notice", summary="公示名单 / The list under public notice and until when")
async def get_notice(round_id: str, request: Request, session: SessionDep) -> NoticeOut:
    """Public: the list under public notice (7 working days from the final approval, 第二十条) and until when
    objections are taken (online 24:00, at the office until closing; 民法典 第二百零三条). The entries stand in
    the current ranking (after any rescoring), each with its marks (under review, disqualified, rescored) and
    their basis; totals are shown to 2 decimals (half up) with the exact figure beside them."""
    rnd = await get_round(session, round_id)
    if rnd.state not in VISIBLE:
        raise NotFound("本轮尚未公示", "the round is not under public notice yet")
    close = request.app.state.settings.office_close
    deadlines = {} if rnd.notice_end is None else {
        "online": deadline_instant(rnd.notice_end, "online", close).isoformat(),
        "counter": deadline_instant(rnd.notice_end, "counter", close).isoformat()}
    cat = category(rnd.category)
    lines = await notice_view.notice_lines(session, rnd)
    return NoticeOut(round_id=rnd.id, year=rnd.year, category=rnd.category, category_label=cat.name_zh,
                     state=rnd.state, state_label=STATE_LABELS[rnd.state], places=cat.places,
                     final_approval_date=rnd.final_approval_date, notice_start=rnd.notice_start,
                     notice_end=rnd.notice_end, notice_end_provisional=rnd.notice_end_provisional,
                     objection_deadlines=deadlines, entries=[notice_entry_out(x, scored=cat.scored) for x in lines])


@router.post("/rounds/{round_id}/objections", status_code=201,
             summary="公示期内提出异议 / File an objection during the notice (第二十五条)")
async def file_objection(round_id: str, body: ObjectionIn, request: Request, session: SessionDep,
                         principal: OptionalPrincipalDep) -> ObjectionOut:
    """Anyone: a written objection during the notice (第二十五条). Online it counts until 24:00 of the last
    day (the server's time of receipt); a paper objection handed in at the office is recorded by the office
    with its time of receipt and counts until the office closes. Example caller: person-demo (or no token;
    `entry_id` from the notice)."""
    if body.channel == "counter":
        deps.office(principal)
        if body.received_at is None or body.received_at.tzinfo is None:
            raise RuleViolation("窗口递交的异议须记录带时区的收件时间",
                                "a counter objection needs its aware receipt time",
                                errors=[{"field": "received_at",
                                         "message": t("必填，须带时区", "required, timezone-aware")}])
        filed_at = body.received_at
    else:
        filed_at = utcnow()
    o = await svc.file_objection(session=session, principal=principal, round_id=round_id, data=body,
                                 filed_at=filed_at, office_close=request.app.state.settings.office_close)
    return ObjectionOut.of(o)


@router.get("/rounds/{round_id}/objections", summary="异议及处理结果 / Objections of a round and how they were decided")
async def list_objections(round_id: str, session: SessionDep, principal: OptionalPrincipalDep, page: PageDep
                          ) -> Page[ObjectionPublicOut]:
    """Public: the objections of a round and how they were decided (without the objectors' identity)."""
    rows, total = await svc.objections_of(session, round_id, page)
    return Page(items=[ObjectionPublicOut.of(o) for o in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/objections/{objection_id}", summary="一条异议 / One objection")
async def get_objection(objection_id: str, session: SessionDep, principal: PrincipalDep) -> ObjectionOut:
    deps.office(principal)
    return ObjectionOut.of(await svc.get_objection(session, objection_id))


@router.post("/objections/{objection_id}/handling",
             summary="异议处理意见 / The office's handling opinion on an objection")
async def handle_objection(objection_id: str, body: HandlingIn, session: SessionDep, principal: PrincipalDep
                           ) -> ObjectionOut:
    """Office: the handling opinion after investigating with the departments concerned (第二十五条). Example
    caller: dept-gxj."""
    deps.office(principal)
    return ObjectionOut.of(await svc.handle_objection(session=session, principal=principal,
                                                      objection_id=objection_id, data=body))


@router.post("/objections/{objection_id}/decision",
             summary="领导小组异议决定 / The leading group's decision on an objection")
async def decide_objection(objection_id: str, body: DecisionIn, session: SessionDep, principal: PrincipalDep
                           ) -> ObjectionOut:
    """Office records the leading group's decision (第十四条); fraud or infringement disqualifies (第二十五条).
    Example caller: dept-gxj."""
    deps.office(principal)
    return ObjectionOut.of(await svc.decide(session=session, principal=principal, objection_id=objection_id,
                                            data=body))


@router.get("/rounds/{round_id}/results", summary="评选结果 / The published results")
async def get_results(round_id: str, session: SessionDep, page: PageDep) -> Page[HonourOut]:
    """Public: the published results (第二十一条, 第二十二条), in rank order."""
    rnd = await get_round(session, round_id)
    if rnd.state != RoundState.PUBLISHED.value:
        raise NotFound("本轮结果尚未公布", "the results are not published yet")
    rows, total = await svc.honours(session, round_id=rnd.id, limit=page.limit, offset=page.offset)
    return Page(items=[HonourOut.of(h, rev) for h, rev in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/honours", summary="授予的荣誉 / Honours granted (and revoked, with the reason)")
async def list_honours(session: SessionDep, page: PageDep, year: int | None = None, category: str | None = None,
                       entity_code: str | None = None) -> Page[HonourOut]:
    """Public: honours granted (and revoked, with the reason)."""
    rows, total = await svc.honours(session, year=year, category=category, entity_code=entity_code,
                                    limit=page.limit, offset=page.offset)
    return Page(items=[HonourOut.of(h, rev) for h, rev in rows], total=total, limit=page.limit,
                offset=page.offset)


@router.get("/honours/{honour_id}", summary="一项荣誉 / One honour")
async def get_honour(honour_id: str, session: SessionDep) -> HonourOut:
    return HonourOut.of(*await svc.honour(session, honour_id))


@router.post("/honours/{honour_id}/revocation", status_code=201,
             summary="撤销荣誉 / Revoke an honour obtained by fraud or infringement (第二十五条)")
async def revoke_honour(honour_id: str, body: RevocationIn, request: Request, session: SessionDep,
                        principal: PrincipalDep) -> HonourOut:
    """Office: cancel an honour found obtained by fraud or infringing others' rights (第二十五条). Example caller:
    dept-gxj."""
    deps.office(principal)
    await svc.revoke(session=session, principal=principal, outbox=request.app.state.outbox, honour_id=honour_id,
                     data=body)
    return HonourOut.of(*await svc.honour(session, honour_id))


@router.post("/rounds/{round_id}/merit10/nominees", status_code=201,
             summary="提名十大功勋企业家候选人 / Nominate the 十大功勋企业家 candidates (差额, 第七条)")
async def nominate_merit10(round_id: str, body: NomineesIn, session: SessionDep, principal: PrincipalDep
                           ) -> list[NomineeOut]:
    """Office: more than 10 of the year's 50强 winners as nominees (差额, 第七条). Example caller: dept-gxj."""
    deps.office(principal)
    rows = await merit_svc.nominate(session=session, principal=principal, round_id=round_id,
                                    honour_ids=body.top50_honour_ids)
    return [NomineeOut.of(n) for n in rows]


@router.get("/rounds/{round_id}/merit10/nominees",
            summary="十大功勋企业家候选人 / The nominees of the 十大功勋企业家 vote")
async def list_merit10_nominees(round_id: str, session: SessionDep, page: PageDep) -> Page[NomineeOut]:
    """Public: the nominees of the 十大功勋企业家 vote."""
    await get_round(session, round_id)
    rows, total = await merit_svc.nominees_of(session, round_id, page)
    return Page(items=[NomineeOut.of(n) for n in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/rounds/{round_id}/merit10/ballots", status_code=201,
             summary="录入十大功勋企业家投票 / Record the leading group's 十大功勋企业家 vote")
async def record_merit10_ballot(round_id: str, body: BallotIn, session: SessionDep, principal: PrincipalDep
                                ) -> BallotOut:
    """Office: the leading group's vote; the 10 with most votes win, a tie across 10th place is reported.
    Example caller: dept-gxj (votes per nominee id)."""
    deps.office(principal)
    b = await merit_svc.record_ballot(session=session, principal=principal, round_id=round_id, data=body)
    return BallotOut.of(b)


@router.get("/rounds/{round_id}/merit10/ballots",
            summary="十大功勋企业家投票记录 / The recorded 十大功勋企业家 ballots")
async def list_merit10_ballots(round_id: str, session: SessionDep, principal: PrincipalDep, page: PageDep
                               ) -> Page[BallotOut]:
    deps.reviewer(principal)
    rows, total = await merit_svc.ballots_of(session, round_id, page)
    return Page(items=[BallotOut.of(b) for b in rows], total=total, limit=page.limit, offset=page.offset)


