"""Round procedure (安政办〔2023〕4号 第十五条–第二十条, 第二十五条) and the effects of credit events.

announced (第十五条) → applications_open → county_review (第十六条) → department_review (第十七条)
→ preliminary_opinion (第十八条) → city_examination (第十九条) → public_notice (第二十条) → published;
honours are revoked after publication (第二十五条). Only the next step is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from govkit.rules.periods import Deadline, add_working_days, deadline_instant

from .errors import ProcedureError, art

NOTICE_WORKING_DAYS = 7  # 第二十条: 公示7个工作日


class RoundState(StrEnum):
    ANNOUNCED = "announced"
    APPLICATIONS_OPEN = "applications_open"
    COUNTY_REVIEW = "county_review"
    DEPARTMENT_REVIEW = "department_review"
    PRELIMINARY_OPINION = "preliminary_opinion"
    CITY_EXAMINATION = "city_examination"
    PUBLIC_NOTICE = "public_notice"
    PUBLISHED = "published"


ORDER = tuple(RoundState)
STATE_ZH = {
    RoundState.ANNOUNCED: "公开申报条件",
    RoundState.APPLICATIONS_OPEN: "推荐申报",
    RoundState.COUNTY_REVIEW: "县（市、区）政府审核",
    RoundState.DEPARTMENT_REVIEW: "部门审核",
    RoundState.PRELIMINARY_OPINION: "提出初评意见",
    RoundState.CITY_EXAMINATION: "提交市政府常务会议、市委常委会议审定",
    RoundState.PUBLIC_NOTICE: "公开公示",
    RoundState.PUBLISHED: "命名公布",
}
# the article each step rests on (the step entered)
STATE_BASIS = {
    RoundState.ANNOUNCED: art("第十五条"),
    RoundState.APPLICATIONS_OPEN: art("第十五条"),
    RoundState.COUNTY_REVIEW: art("第十六条"),
    RoundState.DEPARTMENT_REVIEW: art("第十七条"),
    RoundState.PRELIMINARY_OPINION: art("第十八条"),
    RoundState.CITY_EXAMINATION: art("第十九条"),
    RoundState.PUBLIC_NOTICE: art("第二十条"),
    RoundState.PUBLISHED: art("第二十五条"),
}


@dataclass(frozen=True, slots=True)
class Meeting:
    """A recorded meeting: which, when, and the minutes' reference."""

    held_on: date
    ref: str


@dataclass(frozen=True)
class ProcedureFacts:
    as_of: date | None = None  # business date (Asia/Shanghai) of the request
    application_deadline: date | None = None
    pending_county_reviews: int = 0  # applications without a county decision (第十六条)
    pending_department_opinions: int = 0  # member departments' opinions still missing (第十七条)
    leading_group_meeting: Meeting | None = None  # 领导小组成员会议讨论通过 (第十八条)
    executive_meeting: Meeting | None = None  # 市政府常务会议 (第十九条)
    standing_committee_meeting: Meeting | None = None  # 市委常委会议 (第十九条)
    notice_end: date | None = None  # last day of the public notice (第二十条)
    notice_end_provisional: bool = False  # counted without the year's official holiday arrangement
    open_objections: int = 0  # objections not yet decided by the leading group (第十四条, 第二十五条)


@dataclass(frozen=True)
class Transition:
    from_state: RoundState
    to_state: RoundState
    basis: str
    facts: dict[str, Any]
    message_zh: str
    message_en: str
    notice_end: Deadline | None = None  # set when entering public notice
    final_approval_date: date | None = None


def _refuse(zh: str, en: str, basis: str, facts: dict[str, Any]) -> ProcedureError:
    return ProcedureError(zh, en, basis, facts)


def public_notice_end(final_approval_date: date, calendar=None) -> Deadline:
    """第二十条: 自市委、市政府审定之日起公示7个工作日 — that day not counted (民法典 第二百零一条)."""
    return add_working_days(final_approval_date, NOTICE_WORKING_DAYS, calendar)


def final_approval_date(facts: ProcedureFacts) -> date:
    """The day the list is finally approved: the later of the two meetings (第十九条, 第二十条)."""
    missing = [
        name
        for name, m in (
            ("市政府常务会议", facts.executive_meeting),
            ("市委常委会议", facts.standing_committee_meeting),
        )
        if m is None
    ]
    if missing:
        raise _refuse(
            f"尚未记录{'、'.join(missing)}审议确定",
            f"not yet recorded: {', '.join(missing)}",
            art("第十九条"),
            {"missing": missing},
        )
    return max(facts.executive_meeting.held_on, facts.standing_committee_meeting.held_on)  # type: ignore[union-attr]


def transition(
    current: RoundState | str, target: RoundState | str, facts: ProcedureFacts, calendar=None
) -> Transition:
    """Allow the next step when its conditions hold; raise ProcedureError otherwise."""
    cur, tgt = RoundState(current), RoundState(target)
    basis = STATE_BASIS[tgt]
    base = {"from": cur.value, "to": tgt.value}
    if cur is RoundState.PUBLISHED:
        raise _refuse(
            "结果已公布，评选轮次不能再变更；撤销荣誉另行办理",
            "results are published; the round cannot change (revoke an honour instead)",
            art("第二十五条"),
            base,
        )
    nxt = ORDER[ORDER.index(cur) + 1]
    if tgt is not nxt:
        raise _refuse(
            f"不能从“{STATE_ZH[cur]}”直接进入“{STATE_ZH[tgt]}”，下一步应为“{STATE_ZH[nxt]}”",
            f"cannot go from {cur.value} to {tgt.value}; the next step is {nxt.value}",
            basis,
            base,
        )
    notice: Deadline | None = None
    approved: date | None = None
    if tgt is RoundState.COUNTY_REVIEW:
        if facts.as_of is None or facts.application_deadline is None:
            raise _refuse(
                "缺少当前日期或申报截止日", "today's date or the application deadline is missing", basis, base
            )
        base |= {
            "as_of": facts.as_of.isoformat(),
            "application_deadline": facts.application_deadline.isoformat(),
        }
        if facts.as_of <= facts.application_deadline:
            raise _refuse(
                f"申报截止日{facts.application_deadline.isoformat()}尚未届满",
                f"applications are open until the end of {facts.application_deadline.isoformat()}",
                basis,
                base,
            )
    elif tgt is RoundState.DEPARTMENT_REVIEW:
        base["pending_county_reviews"] = facts.pending_county_reviews
        if facts.pending_county_reviews:
            raise _refuse(
                f"尚有{facts.pending_county_reviews}份申报未经县（市、区）政府审核",
                f"{facts.pending_county_reviews} application(s) await county review",
                basis,
                base,
            )
    elif tgt is RoundState.PRELIMINARY_OPINION:
        base["pending_department_opinions"] = facts.pending_department_opinions
        if facts.pending_department_opinions:
            raise _refuse(
                f"尚有{facts.pending_department_opinions}项部门审核意见未提出",
                f"{facts.pending_department_opinions} department opinion(s) missing",
                basis,
                base,
            )
    elif tgt is RoundState.CITY_EXAMINATION:
        m = facts.leading_group_meeting
        base["leading_group_meeting"] = m and {"held_on": m.held_on.isoformat(), "ref": m.ref}
        if m is None:
            raise _refuse(
                "初评意见尚未经领导小组成员会议讨论通过",
                "the preliminary opinion has not been passed by a leading group members' meeting",
                art("第十八条"),
                base,
            )
    elif tgt is RoundState.PUBLIC_NOTICE:
        approved = final_approval_date(facts)
        notice = public_notice_end(approved, calendar)
        base |= {
            "executive_meeting": facts.executive_meeting.ref,  # type: ignore[union-attr]
            "standing_committee_meeting": facts.standing_committee_meeting.ref,  # type: ignore[union-attr]
            "final_approval_date": approved.isoformat(),
            "notice_end": notice.due.isoformat(),
            "notice_end_provisional": notice.provisional,
        }
    elif tgt is RoundState.PUBLISHED:
        if facts.as_of is None or facts.notice_end is None:
            raise _refuse(
                "缺少当前日期或公示截止日", "today's date or the notice end is missing", basis, base
            )
        base |= {
            "as_of": facts.as_of.isoformat(),
            "notice_end": facts.notice_end.isoformat(),
            "notice_end_provisional": facts.notice_end_provisional,
            "open_objections": facts.open_objections,
        }
        if facts.as_of <= facts.notice_end:
            raise _refuse(
                f"公示期至{facts.notice_end.isoformat()}24时届满，尚未结束",
                f"the public notice runs until 24:00 of {facts.notice_end.isoformat()}",
                art("第二十条"),
                base,
            )
        if facts.notice_end_provisional:
            raise _refuse(
                f"公示截止日{facts.notice_end.isoformat()}系暂定（该年度节假日安排尚未公布），待重新计算后方可结束公示",
                f"the notice end {facts.notice_end.isoformat()} is provisional (the year's holiday arrangement is "
                "not loaded): it ends once recomputed",
                art("第二十条"),
                base,
            )
        if facts.open_objections:
            raise _refuse(
                f"尚有{facts.open_objections}件异议未经领导小组裁决",
                f"{facts.open_objections} objection(s) not yet decided by the leading group",
                art("第二十五条"),
                base,
            )
    return Transition(
        cur, tgt, basis, base, f"进入“{STATE_ZH[tgt]}”", f"entered {tgt.value}", notice, approved
    )


# ---------------------------------------------------------------- objections (第二十五条)


class ObjectionFinding(StrEnum):
    FRAUD = "fraud"  # 弄虚作假
    INFRINGEMENT = "infringement"  # 侵犯他人权益
    UNFOUNDED = "unfounded"  # 不属实
    OTHER = "other"  # 属实但不属于取消资格的情形


FINDING_ZH = {
    ObjectionFinding.FRAUD: "弄虚作假",
    ObjectionFinding.INFRINGEMENT: "侵犯他人权益",
    ObjectionFinding.UNFOUNDED: "举报不属实",
    ObjectionFinding.OTHER: "其他",
}
DISQUALIFYING = frozenset({ObjectionFinding.FRAUD, ObjectionFinding.INFRINGEMENT})


@dataclass(frozen=True)
class ObjectionTiming:
    accepted: bool
    deadline: datetime
    channel: str
    basis: str
    message_zh: str
    message_en: str


def objection_in_time(
    filed_at: datetime, channel: str, notice_end: date, office_close: time = time(18, 0)
) -> ObjectionTiming:
    """第二十五条: written objections within the notice; online until 24:00 of the last day, at the counter
    until office closing (民法典 第二百零三条)."""
    if filed_at.tzinfo is None:
        raise ValueError("filed_at must be timezone-aware")
    end = deadline_instant(notice_end, channel, office_close)  # type: ignore[arg-type]
    ok = filed_at < end
    where_zh = (
        "网上提交截至当日24时" if channel == "online" else f"窗口提交截至办公时间结束（{office_close:%H:%M}）"
    )
    return ObjectionTiming(
        ok,
        end,
        channel,
        f"{art('第二十五条')}；《中华人民共和国民法典》第二百零三条",
        f"{'在' if ok else '超出'}公示期内（{notice_end.isoformat()}，{where_zh}）",
        f"{'within' if ok else 'after'} the public notice (ends {end.isoformat()})",
    )


@dataclass(frozen=True)
class ObjectionDecision:
    disqualify: bool
    finding: ObjectionFinding
    basis: str
    message_zh: str
    message_en: str


def decide_objection(finding: ObjectionFinding | str) -> ObjectionDecision:
    """第二十五条: 对弄虚作假或侵犯他人权益者，取消参评资格; otherwise the objection is dismissed."""
    f = ObjectionFinding(finding)
    basis = art("第二十五条")
    if f in DISQUALIFYING:
        return ObjectionDecision(
            True, f, basis, f"经查{FINDING_ZH[f]}，取消参评资格", f"found {f.value}: disqualified"
        )
    return ObjectionDecision(
        False,
        f,
        basis,
        f"经查{FINDING_ZH[f]}，异议不成立，维持公示结果",
        f"found {f.value}: objection dismissed",
    )


@dataclass(frozen=True)
class Revocation:
    finding: ObjectionFinding
    basis: str
    reason: str
    message_zh: str
    message_en: str


def revoke_honour(state: RoundState | str, finding: ObjectionFinding | str, reason: str) -> Revocation:
    """第二十五条: 已授奖者，取消荣誉 — after publication, for fraud or infringement, with a reason."""
    st, f = RoundState(state), ObjectionFinding(finding)
    basis = art("第二十五条")
    facts = {"state": st.value, "finding": f.value}
    if st is not RoundState.PUBLISHED:
        raise ProcedureError(
            "结果尚未公布，应取消参评资格而非撤销荣誉",
            "results are not published: disqualify the entry instead of revoking",
            basis,
            facts,
        )
    if f not in DISQUALIFYING:
        raise ProcedureError(
            "只有弄虚作假或侵犯他人权益才能取消荣誉",
            "an honour is revoked only for fraud or infringement",
            basis,
            facts,
        )
    if not reason.strip():
        raise ProcedureError("取消荣誉须写明理由", "a revocation needs a reason", basis, facts)
    return Revocation(f, basis, reason, f"因{FINDING_ZH[f]}取消荣誉", f"honour revoked for {f.value}")


# ---------------------------------------------------------------- credit events (第二条, spec README Events)

AWARDS_CREDIT_LISTS = frozenset(
    {"dishonest_judgment_debtor", "major_tax_violation", "serious_illegal_dishonest"}
)
# removal reasons of the credit service: a wrongly made entry vs. one that ended
WRONGLY_MADE = frozenset({"revocation", "court_decision"})
ENDED = frozenset({"repair", "expiry"})


@dataclass(frozen=True)
class CandidacyEffect:
    change: bool  # disqualify (on added) / restore (on removed)
    basis: str
    facts: dict[str, Any] = field(default_factory=dict)
    message_zh: str = ""
    message_en: str = ""


def on_blacklist_added(list_code: str, state: RoundState | str) -> CandidacyEffect:
    """第二条: a listing on one of the three lists disqualifies open candidacies until publication."""
    st = RoundState(state)
    facts = {"list": list_code, "state": st.value}
    if list_code not in AWARDS_CREDIT_LISTS:
        return CandidacyEffect(
            False,
            art("第二条"),
            facts,
            "该名单不属于第二条所列名单，不影响参评",
            "the list is not one named in Art. 2: no effect",
        )
    if st is RoundState.PUBLISHED:
        return CandidacyEffect(
            False,
            art("第二条"),
            facts,
            "结果已公布，列入名单不自动影响已授荣誉",
            "results are published: the listing does not by itself touch the honour",
        )
    return CandidacyEffect(
        True,
        art("第二条"),
        facts,
        "被列入第二条所列名单，取消参评资格",
        "listed on an Art. 2 list: candidacy disqualified",
    )


def on_blacklist_removed(removal_reason: str, state: RoundState | str) -> CandidacyEffect:
    """Interpretation (spec README, Events): an entry revoked as wrongly made restores the candidacy at any
    stage before publication; one ended by repair or expiry only before the public notice."""
    st = RoundState(state)
    basis = f"{art('第二条')}（Interpretation）"
    facts = {"removal_reason": removal_reason, "state": st.value}
    before_publication = st is not RoundState.PUBLISHED
    before_notice = ORDER.index(st) < ORDER.index(RoundState.PUBLIC_NOTICE)
    if removal_reason in WRONGLY_MADE and before_publication:
        return CandidacyEffect(
            True,
            basis,
            facts,
            "名单记录被撤销（错误列入），恢复参评资格",
            "the listing was revoked as wrongly made: candidacy restored",
        )
    if removal_reason in ENDED and before_notice:
        return CandidacyEffect(
            True,
            basis,
            facts,
            "名单记录因信用修复或期满移出，公示前恢复参评资格",
            "the listing ended (repair/expiry) before the public notice: candidacy restored",
        )
    return CandidacyEffect(False, basis, facts, "当前阶段不恢复参评资格", "not restored at this stage")
