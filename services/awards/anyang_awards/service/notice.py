"""Objections during the public notice (第二十五条, 第十四条) and revocation of honours (第二十五条)."""

from __future__ import annotations

import uuid
from datetime import datetime, time

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_awards.domain.categories import category
from anyang_awards.domain.errors import art
from anyang_awards.domain.procedure import RoundState, decide_objection, objection_in_time, revoke_honour
from anyang_awards.models import kit
from anyang_awards.models.applications import Application
from anyang_awards.models.results import Honour, NoticeEntry, Objection, Revocation
from anyang_awards.service.candidacy import disqualify
from anyang_awards.service.common import get_round, page_of, who
from anyang_awards.service.scoring import rescore_if_scored
from govkit import audit
from govkit.auth import Principal
from govkit.clock import utcnow
from govkit.errors import Conflict, NotFound, RuleViolation
from govkit.pagination import PageParams


async def file_objection(*, session: AsyncSession, principal: Principal, round_id: str, data, filed_at: datetime,
                         office_close: time) -> Objection:
    async with session.begin():
        rnd = await get_round(session, round_id)
        if rnd.state != RoundState.PUBLIC_NOTICE or rnd.notice_end is None:
            raise Conflict("本轮不在公示期，不受理异议", "the round is not under public notice")
        entry = await session.get(NoticeEntry, data.entry_id)
        if entry is None or entry.round_id != rnd.id:
            raise NotFound("公示名单中没有该条目", "no such entry on the notice list")
        timing = objection_in_time(filed_at, data.channel, rnd.notice_end, office_close)
        timing_json = {"accepted": timing.accepted, "deadline": timing.deadline.isoformat(),
                       "channel": timing.channel, "basis": timing.basis, "message_zh": timing.message_zh,
                       "message_en": timing.message_en, "filed_at": filed_at.isoformat()}
        if not timing.accepted:
            raise RuleViolation(f"异议提交时间超出公示期：{timing.message_zh}（{timing.basis}）",
                                f"objection filed after the notice: {timing.message_en} ({timing.basis})",
                                extra={"basis": timing.basis, "timing": timing_json})
        o = Objection(id=str(uuid.uuid4()), round_id=rnd.id, entry_id=entry.id, channel=data.channel,
                      filed_at=filed_at, objector_name=data.objector_name, objector_contact=data.contact,
                      content=data.content, timing=timing_json, status="filed")
        session.add(o)
        await session.flush()
        await audit.record(session, kit, "awards.objection.file", "objection", o.id,
                           {"round_id": rnd.id, "entry_id": entry.id, "channel": data.channel,
                            "filed_at": filed_at.isoformat(), "basis": art("第二十五条")})
    return o


async def _objection(session: AsyncSession, objection_id: str) -> Objection:
    o = await session.get(Objection, objection_id)
    if o is None:
        raise NotFound(f"异议{objection_id}不存在", f"objection {objection_id} not found")
    return o


async def handle_objection(*, session: AsyncSession, principal: Principal, objection_id: str, data) -> Objection:
    """第二十五条: the office investigates with the departments concerned and proposes a handling opinion."""
    async with session.begin():
        o = await _objection(session, objection_id)
        if o.status == "decided":
            raise Conflict("该异议已由领导小组裁决", "the objection is already decided")
        o.handling_opinion, o.proposed_finding = data.opinion, data.proposed_finding.value
        o.handled_by, o.handled_at, o.status = who(principal), utcnow(), "handled"
        await audit.record(session, kit, "awards.objection.handle", "objection", o.id,
                           {"opinion": data.opinion, "proposed_finding": o.proposed_finding,
                            "basis": art("第二十五条")})
    return o


async def decide(*, session: AsyncSession, principal: Principal, objection_id: str, data) -> Objection:
    """第十四条, 第二十五条: the leading group decides; fraud or infringement disqualifies the entry."""
    async with session.begin():
        o = await _objection(session, objection_id)
        if o.status == "decided":
            raise Conflict("该异议已由领导小组裁决", "the objection is already decided")
        if o.status != "handled":
            raise RuleViolation(f"须先由领导小组办公室提出处理意见（{art('第二十五条')}）",
                                "the office's handling opinion comes first (Art. 25)")
        rnd = await get_round(session, o.round_id)
        d = decide_objection(data.finding)
        o.finding, o.disqualify, o.decision_text = d.finding.value, d.disqualify, d.message_zh
        o.decided_on, o.decision_meeting_ref, o.decided_by, o.status = (data.decided_on, data.meeting_ref,
                                                                         who(principal), "decided")
        entry = await session.get(NoticeEntry, o.entry_id)
        if d.disqualify:
            entry.status = "disqualified"
            if entry.application_id:
                a = await session.get(Application, entry.application_id)
                await disqualify(session, a, {"source": "objection", "ref": o.id, "basis": d.basis,
                                              "finding": d.finding.value, "message_zh": d.message_zh,
                                              "message_en": d.message_en, "meeting_ref": data.meeting_ref})
                await session.flush()
                await rescore_if_scored(session, rnd, f"objection {o.id}: {d.finding.value}", who(principal))
        await audit.record(session, kit, "awards.objection.decide", "objection", o.id,
                           {"finding": d.finding.value, "disqualify": d.disqualify, "basis": d.basis,
                            "meeting_ref": data.meeting_ref, "entry_id": o.entry_id})
    return o


async def revoke(*, session: AsyncSession, principal: Principal, outbox, honour_id: str, data) -> Revocation:
    async with session.begin():
        h = await session.get(Honour, honour_id)
        if h is None:
            raise NotFound(f"荣誉{honour_id}不存在", f"honour {honour_id} not found")
        if h.status == "revoked":
            raise Conflict("该荣誉已被取消", "the honour is already revoked")
        rnd = await get_round(session, h.round_id)
        r = revoke_honour(rnd.state, data.finding, data.reason)
        rev = Revocation(id=str(uuid.uuid4()), honour_id=h.id, finding=r.finding.value, reason=data.reason,
                         basis=r.basis, revoked_on=data.revoked_on, decision_ref=data.decision_ref,
                         revoked_by=who(principal), at=utcnow())
        session.add(rev)
        h.status = "revoked"
        await outbox.emit(session, "awards.honor.revoked", h.entity_code, revocation_event(h, rev))
        await session.flush()
        await audit.record(session, kit, "awards.honour.revoke", "honour", h.id,
                           {"finding": r.finding.value, "reason": data.reason, "basis": r.basis,
                            "revoked_on": data.revoked_on.isoformat()})
    return rev


def revocation_event(h: Honour, rev: Revocation) -> dict:
    """Data of `awards.honor.revoked` (credit withdraws the 行政奖励 record)."""
    return {"honour_id": h.id, "entity_code": h.entity_code, "revoked_on": rev.revoked_on.isoformat(),
            "reason": rev.reason, "finding": rev.finding, "basis": rev.basis, "year": h.year,
            "category": h.category, "category_label": category(h.category).name_zh, "title": h.title}


async def list_entries(session: AsyncSession, round_id: str) -> list[NoticeEntry]:
    q = select(NoticeEntry).where(NoticeEntry.round_id == round_id).order_by(NoticeEntry.rank, NoticeEntry.id)
    return list((await session.execute(q)).scalars())


async def objections_of(session: AsyncSession, round_id: str, page: PageParams
                        ) -> tuple[list[Objection], int]:
    await get_round(session, round_id)
    q = select(Objection).where(Objection.round_id == round_id).order_by(Objection.filed_at, Objection.id)
    return await page_of(session, q, page)


async def get_objection(session: AsyncSession, objection_id: str) -> Objection:
    return await _objection(session, objection_id)


async def honours(session: AsyncSession, *, round_id: str | None = None, honour_id: str | None = None,
                  year: int | None = None, category: str | None = None, entity_code: str | None = None,
                  limit: int | None = None, offset: int = 0) -> tuple[list[tuple[Honour, Revocation | None]], int]:
    """Honours matching the filters, each with its revocation if any, and their total."""
    q = select(Honour)
    for column, value in ((Honour.round_id, round_id), (Honour.id, honour_id), (Honour.year, year),
                          (Honour.category, category), (Honour.entity_code, entity_code)):
        if value is not None and value != "":
            q = q.where(column == value)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    q = q.order_by(Honour.year, Honour.category, Honour.rank, Honour.id).offset(offset)
    rows = list((await session.execute(q.limit(limit) if limit is not None else q)).scalars())
    revs = {r.honour_id: r for r in (await session.execute(select(Revocation).where(
        Revocation.honour_id.in_([h.id for h in rows])))).scalars()} if rows else {}
    return [(h, revs.get(h.id)) for h in rows], total


async def honour(session: AsyncSession, honour_id: str) -> tuple[Honour, Revocation | None]:
    rows, _ = await honours(session, honour_id=honour_id)
    if not rows:
        raise NotFound(f"荣誉{honour_id}不存在", f"honour {honour_id} not found")
    return rows[0]
