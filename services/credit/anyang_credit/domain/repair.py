"""Credit repair (信用修复, CP 三（四）、二（二）5、二（九）1): eligibility, who decides, the workflow."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from govkit.rules.params import ParameterSet
from govkit.rules.periods import add_months, add_years

from .decision import Decision, FieldError, RuleBroken, iso
from .lists import ListEntry, is_effective, remove_entry
from .vocab import CP, LISTS, PenaltySeverity, RecordCategory, RemovalReason, RepairStatus

NATIONAL_REPAIR_RULE = "失信行为纠正后的信用信息修复管理办法（试行）(国家发展改革委令2023年第58号)"
BASIS_MIN_PERIOD = (f"{CP} 三（四） (建立健全各行业领域信用修复机制，明确修复方式和程序); Interpretation: "
                    f"{NATIONAL_REPAIR_RULE} — 最短公示期届满后方可申请, counted from the decision date")
BASIS_WORKFLOW = f"{CP} 三（四）; spec: decided by the record's department or the list's authority"
BASIS_INITIATED = f"{CP} 二（九）1 (对符合修复条件的企业主动进行信用修复)"
BASIS_FREE = (f"{CP} 二（二）5 (整治假借“信用修复”名义招摇撞骗行为); Interpretation: {NATIONAL_REPAIR_RULE} "
              "— 信用修复不收取任何费用")

FREE_OF_CHARGE_ZH = ("信用修复免费办理，本平台和各部门不收取任何费用；"
                     "任何以收费“修复”“洗白”信用为名的行为均属诈骗，请勿相信。")
FREE_OF_CHARGE_EN = ("Credit repair is free of charge: neither this service nor any department charges "
                     "for it. Anyone offering paid 'repair' or 'credit whitening' is a fraud.")

# Records a repair can end; positive or neutral records (licences, rewards…) are not "repaired".
REPAIRABLE_CATEGORIES = frozenset({
    RecordCategory.ADMINISTRATIVE_PENALTY, RecordCategory.COMMITMENT_BREACHED,
    RecordCategory.DISHONESTY, RecordCategory.GOVERNMENT_DISHONESTY,
})

PARAM_MIN_MONTHS = "credit.repair.min_publication_months.{severity}"


@dataclass(frozen=True)
class RepairableRecord:
    record_id: str
    subject_code: str
    category: RecordCategory
    decision_date: date
    department: str  # the reporting department: it decides the repair
    severity: PenaltySeverity | None = None


def minimum_period(severity: PenaltySeverity, on: date, params: ParameterSet) -> tuple[int, str]:
    """(months, reference) of the minimum publication period for a penalty of `severity`, in force on `on`."""
    value = params.at(PARAM_MIN_MONTHS.format(severity=PenaltySeverity(severity).value), on)
    return int(value.value), value.reference


def _end_of_period(start: date, months: int) -> date:
    # 民法典 第二百零二条: corresponding day, else that month's last day
    return add_years(start, months // 12) if months % 12 == 0 else add_months(start, months)


def repair_eligibility(record: RepairableRecord, applied_on: date, params: ParameterSet,
                       *, default_severity: PenaltySeverity = PenaltySeverity.GENERAL) -> Decision:
    """May repair be applied for on `applied_on`? A refusal states the period and the earliest date.

    Interpretation: the minimum period of N months from the decision date has passed on the corresponding
    day N months later (2023-01-31 + 3 months → 2023-04-30), so that day is the earliest application date.
    """
    category = RecordCategory(record.category)
    facts: dict[str, Any] = {"record_id": record.record_id, "category": category.value,
                             "decision_date": iso(record.decision_date), "applied_on": iso(applied_on),
                             "decided_by": record.department}
    if category not in REPAIRABLE_CATEGORIES:
        return Decision(False, "not_repairable", BASIS_WORKFLOW, facts,
                        "该类信息不是失信信息，无需信用修复",
                        "This kind of record is not negative: nothing to repair")
    if category is not RecordCategory.ADMINISTRATIVE_PENALTY:
        return Decision(True, "eligible", BASIS_WORKFLOW, facts, "可以申请信用修复",
                        "Repair may be applied for")
    severity = PenaltySeverity(record.severity or default_severity)
    months, reference = minimum_period(severity, applied_on, params)
    earliest = _end_of_period(record.decision_date, months)
    facts.update({"severity": severity.value, "minimum_period_months": months, "earliest_date": iso(earliest),
                  "parameter_reference": reference})
    basis = f"{BASIS_MIN_PERIOD}; {reference}"
    if applied_on < earliest:
        return Decision(False, "minimum_period_not_served", basis, facts,
                        f"{_SEV_ZH[severity]}行政处罚信息最短公示期为{months}个月，自{record.decision_date}起算，"
                        f"最早可于{earliest}申请信用修复",
                        f"A {severity.value} penalty must stay published at least {months} months from "
                        f"{record.decision_date}; repair can be applied for from {earliest}")
    return Decision(True, "eligible", basis, facts,
                    f"最短公示期{months}个月已满（{earliest}），可以申请信用修复",
                    f"The minimum period of {months} months has passed ({earliest}); "
                    "repair may be applied for")


_SEV_ZH = {PenaltySeverity.MINOR: "轻微", PenaltySeverity.GENERAL: "一般", PenaltySeverity.SERIOUS: "严重"}


def entry_repair_eligibility(entry: ListEntry, applied_on: date) -> Decision:
    """A list entry can be applied for while it is effective; the list's authority decides."""
    authority = LISTS[entry.list_code].authority
    facts = {"entry_id": entry.entry_id, "list": entry.list_code.value, "applied_on": iso(applied_on),
             "decided_by": authority}
    if not is_effective(entry, applied_on):
        return Decision(False, "not_effective", BASIS_WORKFLOW, facts, "该名单记录当日不在列入期内，无需修复",
                        "The entry is not in force on that date: nothing to repair")
    return Decision(True, "eligible", BASIS_WORKFLOW, facts, f"可以向{authority}申请移出",
                    f"Removal may be applied for with {authority}")


def decider_for(target: RepairableRecord | ListEntry) -> str:
    """The record's department, or the list's authority for a list entry (so only it ends an entry)."""
    if isinstance(target, ListEntry):
        return LISTS[target.list_code].authority
    return target.department


@dataclass(frozen=True)
class Transition:
    from_status: RepairStatus | None
    to_status: RepairStatus
    on: date
    by: str
    reason: str


@dataclass(frozen=True)
class RepairApplication:
    application_id: str
    subject_code: str
    target_kind: str  # "record" | "list_entry"
    target_id: str
    decider: str
    reason: str
    evidence: tuple[str, ...]
    commitment_id: str | None  # the 信用修复型 commitment
    status: RepairStatus
    initiated_by: str  # "subject" | "department"
    history: tuple[Transition, ...] = ()

    @property
    def submitted_on(self) -> date:
        return self.history[0].on


_ALLOWED: Mapping[RepairStatus, frozenset[RepairStatus]] = {
    RepairStatus.SUBMITTED: frozenset({RepairStatus.ACCEPTED, RepairStatus.REJECTED}),
    RepairStatus.ACCEPTED: frozenset({RepairStatus.APPROVED, RepairStatus.REJECTED}),
    RepairStatus.APPROVED: frozenset(),
    RepairStatus.REJECTED: frozenset(),
}


def _target(target: RepairableRecord | ListEntry) -> tuple[str, str]:
    if isinstance(target, ListEntry):
        return "list_entry", target.entry_id
    return "record", target.record_id


def _require_eligible(eligibility: Decision) -> None:
    if not eligibility:
        raise RuleBroken(eligibility.reason_zh, eligibility.reason_en, basis=eligibility.basis,
                         code=eligibility.outcome, facts=eligibility.facts)


def submit_application(application_id: str, target: RepairableRecord | ListEntry, *, reason: str,
                       evidence: tuple[str, ...] | list[str], commitment_id: str | None, on: date,
                       eligibility: Decision, subject_code: str) -> RepairApplication:
    """A subject applies: reason, evidence and a 信用修复型 commitment are required; eligibility must hold."""
    errors = []
    if not (reason or "").strip():
        errors.append(FieldError("reason", "required", "请说明修复理由", "State the reason for repair"))
    if not evidence:
        errors.append(FieldError("evidence", "required", "请提供已纠正失信行为的证明材料",
                                 "Provide evidence that the conduct has been corrected"))
    if not (commitment_id or "").strip():
        errors.append(FieldError("commitment_id", "required", "请作出信用修复型信用承诺",
                                 "A 信用修复型 (credit repair) commitment is required", f"{CP} 三（四）"))
    if errors:
        raise RuleBroken("信用修复申请材料不全", "The repair application is incomplete", basis=BASIS_WORKFLOW,
                         code="incomplete_application", errors=errors)
    _require_eligible(eligibility)
    kind, target_id = _target(target)
    return RepairApplication(application_id, subject_code, kind, target_id, decider_for(target), reason,
                             tuple(evidence), commitment_id, RepairStatus.SUBMITTED, "subject",
                             (Transition(None, RepairStatus.SUBMITTED, on, subject_code, reason),))


def department_initiated(application_id: str, target: RepairableRecord | ListEntry, *, department_code: str,
                         reason: str, evidence: tuple[str, ...] | list[str], on: date,
                         eligibility: Decision, subject_code: str) -> RepairApplication:
    """A department starts a repair itself for a subject meeting the conditions (CP 二（九）1).

    Such a repair is accepted at once.
    """
    if department_code != decider_for(target):
        raise RuleBroken("只有作出该信息的部门或名单认定部门可以主动修复",
                         "Only the record's department or the list's authority may start a repair",
                         basis=BASIS_WORKFLOW, code="not_decider", status=403)
    if not (reason or "").strip():
        raise RuleBroken("请说明修复理由", "State the reason for repair", code="reason_required")
    _require_eligible(eligibility)
    kind, target_id = _target(target)
    return RepairApplication(application_id, subject_code, kind, target_id, department_code, reason,
                             tuple(evidence), None, RepairStatus.ACCEPTED, "department",
                             (Transition(None, RepairStatus.ACCEPTED, on, department_code, reason),))


def transition(app: RepairApplication, to: RepairStatus | str, *, by_department: str, on: date,
               reason: str) -> RepairApplication:
    """submitted → accepted → approved / rejected (a submitted one may also be rejected), with a reason."""
    to = RepairStatus(to)
    if by_department != app.decider:
        raise RuleBroken(f"该申请由{app.decider}决定", f"This application is decided by {app.decider}",
                         basis=BASIS_WORKFLOW, code="not_decider",
                         facts={"decider": app.decider, "department": by_department}, status=403)
    if to not in _ALLOWED[app.status]:
        raise RuleBroken(f"不能从{app.status.value}变为{to.value}", f"Cannot go from {app.status} to {to}",
                         basis=BASIS_WORKFLOW, code="invalid_transition",
                         facts={"from": app.status.value, "to": to.value})
    if to in (RepairStatus.APPROVED, RepairStatus.REJECTED) and not (reason or "").strip():
        raise RuleBroken("决定须说明理由", "A decision needs its reasons", basis=BASIS_WORKFLOW,
                         code="reason_required")
    if on < app.history[-1].on:
        raise RuleBroken("决定日期不能早于上一步", "The date cannot precede the previous step",
                         code="date_before_previous_step")
    step = Transition(app.status, to, on, by_department, reason)
    return dataclasses.replace(app, status=to, history=app.history + (step,))


def end_entry_on_approval(app: RepairApplication, entry: ListEntry) -> ListEntry:
    """Approval of a list-entry repair ends the entry (removal reason `repair`) on the approval date."""
    ours = app.target_kind == "list_entry" and app.target_id == entry.entry_id
    if app.status is not RepairStatus.APPROVED or not ours:
        raise RuleBroken("该申请未批准或不针对此名单记录",
                         "The application is not an approval for this entry", code="not_approved")
    return remove_entry(entry, RemovalReason.REPAIR, app.history[-1].on, app.decider)


def publication_end_on_approval(app: RepairApplication) -> date:
    """Approval ends the record's publication on the approval date (it stays in the archive)."""
    if app.status is not RepairStatus.APPROVED or app.target_kind != "record":
        raise RuleBroken("该申请未批准或不针对信用记录", "The application is not an approved record repair",
                         code="not_approved")
    return app.history[-1].on


def free_of_charge() -> dict[str, str]:
    """The statement shown with every repair: the service never charges (CP 二（二）5)."""
    return {"zh": FREE_OF_CHARGE_ZH, "en": FREE_OF_CHARGE_EN, "basis": BASIS_FREE}
