"""Rounds and their procedure (第十五条–第二十条): guarded transitions, meetings, department opinions, the public
notice list, and honours at publication (第二十一条, 第二十二条)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_awards.domain.categories import GRANTER_ZH, HONOUR_ITEM_ZH, CategoryCode, category
from anyang_awards.domain.errors import ProcedureError, art
from anyang_awards.domain.indicators import INDICATORS
from anyang_awards.domain.procedure import STATE_ZH, ProcedureFacts, RoundState, transition
from anyang_awards.domain.procedure import Meeting as MeetingFacts
from anyang_awards.models import kit
from anyang_awards.models.applications import Application
from anyang_awards.models.results import (
    Honour,
    Merit10Nominee,
    NoticeEntry,
    Objection,
    RankingChange,
    ScoreSnapshot,
)
from anyang_awards.models.rounds import DepartmentOpinion, Meeting, Round, RoundExpert, RoundTransition
from anyang_awards.rules import load_parameters
from anyang_awards.service import merit10
from anyang_awards.service.common import get_round, jsonable, page_of, who
from anyang_awards.service.scoring import compute, current_winners, latest_snapshot
from govkit import audit
from govkit.auth import Principal
from govkit.clock import business_date, utcnow
from govkit.errors import Conflict, NotFound, RuleViolation
from govkit.events import Outbox
from govkit.i18n import t
from govkit.pagination import PageParams

PARAMS = load_parameters()
MEETING_KINDS = {  # kind -> (name, state in which it is recorded, article)
    "leading_group": ("评选领导小组成员会议", RoundState.PRELIMINARY_OPINION, art("第十八条")),
    "executive": ("市政府常务会议", RoundState.CITY_EXAMINATION, art("第十九条")),
    "standing_committee": ("市委常委会议", RoundState.CITY_EXAMINATION, art("第十九条")),
}


def conditions(rnd: Round) -> dict[str, Any]:
    """The announced conditions (第十五条): category, thresholds in force on the deadline, indicators, weights."""
    cat = category(rnd.category)
    thresholds = []
    for name in PARAMS.names():
        if name.startswith(f"awards.{cat.code.value}."):
            try:
                v = PARAMS.at(name, rnd.application_deadline)
            except KeyError:
                continue
            d = PARAMS.describe(name)
            thresholds.append({"name": name, "description": d.description, "unit": d.unit,
                               "value": jsonable(v.value), "basis": v.reference})
    indicators = [{"code": i.code, "name_zh": i.name_zh, "name_en": i.name_en, "weight": i.weight,
                   "kind": i.kind.value, "direction": i.direction.value, "group_zh": i.group_zh,
                   "formula": i.formula.text if i.formula else None,
                   "formula_zh": i.formula.text_zh if i.formula else None,
                   "bonus_items": [{"code": b.code, "name_zh": b.name_zh, "points": b.points}
                                   for b in i.bonus_items], "cap": i.cap, "basis": i.article}
                  for i in INDICATORS.get(cat.code, ())]
    return {"category": cat.code.value, "category_label": cat.name_zh, "who": cat.who.value,
            "places": cat.places, "basis": cat.article, "thresholds": thresholds, "indicators": indicators,
            "scoring_basis": art("第十条") if cat.scored else art("第七条"),
            "application_deadline": rnd.application_deadline.isoformat()}


async def create_round(*, session: AsyncSession, principal: Principal, data, default_departments: list[str]
                       ) -> Round:
    async with session.begin():
        exists = (await session.execute(select(Round.id).where(Round.year == data.year,
                                                               Round.category == data.category.value))).first()
        if exists:
            raise Conflict(f"{data.year}年度该类别评选已存在（一年一评，{art('第十二条')}）",
                           f"a {data.category.value} round for {data.year} exists (one a year, Art. 12)",
                           extra={"round_id": exists.id})
        if data.application_deadline < data.announced_on:
            raise RuleViolation("申报截止日不能早于公布日", "the deadline cannot precede the announcement",
                                errors=[{"field": "application_deadline",
                                         "message": t("早于公布日", "before announced_on")}])
        depts = data.review_departments if data.review_departments is not None else (
            [] if data.category is CategoryCode.MERIT10 else list(default_departments))
        rnd = Round(id=str(uuid.uuid4()), year=data.year, category=data.category.value,
                    state=RoundState.ANNOUNCED.value, announced_on=data.announced_on,
                    application_deadline=data.application_deadline, review_departments=depts,
                    created_by=who(principal), created_at=utcnow())
        session.add(rnd)
        await session.flush()
        await audit.record(session, kit, "awards.round.create", "round", rnd.id,
                           {"year": rnd.year, "category": rnd.category, "basis": art("第十五条")})
    return rnd


async def _entered_on(session: AsyncSession, rnd: Round) -> date:
    """The business date on which the round entered its current state."""
    q = select(RoundTransition.as_of).where(RoundTransition.round_id == rnd.id,
                                             RoundTransition.to_state == rnd.state).order_by(
        RoundTransition.id.desc()).limit(1)
    return (await session.execute(q)).scalar() or rnd.announced_on


async def _latest_meeting(session: AsyncSession, round_id: str, kind: str) -> MeetingFacts | None:
    m = (await session.execute(select(Meeting).where(Meeting.round_id == round_id, Meeting.kind == kind)
                               .order_by(Meeting.held_on.desc(), Meeting.recorded_at.desc()).limit(1))
         ).scalars().first()
    return MeetingFacts(m.held_on, m.ref) if m else None


async def procedure_facts(session: AsyncSession, rnd: Round, as_of: date) -> ProcedureFacts:
    pending_county = (await session.execute(select(func.count()).select_from(Application).where(
        Application.round_id == rnd.id, Application.status == "active",
        Application.county_decision == "pending"))).scalar_one()
    given = set((await session.execute(select(DepartmentOpinion.department).where(
        DepartmentOpinion.round_id == rnd.id))).scalars())
    open_objections = (await session.execute(select(func.count()).select_from(Objection).where(
        Objection.round_id == rnd.id, Objection.status != "decided"))).scalar_one()
    return ProcedureFacts(
        as_of=as_of, application_deadline=rnd.application_deadline, pending_county_reviews=pending_county,
        pending_department_opinions=len(set(rnd.review_departments or ()) - given),
        leading_group_meeting=await _latest_meeting(session, rnd.id, "leading_group"),
        executive_meeting=await _latest_meeting(session, rnd.id, "executive"),
        standing_committee_meeting=await _latest_meeting(session, rnd.id, "standing_committee"),
        notice_end=rnd.notice_end, notice_end_provisional=rnd.notice_end_provisional,
        open_objections=open_objections)


def _tie_choice(tie: dict | None, tie_winners: list[str] | None) -> list[str]:
    """A tie across the last place is decided by the leading group (第十条 Interpretation), never silently."""
    if not tie:
        return []
    if not tie_winners:
        raise RuleViolation(tie["message_zh"] + "；请在进入公示时提交领导小组的决定（tie_winners）",
                            tie["message_en"] + "; send the leading group's choice as tie_winners",
                            extra={"tie": tie})
    if len(set(tie_winners)) != tie["open_places"] or not set(tie_winners) <= set(tie["tied"]):
        raise RuleViolation(f"须从并列者中确定{tie['open_places']}名", f"choose {tie['open_places']} of the tied",
                            extra={"tie": tie})
    return list(dict.fromkeys(tie_winners))


async def _build_notice_list(session: AsyncSession, rnd: Round, tie_winners: list[str] | None, by: str) -> int:
    if category(rnd.category).scored:
        snap = await latest_snapshot(session, rnd.id)
        if snap is None:
            snap, _ = await compute(session, rnd, "public notice list (第二十条)", by)
        chosen = list(snap.winners) + _tie_choice(snap.tie, tie_winners)
        by_id = {s["application_id"]: s for s in snap.scores}
        for app_id in chosen:
            a = await session.get(Application, app_id)
            s = by_id[app_id]
            session.add(NoticeEntry(id=str(uuid.uuid4()), round_id=rnd.id, application_id=a.id, rank=s["rank"],
                                    total=s["total"], entity_code=a.enterprise_uscc, entity_name=a.enterprise_name,
                                    person_name=a.person_name, status="listed"))
        rnd.tie_decision = {"tie": snap.tie, "winners": chosen[len(snap.winners):]} if snap.tie else None
        return len(chosen)
    winners, ranks, tie = await merit10.current_vote(session, rnd)  # nominees in good standing (第二条)
    chosen = winners + _tie_choice(tie, tie_winners)
    rnd.tie_decision = {"tie": tie, "winners": chosen[len(winners):]} if tie else None
    for nid in chosen:
        n = await session.get(Merit10Nominee, nid)
        session.add(NoticeEntry(id=str(uuid.uuid4()), round_id=rnd.id, nominee_id=n.id, rank=ranks[nid][1],
                                total=float(ranks[nid][0]), entity_code=n.entity_code, entity_name=n.entity_name,
                                person_name=n.person_name, status="listed"))
    return len(chosen)


async def _grant_honours(session: AsyncSession, outbox, rnd: Round, granted_on: date) -> list[Honour]:
    """第二十一条, 第二十二条: the entries on the notice that hold the places now (after any rescoring), in their
    current rank."""
    cat = category(rnd.category)
    entries = (await session.execute(select(NoticeEntry).where(NoticeEntry.round_id == rnd.id,
                                                               NoticeEntry.status == "listed")
                                     .order_by(NoticeEntry.rank, NoticeEntry.id))).scalars().all()
    ranks: dict[str, int] = {}
    snap = await latest_snapshot(session, rnd.id) if cat.scored else None
    if snap is not None:
        holding, ranks = set(current_winners(rnd, snap)), {s["application_id"]: s["rank"] for s in snap.scores}
        entries = sorted((e for e in entries if e.application_id in holding),
                         key=lambda e: (ranks.get(e.application_id, e.rank), e.id))
    elif not cat.scored:  # 第七条: the vote among the nominees in good standing
        chosen, votes = await merit10.current_choice(session, rnd)
        holding, ranks = set(chosen), {n: r for n, (_, r) in votes.items()}
        entries = [e for e in entries if e.nominee_id in holding]
    honours = []
    for e in entries:
        h = Honour(id=str(uuid.uuid4()), round_id=rnd.id, application_id=e.application_id, year=rnd.year,
                   category=cat.code.value, title=cat.title_zh(rnd.year), entity_code=e.entity_code,
                   entity_name=e.entity_name, person_name=e.person_name,
                   rank=ranks.get(e.application_id or e.nominee_id or "", e.rank),
                   items=[i.value for i in cat.honour_items], granted_by=GRANTER_ZH[cat.granted_by],
                   basis=cat.honour_article, granted_on=granted_on, status="granted")
        session.add(h)
        honours.append(h)
        await outbox.emit(session, "awards.honor.granted", h.entity_code, honour_event(h, cat))
        await audit.record(session, kit, "awards.honour.grant", "honour", h.id,
                           {"round_id": rnd.id, "entity_code": h.entity_code, "basis": h.basis})
    return honours


def honour_event(h: Honour, cat) -> dict[str, Any]:
    return {"honour_id": h.id, "round_id": h.round_id, "year": h.year, "category": h.category,
            "category_label": cat.name_zh, "title": h.title, "entity_code": h.entity_code,
            "entity_name": h.entity_name, "person_name": h.person_name, "granted_on": h.granted_on.isoformat(),
            "granted_by": h.granted_by, "basis": h.basis,
            "items": [{"code": i, "label": HONOUR_ITEM_ZH[i]} for i in _items(h.items)]}


def _items(codes):
    from anyang_awards.domain.categories import HonourItem

    return [HonourItem(c) for c in codes]


async def transition_round(*, session: AsyncSession, principal: Principal, outbox, round_id: str, to: RoundState,
                           as_of: date | None = None, tie_winners: list[str] | None = None
                           ) -> tuple[Round, RoundTransition]:
    """The next step, dated by the service's own business date: every guard (deadline, notice end) compares
    with today, never with a date the caller sends (`as_of`, deprecated, must equal it)."""
    by = who(principal)
    today = business_date()
    if as_of is not None and as_of != today:
        raise RuleViolation(f"as_of（{as_of.isoformat()}）须为本服务的当日（{today.isoformat()}）",
                            f"as_of ({as_of.isoformat()}) must be the service's business date ({today.isoformat()})",
                            errors=[{"field": "as_of", "message": today.isoformat()}], code="as_of_not_today")
    as_of = today
    async with session.begin():
        rnd = await get_round(session, round_id, lock=True)
        tr = transition(rnd.state, to, await procedure_facts(session, rnd, as_of))
        row = await _take_step(session, outbox, rnd, tr, as_of, by, tie_winners)
    return rnd, row


async def _take_step(session: AsyncSession, outbox, rnd: Round, tr, as_of: date, by: str,
                     tie_winners: list[str] | None = None) -> RoundTransition:
    """The effects of an allowed step (scores, notice list, honours) and its record, in the caller's transaction.
    The step is claimed first, on the state it leaves: of two at once (the job and a caller) one takes it."""
    claimed = await session.execute(update(Round).where(Round.id == rnd.id, Round.state == tr.from_state.value)
                                    .values(state=tr.to_state.value))
    if claimed.rowcount != 1:
        raise Conflict("本轮评选程序已由他人推进，请刷新后重试", "the round moved on meanwhile: reload and retry")
    extra: dict[str, Any] = {}
    if tr.to_state is RoundState.PRELIMINARY_OPINION and category(rnd.category).scored:
        snap, _ = await compute(session, rnd, "preliminary opinion (第十八条)", by)
        extra["snapshot"] = snap.id
    if tr.to_state is RoundState.PUBLIC_NOTICE:
        rnd.final_approval_date = tr.final_approval_date
        rnd.notice_start = tr.final_approval_date
        rnd.notice_end = tr.notice_end.due  # type: ignore[union-attr]
        rnd.notice_end_provisional = tr.notice_end.provisional  # type: ignore[union-attr]
        extra["listed"] = await _build_notice_list(session, rnd, tie_winners, by)
    if tr.to_state is RoundState.PUBLISHED:
        honours = await _grant_honours(session, outbox, rnd, as_of)  # 第二十一条, 第二十二条: granted today
        rnd.published_on = as_of
        extra["honours"] = [h.id for h in honours]
    rnd.state = tr.to_state.value
    row = RoundTransition(round_id=rnd.id, from_state=tr.from_state.value, to_state=tr.to_state.value,
                          as_of=as_of, basis=tr.basis, facts=jsonable({**tr.facts, **extra}), by=by, at=utcnow())
    session.add(row)
    await session.flush()
    await audit.record(session, kit, "awards.round.transition", "round", rnd.id,
                       {"from": tr.from_state.value, "to": tr.to_state.value, "basis": tr.basis,
                        "facts": row.facts, "state_zh": STATE_ZH[tr.to_state]})
    return row


async def end_notices(session: AsyncSession, now: datetime) -> str:
    """Job (第二十条, 第二十五条): a public notice whose 7 working days have run (today is after its last day)
    and whose objections are all decided ends by itself: the results are published and the honours granted,
    dated today. A notice whose end is still provisional (the year's holiday arrangement not loaded) waits
    for the recomputation; one with an open objection waits for the leading group's decision."""
    today = business_date(now)
    due = (await session.execute(select(Round).where(
        Round.state == RoundState.PUBLIC_NOTICE.value, Round.notice_end < today).order_by(Round.notice_end)
        .with_for_update())).scalars().all()
    outbox = Outbox(kit.outbox, source="awards")
    published: list[tuple[str, str]] = []
    waiting: list[tuple[str, str]] = []
    for rnd in due:
        name = category(rnd.category)
        try:
            tr = transition(rnd.state, RoundState.PUBLISHED, await procedure_facts(session, rnd, today))
        except ProcedureError as e:  # an objection not yet decided (第二十五条), or an end still provisional
            waiting.append((f"{rnd.year}年度{name.name_zh}（{e.zh}）", f"{rnd.year} {rnd.category} ({e.en})"))
            continue
        await _take_step(session, outbox, rnd, tr, today, "system: end of the public notice (第二十条)")
        published.append((f"{rnd.year}年度{name.name_zh}", f"{rnd.year} {rnd.category}"))
    return t(f"公示期满结束并公布结果{len(published)}轮{_listed(p[0] for p in published)}；"
             f"待定{len(waiting)}轮{_listed(w[0] for w in waiting)}",
             f"{len(published)} notice(s) ended and published{_listed((p[1] for p in published), ': ', ', ')}; "
             f"{len(waiting)} waiting{_listed((w[1] for w in waiting), ': ', ', ')}")


def _listed(names, lead: str = "：", sep: str = "、") -> str:
    names = list(names)
    return f"{lead}{sep.join(names)}" if names else ""


async def record_meeting(*, session: AsyncSession, principal: Principal, round_id: str, data) -> Meeting:
    async with session.begin():
        rnd = await get_round(session, round_id)
        name, state, basis = MEETING_KINDS[data.kind]
        if rnd.state != state.value:
            raise Conflict(f"{name}应在“{STATE_ZH[state]}”阶段记录（当前：{STATE_ZH[RoundState(rnd.state)]}）",
                           f"a {data.kind} meeting is recorded in state {state.value} (now {rnd.state})")
        entered = await _entered_on(session, rnd)
        today = business_date()
        if not entered <= data.held_on <= today:
            # a meeting of this step is held after the round entered it and not in the future (第十八条、第十九条)
            raise RuleViolation(
                f"{name}的日期须在本阶段开始（{entered.isoformat()}）至今日（{today.isoformat()}）之间",
                f"the meeting must be dated between entering this step ({entered.isoformat()}) and today "
                f"({today.isoformat()})",
                errors=[{"field": "held_on", "message": f"{entered.isoformat()}..{today.isoformat()}"}],
                extra={"basis": basis}, code="meeting_date")
        m = Meeting(id=str(uuid.uuid4()), round_id=rnd.id, kind=data.kind, held_on=data.held_on, ref=data.ref,
                    summary=data.summary or "", recorded_by=who(principal), recorded_at=utcnow())
        session.add(m)
        await session.flush()
        await audit.record(session, kit, "awards.round.meeting", "round", rnd.id,
                           {"meeting": m.id, "kind": data.kind, "held_on": data.held_on.isoformat(),
                            "ref": data.ref, "basis": basis})
    return m


async def record_department_opinion(*, session: AsyncSession, principal: Principal, round_id: str,
                                    opinion: str) -> DepartmentOpinion:
    """第十七条: each member department records its opinion (one per department, replaceable)."""
    async with session.begin():
        rnd = await get_round(session, round_id)
        if rnd.state != RoundState.DEPARTMENT_REVIEW:
            raise Conflict(f"本轮不在部门审核阶段（状态：{rnd.state}）",
                           f"the round is not in department review (state {rnd.state})")
        row = (await session.execute(select(DepartmentOpinion).where(
            DepartmentOpinion.round_id == rnd.id, DepartmentOpinion.department == principal.org))).scalars().first()
        if row is None:
            row = DepartmentOpinion(id=str(uuid.uuid4()), round_id=rnd.id, department=principal.org,
                                    opinion=opinion, recorded_by=who(principal), recorded_at=utcnow())
            session.add(row)
        else:
            row.opinion, row.recorded_by, row.recorded_at = opinion, who(principal), utcnow()
        await session.flush()
        await audit.record(session, kit, "awards.round.department_opinion", "round", rnd.id,
                           {"department": principal.org, "opinion": opinion, "basis": art("第十七条")})
    return row


async def register_expert(*, session: AsyncSession, principal: Principal, round_id: str, data) -> RoundExpert:
    """第十三条: the office registers the round's experts, each with the member department (a reviewer of the
    round, 第十七条) through which the expert's scores are entered."""
    async with session.begin():
        rnd = await get_round(session, round_id)
        if rnd.state == RoundState.PUBLISHED:
            raise Conflict("结果已公布，不能再登记专家", "results are published: no more experts")
        if data.department not in (rnd.review_departments or ()):
            raise RuleViolation(f"{data.department}不是本轮部门审核的成员单位（{art('第十七条')}）",
                                f"{data.department} does not review this round (Art. 17)",
                                errors=[{"field": "department", "message": ", ".join(rnd.review_departments or ())}])
        dup = (await session.execute(select(RoundExpert.id).where(
            RoundExpert.round_id == rnd.id, RoundExpert.name == data.name,
            RoundExpert.department == data.department))).first()
        if dup:
            raise Conflict(f"本轮已登记该专家（{dup.id}）", f"the expert is registered already ({dup.id})",
                           extra={"expert_id": dup.id})
        row = RoundExpert(id=str(uuid.uuid4()), round_id=rnd.id, name=data.name, department=data.department,
                          registered_by=who(principal), registered_at=utcnow())
        session.add(row)
        await session.flush()
        await audit.record(session, kit, "awards.round.expert", "round", rnd.id,
                           {"expert": row.id, "name": row.name, "department": row.department,
                            "basis": art("第十三条")})
    return row


async def experts_of(session: AsyncSession, round_id: str) -> list[RoundExpert]:
    await get_round(session, round_id)
    q = select(RoundExpert).where(RoundExpert.round_id == round_id).order_by(RoundExpert.department,
                                                                            RoundExpert.name)
    return list((await session.execute(q)).scalars())


async def list_rounds(session: AsyncSession, *, year: int | None, category: str | None, state: RoundState | None,
                      limit: int, offset: int) -> tuple[list[Round], int]:
    q = select(Round)
    if year is not None:
        q = q.where(Round.year == year)
    if category:
        q = q.where(Round.category == category)
    if state:
        q = q.where(Round.state == state.value)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(Round.year.desc(), Round.category).limit(limit).offset(offset))
    return list(rows.scalars()), total


async def transitions_of(session: AsyncSession, round_id: str, page: PageParams
                         ) -> tuple[list[RoundTransition], int]:
    await get_round(session, round_id)
    q = select(RoundTransition).where(RoundTransition.round_id == round_id).order_by(RoundTransition.id)
    return await page_of(session, q, page)


async def history_of(session: AsyncSession, round_id: str, page: PageParams
                     ) -> tuple[list[dict[str, Any]], int]:
    """The audit trail of the round (who did what, when)."""
    await get_round(session, round_id)
    return (await audit.history(session, kit, "round", round_id, limit=page.limit, offset=page.offset),
            await audit.count(session, kit, "round", round_id))


async def meetings_of(session: AsyncSession, round_id: str, page: PageParams) -> tuple[list[Meeting], int]:
    await get_round(session, round_id)
    q = select(Meeting).where(Meeting.round_id == round_id).order_by(Meeting.held_on, Meeting.recorded_at, Meeting.id)
    return await page_of(session, q, page)


async def opinions_of(session: AsyncSession, round_id: str, page: PageParams
                      ) -> tuple[list[DepartmentOpinion], int]:
    await get_round(session, round_id)
    q = select(DepartmentOpinion).where(DepartmentOpinion.round_id == round_id).order_by(DepartmentOpinion.department)
    return await page_of(session, q, page)


async def ranking_changes_of(session: AsyncSession, round_id: str, page: PageParams
                             ) -> tuple[list[RankingChange], int]:
    await get_round(session, round_id)
    q = select(RankingChange).where(RankingChange.round_id == round_id).order_by(RankingChange.id)
    return await page_of(session, q, page)


async def score_now(*, session: AsyncSession, principal: Principal, round_id: str) -> ScoreSnapshot:
    """The office scores the admitted applicants now (第十条, 极值法); the snapshot keeps its explanation."""
    async with session.begin():
        rnd = await get_round(session, round_id)
        if not category(rnd.category).scored:
            raise Conflict("“十大功勋企业家”以投票差额评选，不计分（第七条）", "merit10 is voted, not scored (Art. 7)")
        if rnd.state in (RoundState.ANNOUNCED.value, RoundState.PUBLISHED.value):
            raise Conflict(f"本轮当前不能计分（状态：{rnd.state}）", f"cannot score in state {rnd.state}")
        snap, _ = await compute(session, rnd, "computed by the office", who(principal))
    return snap


async def snapshot(session: AsyncSession, round_id: str, seq: int | None) -> ScoreSnapshot:
    """The latest scoring of a round, or the past one numbered `seq`."""
    if seq is None:
        snap = await latest_snapshot(session, round_id)
    else:
        q = select(ScoreSnapshot).where(ScoreSnapshot.round_id == round_id, ScoreSnapshot.seq == seq)
        snap = (await session.execute(q)).scalars().first()
    if snap is None:
        raise NotFound("本轮尚未计分", "the round has not been scored")
    return snap
