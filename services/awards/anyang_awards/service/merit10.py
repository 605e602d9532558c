"""十大功勋企业家 (第七条): the leading group nominates more than 10 of the year's 50强 winners and votes."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_awards.domain.categories import CategoryCode
from anyang_awards.domain.errors import art
from anyang_awards.domain.merit10 import standing, tally, validate_nominees
from anyang_awards.domain.procedure import ORDER, RoundState
from anyang_awards.models import kit
from anyang_awards.models.applications import Application
from anyang_awards.models.results import Honour, Merit10Ballot, Merit10Nominee, NoticeEntry
from anyang_awards.models.rounds import Round
from anyang_awards.service.common import get_round, jsonable, page_of, who
from anyang_awards.service.scoring import tie_json
from govkit import audit
from govkit.auth import Principal
from govkit.clock import utcnow
from govkit.errors import Conflict, RuleViolation
from govkit.pagination import PageParams


async def _merit_round(session: AsyncSession, round_id: str):
    rnd = await get_round(session, round_id)
    if rnd.category != CategoryCode.MERIT10.value:
        raise RuleViolation("只有“十大功勋企业家”评选采用差额投票（第七条）", "only merit10 rounds vote (Art. 7)")
    if ORDER.index(RoundState(rnd.state)) >= ORDER.index(RoundState.CITY_EXAMINATION):
        raise Conflict(f"本轮已提交市委、市政府审定，不能再变更候选人或投票（状态：{rnd.state}）",
                       f"the round is past the leading group's stage (state {rnd.state})")
    return rnd


async def top50_winners(session: AsyncSession, year: int) -> list[Honour]:
    q = select(Honour).where(Honour.year == year, Honour.category == CategoryCode.TOP50.value,
                             Honour.status == "granted")
    return list((await session.execute(q.order_by(Honour.rank, Honour.id))).scalars())


async def nominate(*, session: AsyncSession, principal: Principal, round_id: str, honour_ids: list[str]
                   ) -> list[Merit10Nominee]:
    async with session.begin():
        rnd = await _merit_round(session, round_id)
        winners = {h.id: h for h in await top50_winners(session, rnd.year)}
        validate_nominees(honour_ids, set(winners))
        await session.execute(delete(Merit10Ballot).where(Merit10Ballot.round_id == rnd.id))
        await session.execute(delete(Merit10Nominee).where(Merit10Nominee.round_id == rnd.id))
        rows = []
        for hid in honour_ids:
            h = winners[hid]
            a = await session.get(Application, h.application_id) if h.application_id else None
            n = Merit10Nominee(id=hid, round_id=rnd.id, top50_honour_id=hid, person_name=h.person_name or "",
                               entity_code=h.entity_code, entity_name=h.entity_name,
                               person_ref=a.person_ref if a else None, status="active")
            session.add(n)
            rows.append(n)
        await session.flush()
        await audit.record(session, kit, "awards.merit10.nominate", "round", rnd.id,
                           {"nominees": honour_ids, "basis": art("第七条")})
    return rows


def _nominees(round_id: str):
    return select(Merit10Nominee).where(Merit10Nominee.round_id == round_id).order_by(Merit10Nominee.person_name,
                                                                                      Merit10Nominee.id)


async def nominees_of(session: AsyncSession, round_id: str, page: PageParams) -> tuple[list[Merit10Nominee], int]:
    return await page_of(session, _nominees(round_id), page)


async def record_ballot(*, session: AsyncSession, principal: Principal, round_id: str, data) -> Merit10Ballot:
    async with session.begin():
        rnd = await _merit_round(session, round_id)
        nominees = list((await session.execute(_nominees(rnd.id).with_only_columns(Merit10Nominee.id))).scalars())
        result = tally(nominees, set(nominees), data.votes)
        b = Merit10Ballot(id=str(uuid.uuid4()), round_id=rnd.id, held_on=data.held_on, meeting_ref=data.meeting_ref,
                          votes=dict(data.votes), result=jsonable({
                              "ranking": [list(r) for r in result.ranking], "winners": list(result.winners),
                              "tie": None if result.tie is None else {
                                  "rank": result.tie.rank, "total": result.tie.total, "tied": list(result.tie.tied),
                                  "open_places": result.tie.open_places, "message_zh": result.tie.message_zh,
                                  "message_en": result.tie.message_en},
                              "basis": result.basis}),
                          recorded_by=who(principal), recorded_at=utcnow())
        session.add(b)
        await session.flush()
        await audit.record(session, kit, "awards.merit10.ballot", "round", rnd.id,
                           {"ballot": b.id, "meeting_ref": data.meeting_ref, "result": b.result})
    return b


async def ballots_of(session: AsyncSession, round_id: str, page: PageParams
                     ) -> tuple[list[Merit10Ballot], int]:
    await get_round(session, round_id)
    q = select(Merit10Ballot).where(Merit10Ballot.round_id == round_id).order_by(Merit10Ballot.recorded_at,
                                                                                 Merit10Ballot.id)
    return await page_of(session, q, page)



async def _latest_ballot(session: AsyncSession, round_id: str) -> Merit10Ballot | None:
    return (await session.execute(select(Merit10Ballot).where(Merit10Ballot.round_id == round_id)
                                  .order_by(Merit10Ballot.recorded_at.desc()).limit(1))).scalars().first()


async def current_vote(session: AsyncSession, rnd: Round
                       ) -> tuple[list[str], dict[str, tuple[float, int]], dict | None]:
    """The latest vote among the nominees in good standing (第七条, 第二条): its winners, each nominee's votes
    and rank, and a tie across the last place. Refused without a vote."""
    ballot = await _latest_ballot(session, rnd.id)
    if ballot is None:
        raise RuleViolation(f"尚未记录领导小组的差额投票（{art('第七条')}）",
                            "the leading group's vote is not recorded yet (Art. 7)")
    out = {n.id for n in (await session.execute(_nominees(rnd.id))).scalars() if n.status == "disqualified"}
    ranked, winners, tie = standing(ballot.result["ranking"], out)
    return list(winners), {n: (v, r) for n, v, r in ranked}, tie_json(tie)


async def current_choice(session: AsyncSession, rnd: Round) -> tuple[list[str], dict[str, tuple[float, int]]]:
    """Who holds the ten now: the vote's winners in good standing and, across a tie at the last place, the
    leading group's choice where it still applies; with each nominee's votes and rank."""
    winners, ranks, tie = await current_vote(session, rnd)
    decided = (rnd.tie_decision or {}).get("winners") or []
    return winners + [n for n in decided if tie and n in tie["tied"]], ranks


async def follow_ballot(session: AsyncSession, rnd: Round) -> None:
    """第二十条 for 十大功勋企业家: one who enters the ten during the notice (another disqualified) joins the
    notice list and is honoured at publication."""
    chosen, ranks = await current_choice(session, rnd)
    listed = set((await session.execute(select(NoticeEntry.nominee_id).where(
        NoticeEntry.round_id == rnd.id))).scalars())
    for nid in chosen:
        if nid not in listed:
            n = await session.get(Merit10Nominee, nid)
            session.add(NoticeEntry(id=str(uuid.uuid4()), round_id=rnd.id, nominee_id=n.id, rank=ranks[nid][1],
                                    total=ranks[nid][0], entity_code=n.entity_code, entity_name=n.entity_name,
                                    person_name=n.person_name, status="listed"))
    await session.flush()


async def disqualify_nominee(session: AsyncSession, n: Merit10Nominee, reason: dict) -> None:
    reasons = [r for r in (n.disqualification or {}).get("reasons", []) if r.get("ref") != reason.get("ref")]
    n.disqualification, n.status = {"reasons": [*reasons, reason]}, "disqualified"
    await session.execute(update(NoticeEntry).where(NoticeEntry.nominee_id == n.id).values(status="disqualified"))
    await _after_change(session, n, "awards.merit10.nominee_disqualified", reason)


async def restore_nominee(session: AsyncSession, n: Merit10Nominee, ref: str, detail: dict) -> bool:
    """Drop one reason; the nominee is back in good standing when none is left. True when restored."""
    reasons = [r for r in (n.disqualification or {}).get("reasons", []) if r.get("ref") != ref]
    n.disqualification = {"reasons": reasons} if reasons else None
    if reasons or n.status != "disqualified":
        return False
    n.status = "active"
    await session.execute(update(NoticeEntry).where(NoticeEntry.nominee_id == n.id).values(status="listed"))
    await _after_change(session, n, "awards.merit10.nominee_restored", detail)
    return True


async def _after_change(session: AsyncSession, n: Merit10Nominee, action: str, detail: dict) -> None:
    await session.flush()
    await audit.record(session, kit, action, "round", n.round_id, {"nominee": n.id, **detail})
    rnd = await get_round(session, n.round_id)
    if rnd.state == RoundState.PUBLIC_NOTICE:
        await follow_ballot(session, rnd)


async def open_nominees(session: AsyncSession, *, entity: str, person_ref: str | None
                        ) -> list[tuple[Merit10Nominee, Round]]:
    """Nominees of rounds not yet published whose enterprise or person a listing names (第二条)."""
    named = Merit10Nominee.entity_code == entity
    if person_ref:
        named = or_(named, Merit10Nominee.person_ref == person_ref)
    q = select(Merit10Nominee, Round).join(Round, Round.id == Merit10Nominee.round_id).where(
        named, Round.state != RoundState.PUBLISHED.value)
    return [(n, r) for n, r in (await session.execute(q.order_by(Merit10Nominee.id))).all()]


async def nominees_listed_by(session: AsyncSession, entry_id: str) -> list[tuple[Merit10Nominee, Round]]:
    q = select(Merit10Nominee, Round).join(Round, Round.id == Merit10Nominee.round_id).where(
        Merit10Nominee.disqualification.is_not(None))
    return [(n, r) for n, r in (await session.execute(q)).all()
            if any(x.get("ref") == entry_id for x in (n.disqualification or {}).get("reasons", []))]
