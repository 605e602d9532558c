"""Credit commitments (信用承诺, CP 三（四）): types, deadlines, liability; in_force → fulfilled/breached."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from .decision import Decision, FieldError, RuleBroken, iso
from .vocab import BE, CP, CommitmentStatus, CommitmentType, RecordCategory

BASIS_TYPES = f"{CP} 三（四） (主动公示型、容缺受理型、证明事项型、审批替代型、行业自律型、信用修复型)"
BASIS_LIABILITY = (f"{BE}（三） (明确承诺的具体内容、要求以及违反承诺应承担的法律责任); "
                   f"{CP} 二（三）2 (明确承诺事项和违约责任)")
BASIS_RECORD = f"{CP} 三（四）/二（三）2 (将信用承诺和履约情况记入信用记录)"


@dataclass(frozen=True)
class CommitmentTypeRule:
    type: CommitmentType
    deadline_required: bool
    note: str


# Interpretation: types whose promise is something still to be done by a date need a fulfilment deadline
# (容缺受理: the missing documents; 审批替代: the conditions, e.g. 承诺制+标准地, CP 二（六）1); the others
# are statements or standing conduct — a deadline is optional.
COMMITMENT_TYPES: dict[CommitmentType, CommitmentTypeRule] = {r.type: r for r in (
    CommitmentTypeRule(CommitmentType.VOLUNTARY_DISCLOSURE, False, "主动向社会公示的承诺"),
    CommitmentTypeRule(CommitmentType.MISSING_DOCUMENTS, True, "补齐所缺材料的期限"),
    CommitmentTypeRule(CommitmentType.IN_LIEU_OF_CERTIFICATE, False, "以承诺代替证明，事后核查"),
    CommitmentTypeRule(CommitmentType.IN_LIEU_OF_APPROVAL, True, "在期限内达到审批条件"),
    CommitmentTypeRule(CommitmentType.INDUSTRY_SELF_DISCIPLINE, False, "行业自律，持续有效"),
    CommitmentTypeRule(CommitmentType.CREDIT_REPAIR, False, "申请信用修复时作出"),
)}


def has_deadline(commitment_type: CommitmentType | str) -> bool:
    return COMMITMENT_TYPES[CommitmentType(commitment_type)].deadline_required


@dataclass(frozen=True)
class Commitment:
    commitment_id: str
    subject_code: str
    type: CommitmentType
    content: str
    liability_on_breach: str  # 违反承诺应承担的法律责任 / 违约责任
    department: str  # the department it is made to
    made_on: date
    deadline: date | None = None
    status: CommitmentStatus = CommitmentStatus.IN_FORCE
    status_changed_on: date | None = None
    status_reason: str | None = None


@dataclass(frozen=True)
class RecordSpec:
    """A credit record to create (commitments and their fulfilment are credit records)."""

    subject_code: str
    category: RecordCategory
    decision_date: date
    department: str
    source_kind: str
    source_id: str
    summary_zh: str
    summary_en: str
    negative: bool
    basis: str


def validate_commitment(c: Commitment) -> list[FieldError]:
    errors: list[FieldError] = []
    try:
        rule = COMMITMENT_TYPES[CommitmentType(c.type)]
    except ValueError:
        return [FieldError("type", "unknown_type", f"未知承诺类型：{c.type}",
                           f"Unknown commitment type: {c.type}", BASIS_TYPES)]
    if not (c.content or "").strip():
        errors.append(FieldError("content", "required", "请填写承诺内容", "The commitment needs its content"))
    if not (c.liability_on_breach or "").strip():
        errors.append(FieldError("liability_on_breach", "required", "请载明违反承诺应承担的法律责任",
                                 "State the liability accepted on breach", BASIS_LIABILITY))
    if not (c.department or "").strip() and c.type is not CommitmentType.VOLUNTARY_DISCLOSURE:
        errors.append(FieldError("department", "required", "请载明承诺所向的部门",
                                 "Name the department the commitment is made to"))
    if rule.deadline_required and c.deadline is None:
        errors.append(FieldError("deadline", "required", f"{rule.note}：该类承诺须载明履约期限",
                                 f"A {rule.type.value} commitment needs a fulfilment deadline", BASIS_TYPES))
    if c.deadline is not None and c.deadline < c.made_on:
        errors.append(FieldError("deadline", "before_made_on", "履约期限不能早于承诺日期",
                                 "The deadline cannot precede the date the commitment was made"))
    if c.status is not CommitmentStatus.IN_FORCE:
        errors.append(FieldError("status", "not_in_force", "新承诺的状态必须为履约中",
                                 "A new commitment starts in force"))
    return errors


def commitment_record(c: Commitment) -> RecordSpec:
    return RecordSpec(c.subject_code, RecordCategory.COMMITMENT, c.made_on, c.department, "commitment",
                      c.commitment_id, f"作出{c.type}信用承诺：{c.content}",
                      f"{c.type} commitment: {c.content}", False, BASIS_RECORD)


def _close(c: Commitment, to: CommitmentStatus, on: date, reason: str | None) -> Commitment:
    if c.status is not CommitmentStatus.IN_FORCE:
        raise RuleBroken(f"承诺已是{c.status.value}状态", f"The commitment is already {c.status.value}",
                         code="not_in_force", facts={"status": c.status.value}, status=409)
    if on < c.made_on:
        raise RuleBroken("日期不能早于承诺日期", "The date cannot precede the commitment",
                         code="date_before_made")
    return dataclasses.replace(c, status=to, status_changed_on=on, status_reason=reason)


def fulfil(c: Commitment, on: date) -> tuple[Commitment, RecordSpec]:
    """in_force → fulfilled; yields a positive 履约 record."""
    done = _close(c, CommitmentStatus.FULFILLED, on, None)
    late = c.deadline is not None and on > c.deadline
    return done, RecordSpec(c.subject_code, RecordCategory.COMMITMENT_FULFILLED, on, c.department,
                            "commitment", c.commitment_id, f"信用承诺已履约{'（逾期）' if late else ''}",
                            f"commitment fulfilled{' (late)' if late else ''}", False, BASIS_RECORD)


def breach(c: Commitment, on: date, reason: str, department_code: str) -> tuple[Commitment, RecordSpec]:
    """in_force → breached, decided by the department it was made to; yields a negative record."""
    if department_code != c.department:
        raise RuleBroken(f"违约由承诺所向部门{c.department}认定",
                         f"A breach is found by {c.department}, the department the commitment was made to",
                         code="not_department")
    if not (reason or "").strip():
        raise RuleBroken("请说明违约事实", "State the facts of the breach", code="reason_required")
    done = _close(c, CommitmentStatus.BREACHED, on, reason)
    return done, RecordSpec(c.subject_code, RecordCategory.COMMITMENT_BREACHED, on, c.department,
                            "commitment", c.commitment_id,
                            f"违反信用承诺：{reason}；应承担责任：{c.liability_on_breach}",
                            f"commitment breached: {reason}; liability: {c.liability_on_breach}", True,
                            f"{BASIS_RECORD}; {BASIS_LIABILITY}")


def deadline_passed(c: Commitment, today: date) -> Decision:
    """Flag an in-force commitment whose deadline has passed (the deadline day itself is still in time).

    The flag prompts the department to check fulfilment; it is not a breach by itself.
    """
    facts = {"commitment_id": c.commitment_id, "deadline": iso(c.deadline), "today": iso(today),
             "status": c.status.value}
    if c.status is CommitmentStatus.IN_FORCE and c.deadline is not None and today > c.deadline:
        return Decision(True, "deadline_passed", BASIS_RECORD, facts,
                        f"履约期限{c.deadline}已过，尚未确认履约",
                        f"The deadline {c.deadline} has passed without confirmed fulfilment")
    outcome = "in_time" if c.status is CommitmentStatus.IN_FORCE else c.status.value
    return Decision(False, outcome, BASIS_RECORD, facts, "未超过履约期限或已结束",
                    "Within the deadline, or closed")
