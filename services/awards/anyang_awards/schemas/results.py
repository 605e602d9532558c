"""Scores, notice lists, objections, honours, revocations and the merit10 vote."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from anyang_awards.domain.categories import HONOUR_ITEM_ZH, CategoryCode, HonourItem, category
from anyang_awards.domain.procedure import ObjectionFinding, RoundState
from anyang_awards.domain.scoring import display_total
from anyang_awards.schemas.vocab import (
    CANDIDACY_STATUS_LABELS,
    CATEGORY_LABELS,
    FINDING_LABELS,
    HONOUR_STATUS_LABELS,
    NOTICE_MARK_LABELS,
    NOTICE_STATUS_LABELS,
    OBJECTION_CHANNEL_LABELS,
    OBJECTION_STATUS_LABELS,
    RANKING_MOVE_LABELS,
    STATE_LABELS,
    CandidacyStatus,
    HonourStatus,
    NoticeMarkKind,
    NoticeStatus,
    ObjectionChannel,
    ObjectionStatus,
    RankingMove,
    described,
)


class SnapshotOut(BaseModel):
    id: str
    round_id: str
    seq: int
    trigger: str
    basis: str = "安政办〔2023〕4号 第十条"
    admitted: list[str]
    scores: list[dict[str, Any]]
    bounds: dict[str, Any]
    winners: list[str]
    tie: dict | None
    computed_by: str
    computed_at: datetime

    @classmethod
    def of(cls, s) -> SnapshotOut:
        return cls(id=s.id, round_id=s.round_id, seq=s.seq, trigger=s.trigger, admitted=s.admitted,
                   scores=s.scores, bounds=s.bounds, winners=s.winners, tie=s.tie, computed_by=s.computed_by,
                   computed_at=s.computed_at)


class ApplicantScoreOut(BaseModel):
    application_id: str
    snapshot_id: str
    computed_at: datetime
    admitted: bool
    total: float | None
    rank: int | None
    places: int
    bounds: dict[str, Any]
    indicators: list[dict[str, Any]]
    basis: str = "安政办〔2023〕4号 第十条"


class RankingMoveOut(BaseModel):
    """What one recomputation did to a candidacy, the enterprise named beside its application id."""

    application_id: str
    enterprise_name: str | None
    person_name: str | None
    status: CandidacyStatus | None = Field(description="该申报当前状态 / the candidacy's current status: "
                                                       + described(CANDIDACY_STATUS_LABELS))
    status_label: str | None
    change: RankingMove = Field(description=described(RANKING_MOVE_LABELS))
    change_label: str
    rank_before: int | None
    rank_after: int | None
    total_before: str | None = Field(description="显示用总分（保留2位小数） / total for display, 2 decimals")
    total_after: str | None = Field(description="显示用总分（保留2位小数） / total for display, 2 decimals")
    total_before_exact: float | None
    total_after_exact: float | None

    @classmethod
    def of(cls, m: dict[str, Any]) -> RankingMoveOut:
        return cls(**{k: v for k, v in m.items() if not k.startswith("total_")},
                   status_label=CANDIDACY_STATUS_LABELS.get(m["status"] or ""),
                   change_label=RANKING_MOVE_LABELS[m["change"]], total_before=display_total(m["total_before"]),
                   total_after=display_total(m["total_after"]), total_before_exact=m["total_before"],
                   total_after_exact=m["total_after"])


class RankingChangeOut(BaseModel):
    """One recomputation (第十条) and what it changed: why (names beside ids) and each candidacy's move."""

    id: int
    round_id: str
    before_snapshot_id: str
    after_snapshot_id: str
    cause: str = Field(description="起因（记录原文，申报以企业名称（编号）显示） / the cause as recorded, "
                                   "applications named (id beside)")
    summary: str = Field(description="变动摘要：退出或进入排名、拟命名名次的企业 / who left or entered the ranking or "
                                     "the places, by name")
    basis: str = "安政办〔2023〕4号 第十条"
    moves: list[RankingMoveOut]
    diff: dict[str, Any] = Field(description="计算记录原文（申报编号） / the change as recorded, by application id")
    at: datetime


class NoticeMarkOut(BaseModel):
    """A mark on a notice entry with the article it rests on."""

    kind: NoticeMarkKind = Field(description=described(NOTICE_MARK_LABELS))
    kind_label: str
    basis: str
    reason: str = Field(description="说明（按调用方语言） / why, in the caller's language")
    ref: str | None = Field(description="所依据的记录编号（名单条目、事故、异议、排名变动） / the record it rests on")


class NoticeEntryOut(BaseModel):
    """One entry of the notice in the current ranking (after any rescoring)."""

    id: str
    application_id: str | None
    rank: int | None = Field(description="当前名次（重新计分后）；退出排名时为空 / current rank, after any rescoring")
    rank_at_notice: int = Field(description="公示时的名次 / rank when the notice opened")
    total: str | None = Field(description="显示用总分，保留2位小数（四舍五入） / total for display, 2 decimals, "
                                          "half up (merit10: votes)")
    total_exact: float | None = Field(description="精确总分 / the exact total")
    total_at_notice: str | None = Field(description="公示时的总分（显示用） / total when the notice opened")
    within_places: bool = Field(description="当前在拟命名名次内 / currently within the category's places")
    entity_code: str
    entity_name: str
    person_name: str | None
    status: NoticeStatus = Field(description=described(NOTICE_STATUS_LABELS))
    status_label: str
    marks: list[NoticeMarkOut]


def notice_entry_out(line, *, scored: bool) -> NoticeEntryOut:
    """An entry as the public reads it: display totals (merit10: votes), exact figure beside, marks labelled."""
    e = line.entry
    shown = display_total if scored else (lambda v: None if v is None else str(int(v)))
    return NoticeEntryOut(
        id=e.id, application_id=e.application_id, rank=line.rank, rank_at_notice=e.rank, total=shown(line.total),
        total_exact=line.total, total_at_notice=shown(e.total), within_places=line.within_places,
        entity_code=e.entity_code, entity_name=e.entity_name, person_name=e.person_name, status=line.status,
        status_label=NOTICE_STATUS_LABELS[line.status],
        marks=[NoticeMarkOut(kind=m.kind, kind_label=NOTICE_MARK_LABELS[m.kind], basis=m.basis, reason=m.reason,
                             ref=m.ref) for m in line.marks])


class NoticeOut(BaseModel):
    round_id: str
    year: int
    category: CategoryCode = Field(description=described(CATEGORY_LABELS))
    category_label: str
    state: RoundState = Field(description=described(STATE_LABELS))
    state_label: str
    places: int = Field(description="名额 / the category's places")
    final_approval_date: date | None
    notice_start: date | None
    notice_end: date | None
    notice_end_provisional: bool
    objection_deadlines: dict[str, str]
    basis: str = "安政办〔2023〕4号 第二十条、第二十五条"
    entries: list[NoticeEntryOut]


class ObjectionIn(BaseModel):
    entry_id: str
    objector_name: str = Field(min_length=1, max_length=100)
    contact: str | None = Field(None, max_length=200, description="kept private")
    content: str = Field(min_length=1, max_length=8000)
    channel: ObjectionChannel = Field(ObjectionChannel.online, description=described(OBJECTION_CHANNEL_LABELS))
    received_at: datetime | None = Field(
        None, description="counter only: when the office received the written objection (timezone-aware)")

    model_config = {"json_schema_extra": {"examples": [{
        "entry_id": "3f0c2a9e-5b1d-4c7e-9a2f-6d8e1b4c7a10", "objector_name": "王某",
        "content": "该企业申报的研发费用与其年度审计报告不符，请予核查", "channel": "online"}]}}


class HandlingIn(BaseModel):
    opinion: str = Field(min_length=1, max_length=8000)
    proposed_finding: ObjectionFinding = Field(description=described(FINDING_LABELS))

    model_config = {"json_schema_extra": {"examples": [{
        "opinion": "会同市统计局核查，申报数据与统计数据一致，举报不属实", "proposed_finding": "unfounded"}]}}


class DecisionIn(BaseModel):
    finding: ObjectionFinding = Field(description=described(FINDING_LABELS))
    decided_on: date
    meeting_ref: str = Field(min_length=1, max_length=200)

    model_config = {"json_schema_extra": {"examples": [{
        "finding": "unfounded", "decided_on": "2026-11-30", "meeting_ref": "评选领导小组会议纪要〔2026〕2号"}]}}


class ObjectionOut(BaseModel):
    id: str
    round_id: str
    entry_id: str
    channel: ObjectionChannel = Field(description=described(OBJECTION_CHANNEL_LABELS))
    channel_label: str
    filed_at: datetime
    timing: dict[str, Any]
    status: ObjectionStatus = Field(description=described(OBJECTION_STATUS_LABELS))
    status_label: str
    handling_opinion: str | None
    proposed_finding: ObjectionFinding | None = Field(description=described(FINDING_LABELS))
    proposed_finding_label: str | None
    finding: ObjectionFinding | None = Field(description=described(FINDING_LABELS))
    finding_label: str | None
    disqualify: bool | None
    decision_text: str | None
    decided_on: date | None
    decision_meeting_ref: str | None

    @classmethod
    def of(cls, o) -> ObjectionOut:
        return cls(id=o.id, round_id=o.round_id, entry_id=o.entry_id, channel=o.channel,
                   channel_label=OBJECTION_CHANNEL_LABELS[o.channel], filed_at=o.filed_at, timing=o.timing,
                   status=o.status, status_label=OBJECTION_STATUS_LABELS[o.status], handling_opinion=o.handling_opinion,
                   proposed_finding=o.proposed_finding,
                   proposed_finding_label=FINDING_LABELS.get(o.proposed_finding or ""), finding=o.finding,
                   finding_label=FINDING_LABELS.get(o.finding or ""),
                   disqualify=o.disqualify, decision_text=o.decision_text, decided_on=o.decided_on,
                   decision_meeting_ref=o.decision_meeting_ref)


class ObjectionPublicOut(BaseModel):
    """What the public sees: no objector's name or contact."""

    id: str
    entry_id: str
    channel: ObjectionChannel = Field(description=described(OBJECTION_CHANNEL_LABELS))
    channel_label: str
    filed_at: datetime
    status: ObjectionStatus = Field(description=described(OBJECTION_STATUS_LABELS))
    status_label: str
    finding: ObjectionFinding | None = Field(description=described(FINDING_LABELS))
    finding_label: str | None
    decision_text: str | None

    @classmethod
    def of(cls, o) -> ObjectionPublicOut:
        full = ObjectionOut.of(o)
        return cls(id=o.id, entry_id=o.entry_id, channel=o.channel, channel_label=full.channel_label,
                   filed_at=o.filed_at, status=o.status, status_label=full.status_label, finding=o.finding,
                   finding_label=full.finding_label, decision_text=o.decision_text)


class HonourOut(BaseModel):
    id: str
    round_id: str
    year: int
    category: CategoryCode = Field(description=described(CATEGORY_LABELS))
    category_label: str
    title: str
    entity_code: str
    entity_name: str
    person_name: str | None
    rank: int
    items: list[dict[str, str]]
    granted_by: str
    basis: str
    granted_on: date
    status: HonourStatus = Field(description=described(HONOUR_STATUS_LABELS))
    status_label: str
    revocation: dict | None = None

    @classmethod
    def of(cls, h, revocation=None) -> HonourOut:
        return cls(id=h.id, round_id=h.round_id, year=h.year, category=h.category,
                   category_label=category(h.category).name_zh, title=h.title, entity_code=h.entity_code,
                   entity_name=h.entity_name, person_name=h.person_name, rank=h.rank,
                   items=[{"code": i, "label": HONOUR_ITEM_ZH[HonourItem(i)]} for i in h.items],
                   granted_by=h.granted_by, basis=h.basis, granted_on=h.granted_on, status=h.status,
                   status_label=HONOUR_STATUS_LABELS[h.status],
                   revocation=None if revocation is None else {
                       "finding": revocation.finding, "reason": revocation.reason, "basis": revocation.basis,
                       "revoked_on": revocation.revoked_on.isoformat(), "decision_ref": revocation.decision_ref})


class RevocationIn(BaseModel):
    finding: ObjectionFinding = Field(description=described(FINDING_LABELS))
    reason: str = Field(min_length=1, max_length=4000)
    revoked_on: date
    decision_ref: str | None = None

    model_config = {"json_schema_extra": {"examples": [{
        "finding": "fraud", "reason": "经查申报的实缴税金总额弄虚作假", "revoked_on": "2026-11-30",
        "decision_ref": "评选领导小组决定〔2026〕3号"}]}}


class NomineesIn(BaseModel):
    top50_honour_ids: list[str] = Field(min_length=1, description="ids of the year's 50强 honours (GET /honours)")

    model_config = {"json_schema_extra": {"examples": [{"top50_honour_ids": [
        "3f0c2a9e-5b1d-4c7e-9a2f-6d8e1b4c7a10", "9b1e7d24-0c5a-4f3b-8e6d-2a7c9f1b3e58"]}]}}


class NomineeOut(BaseModel):
    id: str
    top50_honour_id: str
    person_name: str
    entity_code: str
    entity_name: str
    status: NoticeStatus = Field(description="第二条 kept true by list events: " + described(NOTICE_STATUS_LABELS))
    status_label: str
    disqualification: dict | None = None

    @classmethod
    def of(cls, n) -> NomineeOut:
        return cls(id=n.id, top50_honour_id=n.top50_honour_id, person_name=n.person_name, entity_code=n.entity_code,
                   entity_name=n.entity_name, status=n.status, status_label=NOTICE_STATUS_LABELS[n.status],
                   disqualification=n.disqualification)


class BallotIn(BaseModel):
    held_on: date
    meeting_ref: str = Field(min_length=1, max_length=200)
    votes: dict[str, int] = Field(description="nominee id → votes")

    model_config = {"json_schema_extra": {"examples": [{
        "held_on": "2026-11-30", "meeting_ref": "评选领导小组会议纪要〔2026〕4号",
        "votes": {"3f0c2a9e-5b1d-4c7e-9a2f-6d8e1b4c7a10": 9, "9b1e7d24-0c5a-4f3b-8e6d-2a7c9f1b3e58": 7}}]}}


class BallotOut(BaseModel):
    id: str
    round_id: str
    held_on: date
    meeting_ref: str
    votes: dict[str, int]
    result: dict[str, Any]

    @classmethod
    def of(cls, b) -> BallotOut:
        return cls(id=b.id, round_id=b.round_id, held_on=b.held_on, meeting_ref=b.meeting_ref, votes=b.votes,
                   result=b.result)
