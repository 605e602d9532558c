"""Round requests and answers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from anyang_awards.domain.categories import CategoryCode, category
from anyang_awards.domain.procedure import STATE_ZH, RoundState
from anyang_awards.schemas.vocab import CATEGORY_LABELS, MEETING_KIND_LABELS, STATE_LABELS, described

MeetingKind = Literal["leading_group", "executive", "standing_committee"]


class RoundIn(BaseModel):
    year: int = Field(ge=2022, le=2100, description="评选当年 (evaluation year)")
    category: CategoryCode = Field(description=described(CATEGORY_LABELS))
    announced_on: date
    application_deadline: date
    review_departments: list[str] | None = Field(
        None, description="member departments whose opinion is needed (第十七条); default from settings")

    model_config = {"json_schema_extra": {"examples": [{
        "year": 2024, "category": "top10", "announced_on": "2025-01-15", "application_deadline": "2025-02-28"}]}}


class TransitionIn(BaseModel):
    to: RoundState = Field(description=described(STATE_LABELS))
    as_of: date | None = Field(
        None, deprecated=True,
        description="deprecated: a step is dated by the service's own business date (Asia/Shanghai); when sent it "
                    "must equal that date (else 422)")
    tie_winners: list[str] | None = Field(
        None, description="the leading group's choice when a tie straddles the last place (entering public_notice)")

    model_config = {"json_schema_extra": {"examples": [{"to": "applications_open"}]}}


class MeetingIn(BaseModel):
    kind: MeetingKind = Field(description=described(MEETING_KIND_LABELS))
    held_on: date
    ref: str = Field(min_length=1, max_length=200, description="minutes' reference, e.g. 会议纪要〔2023〕5号")
    summary: str | None = None

    model_config = {"json_schema_extra": {"examples": [{
        "kind": "leading_group", "held_on": "2026-11-27", "ref": "评选领导小组成员会议纪要〔2026〕1号",
        "summary": "通过初评意见"}]}}


class ExpertIn(BaseModel):
    name: str = Field(min_length=1, max_length=60, description="专家姓名 / the expert's name")
    department: str = Field(min_length=1, max_length=20,
                            description="成员单位代码：经其录入该专家评分（须参加本轮部门审核）"
                            " / the member department through which the expert's scores are entered (a reviewer"
                            " of the round)")

    model_config = {"json_schema_extra": {"examples": [{"name": "王教授", "department": "kjj"}]}}


class ExpertOut(BaseModel):
    id: str
    round_id: str
    name: str
    department: str
    registered_by: str
    registered_at: datetime


class OpinionIn(BaseModel):
    opinion: str = Field(min_length=1, max_length=4000)

    model_config = {"json_schema_extra": {"examples": [{"opinion": "经核对本部门统计数据，申报数据属实，同意推荐"}]}}


class RoundOut(BaseModel):
    id: str
    year: int
    category: CategoryCode = Field(description=described(CATEGORY_LABELS))
    category_label: str
    state: RoundState = Field(description=described(STATE_LABELS))
    state_label: str
    announced_on: date
    application_deadline: date
    review_departments: list[str]
    final_approval_date: date | None
    notice_start: date | None
    notice_end: date | None
    notice_end_provisional: bool
    published_on: date | None
    tie_decision: dict | None = None

    @classmethod
    def of(cls, r) -> RoundOut:
        return cls(id=r.id, year=r.year, category=r.category, category_label=category(r.category).name_zh,
                   state=r.state, state_label=STATE_ZH[RoundState(r.state)], announced_on=r.announced_on,
                   application_deadline=r.application_deadline, review_departments=list(r.review_departments or []),
                   final_approval_date=r.final_approval_date, notice_start=r.notice_start, notice_end=r.notice_end,
                   notice_end_provisional=bool(r.notice_end_provisional), published_on=r.published_on,
                   tie_decision=r.tie_decision)


class RoundDetailOut(RoundOut):
    conditions: dict[str, Any]


class TransitionOut(BaseModel):
    round: RoundOut
    from_state: RoundState = Field(description=described(STATE_LABELS))
    from_state_label: str
    to_state: RoundState = Field(description=described(STATE_LABELS))
    to_state_label: str
    as_of: date
    basis: str
    facts: dict[str, Any]
    by: str
    at: datetime

    @classmethod
    def of(cls, rnd, t) -> TransitionOut:
        return cls(round=RoundOut.of(rnd), from_state=t.from_state,
                   from_state_label=STATE_ZH[RoundState(t.from_state)], to_state=t.to_state,
                   to_state_label=STATE_ZH[RoundState(t.to_state)], as_of=t.as_of, basis=t.basis, facts=t.facts,
                   by=t.by, at=t.at)


class MeetingOut(BaseModel):
    id: str
    round_id: str
    kind: MeetingKind = Field(description=described(MEETING_KIND_LABELS))
    kind_label: str
    held_on: date
    ref: str
    summary: str
    recorded_by: str

    @classmethod
    def of(cls, m) -> MeetingOut:
        return cls(id=m.id, round_id=m.round_id, kind=m.kind, kind_label=MEETING_KIND_LABELS[m.kind],
                   held_on=m.held_on, ref=m.ref, summary=m.summary, recorded_by=m.recorded_by)


class OpinionOut(BaseModel):
    round_id: str
    department: str
    opinion: str
    recorded_at: datetime


class CategoryOut(BaseModel):
    """One of the seven categories (第三条–第九条) and its honours (第二十一条, 第二十二条)."""

    code: str
    label: str
    name_en: str
    who: str
    places: int
    basis: str
    honour_items: list[str]
    granted_by: str
    honour_basis: str


class StepOut(BaseModel):
    """One procedural step of a round with its basis and facts."""

    from_state: RoundState | None = Field(description=described(STATE_LABELS))
    from_state_label: str | None
    to_state: RoundState = Field(description=described(STATE_LABELS))
    to_state_label: str
    as_of: date
    basis: str
    facts: dict[str, Any]
    by: str
    at: datetime

    @classmethod
    def of(cls, r) -> StepOut:
        return cls(from_state=r.from_state, from_state_label=STATE_LABELS.get(r.from_state), to_state=r.to_state,
                   to_state_label=STATE_LABELS[r.to_state], as_of=r.as_of, basis=r.basis, facts=r.facts, by=r.by,
                   at=r.at)
