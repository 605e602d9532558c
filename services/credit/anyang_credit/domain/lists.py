"""Joint-punishment lists (失信惩戒): entry validation, sole authority, effectiveness on a date, checks."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from govkit.plausible import DECISION_NUMBER_INCOMPLETE, LEGAL_BASIS_TOO_SHORT, is_decision_number, is_legal_basis

from .decision import Decision, FieldError, RuleBroken, iso
from .vocab import AWARDS, CP, LISTS, ListCode, RemovalReason, label

BASIS_NO_GENERALISATION = f"{CP} 四（四） (防止失信“黑名单”认定和实施失信惩戒措施的泛化和扩大化)"
BASIS_CHECK = f"{AWARDS} 第二条; {CP} 三（四） (信用奖惩在招标投标、政府采购…评优评先…中的应用)"
BASIS_EFFECTIVE = ("Interpretation: an entry is effective from its effective date (inclusive) until the day "
                   "before its expiry or removal date; on the expiry/removal date it is no longer effective")


@dataclass(frozen=True)
class Provenance:
    """Where an imported national entry came from (信用中国, 国家企业信用信息公示系统, 中国执行信息公开网)."""

    source: str
    retrieved_at: str  # ISO instant
    source_id: str


@dataclass(frozen=True)
class ListEntry:
    entry_id: str
    subject_code: str
    list_code: ListCode
    authority: str  # department code (or issuing body for an imported entry)
    legal_basis: str
    decision_number: str
    effective_date: date
    expiry_date: date | None = None  # first day the entry is no longer effective
    removed_on: date | None = None  # first day the entry is no longer effective after removal
    removal_reason: RemovalReason | None = None
    provenance: Provenance | None = None

    @property
    def end_date(self) -> date | None:
        ends = [d for d in (self.expiry_date, self.removed_on) if d is not None]
        return min(ends) if ends else None


def is_effective(entry: ListEntry, on: date) -> bool:
    """Effective on `on`: effective_date <= on < min(expiry_date, removed_on) (see BASIS_EFFECTIVE)."""
    end = entry.end_date
    return entry.effective_date <= on and (end is None or on < end)


def may_manage(list_code: ListCode | str, department_code: str | None) -> Decision:
    """Only the list's responsible authority adds to or removes from it (CP 四（四）)."""
    definition = LISTS[ListCode(list_code)]
    facts = {"list": definition.code.value, "authority": definition.authority, "department": department_code}
    if department_code == definition.authority:
        return Decision(True, "authority", BASIS_NO_GENERALISATION, facts,
                        f"{department_code}是{definition.zh}的认定部门",
                        f"{department_code} is the authority for {definition.en}")
    return Decision(False, "not_authority", BASIS_NO_GENERALISATION, facts,
                    f"只有认定部门{definition.authority}可以列入或移出{definition.zh}",
                    f"Only {definition.authority} may add to or remove from {definition.en}")


def validate_entry(entry: ListEntry) -> list[FieldError]:
    """Field problems of a new entry; an empty list means it may be added.

    A locally added entry must come from the list's authority; an imported national entry (with
    provenance) names its issuing body instead, but still needs a legal basis.
    """
    errors: list[FieldError] = []
    try:
        definition = LISTS[ListCode(entry.list_code)]
    except ValueError:
        return [FieldError("list_code", "unknown_list", f"未知名单：{entry.list_code}",
                           f"Unknown list: {entry.list_code}")]
    if not (entry.legal_basis or "").strip():
        errors.append(FieldError("legal_basis", "required", "列入失信名单必须载明法律依据",
                                 "A list entry needs its legal basis", BASIS_NO_GENERALISATION))
    elif not is_legal_basis(entry.legal_basis):
        errors.append(FieldError("legal_basis", "implausible", *LEGAL_BASIS_TOO_SHORT, BASIS_NO_GENERALISATION))
    if not (entry.authority or "").strip():
        errors.append(FieldError("authority", "required", "列入失信名单必须载明认定部门",
                                 "A list entry needs the authority that listed it", BASIS_NO_GENERALISATION))
    elif entry.provenance is None and not may_manage(definition.code, entry.authority):
        errors.append(FieldError("authority", "not_authority",
                                 f"{definition.zh}只能由{definition.authority}列入",
                                 f"Only {definition.authority} may add to {definition.en}",
                                 BASIS_NO_GENERALISATION))
    if not (entry.decision_number or "").strip():
        errors.append(FieldError("decision_number", "required", "列入失信名单必须载明决定文书号",
                                 "A list entry needs its decision number"))
    elif not is_decision_number(entry.decision_number):
        errors.append(FieldError("decision_number", "implausible", *DECISION_NUMBER_INCOMPLETE))
    if definition.has_expiry and entry.expiry_date is None:
        errors.append(FieldError("expiry_date", "required", f"{definition.zh}有列入期限，必须载明到期日期",
                                 f"{definition.en} has a listing term: expiry_date is required",
                                 definition.expiry_basis))
    if entry.expiry_date is not None and entry.expiry_date <= entry.effective_date:
        errors.append(FieldError("expiry_date", "not_after_effective", "到期日期必须晚于生效日期",
                                 "expiry_date must be after effective_date"))
    if entry.removed_on is not None or entry.removal_reason is not None:
        errors.append(FieldError("removed_on", "not_allowed", "新列入的记录不能带有移出信息",
                                 "A new entry cannot already be removed"))
    return errors


def require_valid_entry(entry: ListEntry) -> ListEntry:
    errors = validate_entry(entry)
    if errors:
        raise RuleBroken("失信名单记录不符合规定", "The list entry breaks the rules",
                         basis=BASIS_NO_GENERALISATION, code="invalid_list_entry", errors=errors)
    return entry


def remove_entry(entry: ListEntry, reason: RemovalReason | str, on: date, department_code: str) -> ListEntry:
    """End an entry by repair, revocation or court decision; only the list's authority may do so.

    Expiry is not a manual removal: it happens by itself (`expire`).
    """
    reason = RemovalReason(reason)
    if reason is RemovalReason.EXPIRY:
        raise RuleBroken("期满移出自动发生，无需手工移出",
                         "Expiry happens by itself; it is not a manual removal", code="expiry_is_automatic")
    decision = may_manage(entry.list_code, department_code)
    if not decision:
        raise RuleBroken(decision.reason_zh, decision.reason_en, basis=decision.basis, code="not_authority",
                         facts=decision.facts, status=403)
    if entry.removed_on is not None:
        raise RuleBroken("该记录已移出", "The entry has already been removed", code="already_removed")
    if entry.expiry_date is not None and on >= entry.expiry_date:
        raise RuleBroken("该记录已期满", "The entry has already expired", code="already_expired",
                         facts={"expiry_date": iso(entry.expiry_date)})
    return dataclasses.replace(entry, removed_on=on, removal_reason=reason)


def due_expiries(entries: Iterable[ListEntry], today: date) -> list[ListEntry]:
    """Entries whose expiry date has come and that are not yet marked removed (for the scheduler)."""
    return [e for e in entries
            if e.removed_on is None and e.expiry_date is not None and e.expiry_date <= today]


def expire(entry: ListEntry) -> ListEntry:
    """Mark an entry removed by expiry on its expiry date (idempotent)."""
    if entry.expiry_date is None:
        raise RuleBroken("该名单记录没有到期日期", "The entry has no expiry date", code="no_expiry")
    if entry.removed_on is not None:
        return entry
    return dataclasses.replace(entry, removed_on=entry.expiry_date, removal_reason=RemovalReason.EXPIRY)


@dataclass(frozen=True)
class ListHit:
    list_code: ListCode
    list_name_zh: str
    list_name_en: str
    entry_id: str
    authority: str
    legal_basis: str
    decision_number: str
    effective_date: date
    expiry_date: date | None


@dataclass(frozen=True)
class CheckResult:
    subject_code: str | None
    as_of: date
    listed: bool
    hits: tuple[ListHit, ...]
    lists_checked: tuple[ListCode, ...]
    basis: str

    def as_dict(self) -> dict:
        return {
            "subject_code": self.subject_code, "as_of": self.as_of.isoformat(), "listed": self.listed,
            "lists_checked": [c.value for c in self.lists_checked], "basis": self.basis,
            "hits": [{"list": h.list_code.value, "list_name": label(h.list_code).text, "entry_id": h.entry_id,
                      "authority": h.authority, "legal_basis": h.legal_basis,
                      "decision_number": h.decision_number, "effective_date": h.effective_date.isoformat(),
                      "expiry_date": iso(h.expiry_date)} for h in self.hits],
        }


def check(entries: Iterable[ListEntry], as_of: date, *, subject_code: str | None = None,
          lists: Iterable[ListCode | str] | None = None) -> CheckResult:
    """Is this subject on any of `lists` (default: all) on `as_of`? `entries` are the subject's entries."""
    wanted = tuple(sorted(ListCode(c) for c in lists)) if lists is not None else tuple(sorted(LISTS))
    entries = list(entries)
    subjects = {e.subject_code for e in entries}
    if subject_code is None and len(subjects) == 1:
        subject_code = next(iter(subjects))
    if len(subjects) > 1 or (subjects and subject_code not in subjects):
        raise ValueError("check() takes the entries of one subject")
    hits = tuple(
        ListHit(e.list_code, LISTS[e.list_code].zh, LISTS[e.list_code].en, e.entry_id, e.authority,
                e.legal_basis, e.decision_number, e.effective_date, e.expiry_date)
        for e in sorted(entries, key=lambda e: (e.list_code, e.effective_date, e.entry_id))
        if e.list_code in wanted and is_effective(e, as_of))
    return CheckResult(subject_code, as_of, bool(hits), hits, wanted, f"{BASIS_CHECK}; {BASIS_EFFECTIVE}")


def check_many(entries: Iterable[ListEntry], subject_codes: Iterable[str], as_of: date, *,
               lists: Iterable[ListCode | str] | None = None) -> dict[str, CheckResult]:
    """Batch form of `check`: one result per requested subject code."""
    by_subject: dict[str, list[ListEntry]] = {}
    for e in entries:
        by_subject.setdefault(e.subject_code, []).append(e)
    wanted = list(lists) if lists is not None else None
    return {code: check(by_subject.get(code, []), as_of, subject_code=code, lists=wanted)
            for code in subject_codes}
