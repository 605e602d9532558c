"""政务诚信 (CP 二（一）2; 安政办〔2023〕1号（二十二）): the list of unhonoured government commitments with
measures, deadlines and overdue flags (a broken one becomes a government-dishonesty record), and the forced
disclosure of overdue payments to SMEs with undisputed and disputed amounts kept apart, with history.

Interpretation: the credit lead (scope credit.admin, 市发展改革委) keeps both lists; both are public."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain import government as rules
from anyang_credit.domain.decision import RuleBroken
from anyang_credit.domain.vocab import GovernmentCommitmentStatus, RecordCategory, SubjectKind, label
from anyang_credit.models import kit
from anyang_credit.models.government import GovernmentCommitment, OverdueAccount, OverdueAccountChange
from anyang_credit.models.subjects import Subject
from anyang_credit.schemas.government import AccountChangeIn, GovernmentCommitmentIn, OverdueAccountIn
from anyang_credit.service.records import new_record
from anyang_credit.service.subjects import get_or_create_subject
from govkit import audit
from govkit.auth import Principal
from govkit.clock import business_date
from govkit.crypto import IdVault
from govkit.db import transactional
from govkit.errors import Conflict, NotFound, RuleViolation
from govkit.pagination import PageParams, fetch_page

GOVERNMENT = (SubjectKind.GOVERNMENT_BODY.value, SubjectKind.PUBLIC_INSTITUTION.value)


async def _body(session, vault, code: str, name: str) -> Subject:
    """The government body (政务诚信, CP 二（一）2): a new subject is registered as one where its code allows;
    an existing subject keeps its registered kind (only its registrar changes it) and must be one."""
    body = await get_or_create_subject(session=session, vault=vault, code=code, name=name,
                                       kind=SubjectKind.GOVERNMENT_BODY)
    if body.kind not in GOVERNMENT:
        raise RuleViolation(f"主体{code}登记为{label(body.kind).zh}，不是机关或事业单位",
                            f"Subject {code} is registered as {body.kind}, not a government body",
                            code="not_government_body", errors=[{"field": "body_code", "message": body.kind}])
    return body


def domain_commitment(c: GovernmentCommitment, body: Subject) -> rules.GovernmentCommitment:
    return rules.GovernmentCommitment(c.id, body.code or body.id, c.content, c.measures, c.deadline, c.listed_on,
                                      c.fulfilled_on)


@transactional
async def list_commitment(*, session: AsyncSession, principal: Principal, vault: IdVault,
                          data: GovernmentCommitmentIn, now: datetime):
    body = await _body(session, vault, data.body_code, data.body_name)
    c = GovernmentCommitment(id=str(uuid.uuid4()), body_id=body.id, content=data.content, measures=data.measures,
                             deadline=data.deadline, listed_on=data.listed_on or business_date(now),
                             status=GovernmentCommitmentStatus.LISTED.value, listed_by=principal.org,
                             created_at=now)
    errors = rules.validate_government_commitment(domain_commitment(c, body))
    if errors:
        raise RuleViolation("政府承诺清单项不完整", "The list item is incomplete",
                            errors=[e.as_dict() for e in errors])
    session.add(c)
    await session.flush()
    await audit.record(session, kit, "credit.government_commitment.list", "government_commitment", c.id,
                       {"body": body.code})
    return c, body


async def _load_commitment(session, commitment_id: str):
    c = await session.get(GovernmentCommitment, commitment_id)
    if c is None:
        raise NotFound(f"没有政府承诺 {commitment_id}", f"No government commitment {commitment_id}")
    if c.status != GovernmentCommitmentStatus.LISTED:
        raise Conflict("该承诺已履行或已认定失信", "The commitment is already honoured or broken")
    return c, await session.get(Subject, c.body_id)


@transactional
async def honour_commitment(*, session: AsyncSession, commitment_id: str, on: date | None, now: datetime):
    c, body = await _load_commitment(session, commitment_id)
    c.fulfilled_on = on or business_date(now)
    if c.fulfilled_on < c.listed_on:
        raise RuleViolation("履行日期不能早于列入清单日期", "Fulfilment cannot precede listing")
    c.status = GovernmentCommitmentStatus.HONOURED.value
    await audit.record(session, kit, "credit.government_commitment.honour", "government_commitment", c.id,
                       {"on": c.fulfilled_on.isoformat()})
    return c, body


@transactional
async def break_commitment(*, session: AsyncSession, principal: Principal, commitment_id: str, on: date | None,
                           reason: str, now: datetime):
    c, body = await _load_commitment(session, commitment_id)
    on = on or business_date(now)
    spec = rules.broken_commitment_record(domain_commitment(c, body), on, reason, principal.org)
    record = new_record(session, body, category=RecordCategory.GOVERNMENT_DISHONESTY, department=principal.org,
                        decision_number=f"GOV-{c.id}", decision_date=on, title=spec.summary_zh[:300],
                        content=f"整改措施：{c.measures}；完成期限：{c.deadline}", legal_basis=spec.basis, now=now,
                        source="government", published=True)
    await session.flush()
    c.status, c.broken_on, c.broken_reason, c.record_id = (GovernmentCommitmentStatus.BROKEN.value, on, reason,
                                                           record.id)
    await session.flush()
    await audit.record(session, kit, "credit.government_commitment.break", "government_commitment", c.id,
                       {"record_id": record.id, "reason": reason})
    return c, body


async def government_commitments(session: AsyncSession, include_closed: bool, page: PageParams):
    """One page of the list (earliest deadline first) and its total."""
    q = select(GovernmentCommitment, Subject).join(Subject, Subject.id == GovernmentCommitment.body_id)
    if not include_closed:
        q = q.where(GovernmentCommitment.status == GovernmentCommitmentStatus.LISTED.value)
    return await fetch_page(session, q.order_by(GovernmentCommitment.deadline, GovernmentCommitment.id), page)


# ---------------------------------------------------------------- overdue payments to SMEs

FEN = Decimal("100")


def _fen(amount: Decimal) -> int:
    return int(amount * FEN)


async def domain_account(session: AsyncSession, account: OverdueAccount, debtor: Subject) -> rules.OverdueAccount:
    changes = (await session.execute(select(OverdueAccountChange).where(
        OverdueAccountChange.account_id == account.id).order_by(OverdueAccountChange.id))).scalars()
    events = tuple(rules.AccountEvent(rules.AccountEventKind(ch.kind), Decimal(ch.amount_fen) / FEN, ch.on, ch.by,
                                      rules.AccountPart(ch.part) if ch.part else None, ch.reason)
                   for ch in changes)
    return rules.OverdueAccount(account.id, debtor.name, account.creditor_code, account.contract_ref,
                                account.payment_due, events)


def _store_new(session, account: OverdueAccount, before: rules.OverdueAccount, after: rules.OverdueAccount,
               now: datetime) -> None:
    for e in after.events[len(before.events):]:
        session.add(OverdueAccountChange(account_id=account.id, kind=e.kind.value,
                                         part=e.part.value if e.part else None, amount_fen=_fen(e.amount), on=e.on,
                                         by=e.by, reason=e.reason, recorded_at=now))


@transactional
async def open_account(*, session: AsyncSession, principal: Principal, vault: IdVault, data: OverdueAccountIn,
                       now: datetime):
    debtor = await _body(session, vault, data.debtor_code, data.debtor_name)
    account = OverdueAccount(id=str(uuid.uuid4()), debtor_id=debtor.id, creditor_code=data.creditor_code,
                             creditor_name=data.creditor_name, contract_ref=data.contract_ref,
                             payment_due=data.payment_due, created_by=principal.org, created_at=now)
    session.add(account)
    on = data.on or business_date(now)
    before = rules.OverdueAccount(account.id, debtor.name, account.creditor_code, account.contract_ref,
                                  account.payment_due)
    after = before
    for part, amount in (("undisputed", data.undisputed_amount), ("disputed", data.disputed_amount)):
        if amount is not None:
            after = rules.record_overdue(after, part, amount, on, principal.org)
    if not after.events:
        raise RuleViolation("请登记无分歧或有争议欠款金额", "Record an undisputed or a disputed amount")
    await session.flush()
    _store_new(session, account, before, after, now)
    await audit.record(session, kit, "credit.overdue_account.open", "overdue_account", account.id,
                       {"debtor": debtor.code, "creditor": data.creditor_code})
    return account, debtor, after


@transactional
async def change_account(*, session: AsyncSession, principal: Principal, account_id: str, data: AccountChangeIn,
                         now: datetime):
    account = await session.get(OverdueAccount, account_id)
    if account is None:
        raise NotFound(f"没有欠款记录 {account_id}", f"No overdue account {account_id}")
    debtor = await session.get(Subject, account.debtor_id)
    before = await domain_account(session, account, debtor)
    on = data.on or business_date(now)
    try:
        kind = rules.AccountEventKind(data.kind)
        if kind in (rules.AccountEventKind.RECORDED, rules.AccountEventKind.PAID):
            if data.part is None:
                raise RuleBroken("请载明无分歧或有争议部分", "Name the part: undisputed or disputed", code="part")
            fn = rules.record_overdue if kind is rules.AccountEventKind.RECORDED else rules.record_payment
            after = fn(before, data.part, data.amount, on, principal.org, data.reason)
        elif kind is rules.AccountEventKind.RECLASSIFIED_TO_DISPUTED:
            after = rules.reclassify_to_disputed(before, data.amount, on, principal.org, data.reason)
        else:
            owed = kind is rules.AccountEventKind.DISPUTE_RESOLVED_OWED
            after = rules.resolve_dispute(before, data.amount, owed, on, principal.org, data.reason)
    except RuleBroken:
        raise
    except ValueError as exc:
        raise RuleViolation(f"未知变更类型或部分：{exc}", f"Unknown kind or part: {exc}") from None
    _store_new(session, account, before, after, now)
    await audit.record(session, kit, "credit.overdue_account.change", "overdue_account", account.id,
                       {"kind": data.kind, "amount": str(data.amount)})
    return account, debtor, after


async def accounts(session: AsyncSession, page: PageParams):
    """One page of the accounts (earliest due first), each with its history, and the total."""
    rows, total = await fetch_page(session, select(OverdueAccount, Subject).join(
        Subject, Subject.id == OverdueAccount.debtor_id).order_by(OverdueAccount.payment_due, OverdueAccount.id), page)
    return [(a, d, await domain_account(session, a, d)) for a, d in rows], total
