"""政务诚信 (CP 二（一）2; 安政办〔2023〕1号（二十二）): unhonoured government commitments and the forced
disclosure of overdue payments to SMEs, undisputed and disputed amounts kept apart."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from .commitments import RecordSpec
from .decision import Decision, FieldError, RuleBroken, iso
from .vocab import BE, CP, RecordCategory

BASIS_LIST = f"{BE}（二十二） (对依法依规作出但未履行到位的承诺实行清单化管理，明确整改措施和完成期限)"
BASIS_DISHONESTY = f"{CP} 二（一）2 (建立健全政府失信记录和责任追究制度)"
BASIS_DISCLOSURE = (f"{BE}（二十二） (逾期未支付中小企业账款强制披露制度…"
                    "对…将无分歧欠款做成有争议欠款的行为严肃问责): "
                    "undisputed and disputed amounts are shown apart, never merged; every change is kept")


def _refused(zh: str, en: str, **kw) -> RuleBroken:
    """A refusal of this module: its basis is the disclosure rule unless the check names another."""
    return RuleBroken(zh, en, basis=kw.pop("basis", BASIS_DISCLOSURE), **kw)


@dataclass(frozen=True)
class GovernmentCommitment:
    commitment_id: str
    body: str  # the government body (department / region code)
    content: str
    measures: str  # 整改措施
    deadline: date  # 完成期限
    listed_on: date
    fulfilled_on: date | None = None


def validate_government_commitment(c: GovernmentCommitment) -> list[FieldError]:
    errors = []
    for name, zh in (("content", "承诺内容"), ("measures", "整改措施"), ("body", "责任单位")):
        if not (getattr(c, name) or "").strip():
            errors.append(FieldError(name, "required", f"请载明{zh}", f"{name} is required", BASIS_LIST))
    if c.deadline is None:
        errors.append(FieldError("deadline", "required", "请载明完成期限", "deadline is required",
                                 BASIS_LIST))
    return errors


def overdue_flag(c: GovernmentCommitment, today: date) -> Decision:
    """Overdue when the deadline has passed and it is not fulfilled (the deadline day itself is in time)."""
    fulfilled = c.fulfilled_on is not None and c.fulfilled_on <= today
    facts = {"commitment_id": c.commitment_id, "body": c.body, "deadline": iso(c.deadline),
             "fulfilled_on": iso(c.fulfilled_on) if fulfilled else None, "today": iso(today)}
    if fulfilled:
        late = c.fulfilled_on > c.deadline
        return Decision(False, "fulfilled_late" if late else "fulfilled", BASIS_LIST, facts,
                        f"已于{c.fulfilled_on}履行{'（逾期）' if late else ''}",
                        f"Fulfilled on {c.fulfilled_on}{' (late)' if late else ''}")
    if today > c.deadline:
        return Decision(True, "overdue", BASIS_LIST, {**facts, "days_overdue": (today - c.deadline).days},
                        f"完成期限{c.deadline}已过，承诺仍未履行到位",
                        f"The deadline {c.deadline} has passed and the commitment is not honoured")
    return Decision(False, "in_time", BASIS_LIST, facts, f"完成期限为{c.deadline}", f"Due by {c.deadline}")


def broken_commitment_record(c: GovernmentCommitment, on: date, reason: str, department: str) -> RecordSpec:
    """A broken government commitment is a government-dishonesty record like any other."""
    if not (reason or "").strip():
        raise _refused("请说明失信事实", "State the facts", code="reason_required")
    return RecordSpec(c.body, RecordCategory.GOVERNMENT_DISHONESTY, on, department, "government_commitment",
                      c.commitment_id, f"政务失信：{c.content}；{reason}",
                      f"government dishonesty: {c.content}; {reason}",
                      True, f"{BASIS_DISHONESTY}; {BASIS_LIST}")


class AccountPart(StrEnum):
    UNDISPUTED = "undisputed"  # 无分歧欠款
    DISPUTED = "disputed"  # 有争议欠款


class AccountEventKind(StrEnum):
    RECORDED = "recorded"  # an overdue amount recorded
    PAID = "paid"
    RECLASSIFIED_TO_DISPUTED = "reclassified_to_disputed"  # undisputed → disputed: kept, shown, not merged
    DISPUTE_RESOLVED_OWED = "dispute_resolved_owed"  # disputed → undisputed
    DISPUTE_RESOLVED_NOT_OWED = "dispute_resolved_not_owed"  # disputed amount found not owed


@dataclass(frozen=True)
class AccountEvent:
    kind: AccountEventKind
    amount: Decimal
    on: date
    by: str
    part: AccountPart | None = None  # for recorded / paid
    reason: str = ""


@dataclass(frozen=True)
class OverdueAccount:
    account_id: str
    debtor_body: str
    creditor_code: str  # the SME's USCC
    contract_ref: str
    payment_due: date
    events: tuple[AccountEvent, ...] = ()


CENT = Decimal("0.01")


def _money(amount: Decimal | str | int) -> Decimal:
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        raise _refused("金额格式不正确", "Not an amount", code="bad_amount") from None
    if not value.is_finite() or value <= 0 or value != value.quantize(CENT):
        raise _refused("金额必须为正数且最多两位小数", "An amount must be positive with at most 2 decimals",
                         code="bad_amount", facts={"amount": str(amount)})
    return value


def balances(account: OverdueAccount, as_of: date | None = None) -> dict[str, Decimal]:
    """Outstanding undisputed and disputed amounts, and how much was moved from undisputed to disputed."""
    out = {AccountPart.UNDISPUTED: Decimal("0.00"), AccountPart.DISPUTED: Decimal("0.00")}
    moved = Decimal("0.00")
    for e in account.events:
        if as_of is not None and e.on > as_of:
            continue
        if e.kind is AccountEventKind.RECORDED:
            out[e.part] += e.amount
        elif e.kind is AccountEventKind.PAID:
            out[e.part] -= e.amount
        elif e.kind is AccountEventKind.RECLASSIFIED_TO_DISPUTED:
            out[AccountPart.UNDISPUTED] -= e.amount
            out[AccountPart.DISPUTED] += e.amount
            moved += e.amount
        elif e.kind is AccountEventKind.DISPUTE_RESOLVED_OWED:
            out[AccountPart.DISPUTED] -= e.amount
            out[AccountPart.UNDISPUTED] += e.amount
        elif e.kind is AccountEventKind.DISPUTE_RESOLVED_NOT_OWED:
            out[AccountPart.DISPUTED] -= e.amount
    return {"undisputed": out[AccountPart.UNDISPUTED], "disputed": out[AccountPart.DISPUTED],
            "reclassified_undisputed_to_disputed": moved}


def _append(account: OverdueAccount, event: AccountEvent) -> OverdueAccount:
    if account.events and event.on < account.events[-1].on:
        raise _refused("变更日期不能早于上一次变更", "A change cannot be dated before the previous one",
                         code="date_before_previous")
    return dataclasses.replace(account, events=account.events + (event,))


def _need(account: OverdueAccount, part: AccountPart, amount: Decimal) -> None:
    available = balances(account)[part.value]
    if amount > available:
        raise _refused(f"金额超过{'无分歧' if part is AccountPart.UNDISPUTED else '有争议'}欠款余额",
                         f"The amount exceeds the outstanding {part.value} balance", code="exceeds_balance",
                         facts={"amount": str(amount), "available": str(available), "part": part.value})


def record_overdue(account: OverdueAccount, part: AccountPart | str, amount, on: date, by: str,
                   reason: str = "") -> OverdueAccount:
    event = AccountEvent(AccountEventKind.RECORDED, _money(amount), on, by, AccountPart(part), reason)
    return _append(account, event)


def record_payment(account: OverdueAccount, part: AccountPart | str, amount, on: date,
                   by: str, reason: str = "") -> OverdueAccount:
    part = AccountPart(part)
    amount = _money(amount)
    _need(account, part, amount)
    return _append(account, AccountEvent(AccountEventKind.PAID, amount, on, by, part, reason))


def reclassify_to_disputed(account: OverdueAccount, amount, on: date, by: str, reason: str) -> OverdueAccount:
    """Undisputed → disputed is recorded as its own change with a reason and stays visible in the disclosure
    (BE（二十二）: turning undisputed debts into disputed ones is held to account)."""
    if not (reason or "").strip():
        raise _refused("将无分歧欠款改为有争议欠款必须说明理由",
                         "Moving an undisputed amount to disputed needs a reason", basis=BASIS_DISCLOSURE,
                         code="reason_required")
    amount = _money(amount)
    _need(account, AccountPart.UNDISPUTED, amount)
    event = AccountEvent(AccountEventKind.RECLASSIFIED_TO_DISPUTED, amount, on, by, None, reason)
    return _append(account, event)


def resolve_dispute(account: OverdueAccount, amount, owed: bool, on: date, by: str,
                    reason: str) -> OverdueAccount:
    if not (reason or "").strip():
        raise _refused("请说明争议处理结果", "State how the dispute was resolved", code="reason_required")
    amount = _money(amount)
    _need(account, AccountPart.DISPUTED, amount)
    kind = AccountEventKind.DISPUTE_RESOLVED_OWED if owed else AccountEventKind.DISPUTE_RESOLVED_NOT_OWED
    return _append(account, AccountEvent(kind, amount, on, by, None, reason))


def disclosure(account: OverdueAccount, as_of: date) -> dict[str, Any]:
    """The public disclosure as of a date: amounts apart (no merged total), with the full history."""
    b = balances(account, as_of)
    return {
        "account_id": account.account_id, "debtor_body": account.debtor_body,
        "creditor_code": account.creditor_code, "contract_ref": account.contract_ref,
        "payment_due": account.payment_due.isoformat(), "as_of": as_of.isoformat(),
        "undisputed_outstanding": str(b["undisputed"]), "disputed_outstanding": str(b["disputed"]),
        "reclassified_undisputed_to_disputed": str(b["reclassified_undisputed_to_disputed"]),
        "overdue": as_of > account.payment_due and (b["undisputed"] > 0 or b["disputed"] > 0),
        "history": [{"kind": e.kind.value, "amount": str(e.amount), "on": e.on.isoformat(), "by": e.by,
                     "part": e.part.value if e.part else None, "reason": e.reason}
                    for e in account.events if e.on <= as_of],
        "basis": BASIS_DISCLOSURE,
    }
