"""十大功勋企业家 (第七条): the leading group nominates more than 10 of the year's 50强 winners and votes."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_awards.domain.categories import CategoryCode
from anyang_awards.domain.errors import art
from anyang_awards.domain.merit10 import tally, validate_nominees
from anyang_awards.domain.procedure import ORDER, RoundState
from anyang_awards.models import kit
from anyang_awards.models.results import Honour, Merit10Ballot, Merit10Nominee
from anyang_awards.service.common import get_round, jsonable, page_of, who
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
            n = Merit10Nominee(id=hid, round_id=rnd.id, top50_honour_id=hid, person_name=h.person_name or "",
                               entity_code=h.entity_code, entity_name=h.entity_name)
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
