"""Joint-punishment lists (失信惩戒): entries by the sole authority, removal, expiry, national imports, check.

CP 四（四）: no entry without a legal basis and an authority; only the list's authority adds or removes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain import lists as dl
from anyang_credit.domain.vocab import LISTS, ListCode, NationalSource, RemovalReason, label
from anyang_credit.models import kit
from anyang_credit.models.lists import ListEntryRow
from anyang_credit.models.subjects import Subject
from anyang_credit.service.grades import recompute_grade, recompute_grades
from anyang_credit.service.list_entries import known_entry, to_domain
from anyang_credit.service.subjects import (
    code_of,
    ensure_subjects,
    find_subject,
    get_or_create_subject,
    mask_if_person,
)
from govkit import audit
from govkit.auth import Principal
from govkit.clock import business_date, utcnow
from govkit.crypto import IdVault
from govkit.db import chunks
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation
from govkit.events import Outbox
from govkit.ids import InvalidIdentifier, validate_subject_code

# codes of vocab.NationalSource, with the Chinese names accepted as well
NATIONAL_SOURCES = {ns.value: ns.value for ns in NationalSource} | {
    label(ns).zh: ns.value for ns in NationalSource
}
BASIS_IMPORT = "spec credit.md: National lists and records (imported in bulk with their provenance)"
CHECK_BATCH_MAX = 1000


def list_definition(list_code: str):
    try:
        return LISTS[ListCode(list_code)]
    except ValueError:
        raise NotFound(f"没有名单{list_code}", f"No list {list_code}") from None


def event_data(row: ListEntryRow, subject: Subject, vault: IdVault) -> dict[str, Any]:
    """Data of credit.blacklist.added / .removed: an enterprise by its USCC; a person by the platform-wide
    `person_ref` (govkit.crypto.PersonRef), its ID number masked — never in clear in an event."""
    data = {
        "entry_id": row.id,
        "list_code": row.list_code,
        "list_name": LISTS[ListCode(row.list_code)].zh,
        "subject_code": code_of(subject, vault) if subject.code else subject.code_masked,
        "person_ref": subject.person_ref,
        "subject_name": subject.name,
        "authority": row.authority,
        "legal_basis": row.legal_basis,
        "decision_number": row.decision_number,
        "effective_date": row.effective_date.isoformat(),
        "expiry_date": row.expiry_date.isoformat() if row.expiry_date else None,
    }
    if row.removed_on is not None:
        data |= {"reason": row.removal_reason, "removed_on": row.removed_on.isoformat()}
    return data


async def _emit(session, outbox: Outbox, kind: str, row: ListEntryRow, subject: Subject, vault) -> None:
    await outbox.emit(
        session, f"credit.blacklist.{kind}", subject.code or subject.person_ref or subject.id,
        event_data(row, subject, vault)
    )


async def _announce_if_in_force(session, outbox: Outbox, row: ListEntryRow, subject: Subject, vault) -> bool:
    """credit.blacklist.added only for an entry in force today: a future-dated one waits for the job on its
    effective date, an expired or removed one is never announced (only a listing in force disqualifies)."""
    if row.announced_at is not None or not dl.is_effective(to_domain(row), business_date()):
        return False
    await _emit(session, outbox, "added", row, subject, vault)
    row.announced_at = utcnow()
    return True


async def announce_in_force(session: AsyncSession, now: datetime) -> str:
    """Job: announce (credit.blacklist.added) the entries that came into force since the last run."""
    from anyang_credit.service.subjects import session_vault

    day = business_date(now)
    rows = (await session.execute(
        select(ListEntryRow, Subject).join(Subject, Subject.id == ListEntryRow.subject_id).where(
            ListEntryRow.announced_at.is_(None), ListEntryRow.removed_on.is_(None),
            ListEntryRow.effective_date <= day,
            or_(ListEntryRow.expiry_date.is_(None), ListEntryRow.expiry_date > day)).limit(1000))).all()
    outbox, vault = Outbox(kit.outbox, source="credit"), session_vault(session)
    announced = [await _announce_if_in_force(session, outbox, row, subject, vault) for row, subject in rows]
    return f"{sum(announced)} list entr(ies) came into force"


def _validated(entry: dl.ListEntry) -> None:
    dl.require_valid_entry(entry)


def _same(row: ListEntryRow, subject_id: str, data: dict) -> bool:
    return (
        row.subject_id == subject_id
        and row.legal_basis == data["legal_basis"]
        and row.effective_date == data["effective_date"]
        and row.expiry_date == data.get("expiry_date")
        and row.decision_number == data["decision_number"]
    )


async def add_entry(
    *, session: AsyncSession, principal: Principal, outbox: Outbox, vault: IdVault, list_code: str, data: dict
) -> ListEntryRow:
    """Add an entry to a list; only its authority may (403), with basis and decision number (422)."""
    definition = list_definition(list_code)
    async with session.begin():
        decision = dl.may_manage(definition.code, principal.org)
        if not decision:
            raise Forbidden(
                f"{decision.reason_zh}（依据：{decision.basis}）",
                f"{decision.reason_en} (basis: {decision.basis})",
                code="not_authority",
                extra={"rule": "not_authority", "basis": decision.basis, "facts": dict(decision.facts)},
            )
        entry = dl.ListEntry(
            "new",
            data["subject_code"],
            definition.code,
            principal.org,
            data.get("legal_basis") or "",
            data.get("decision_number") or "",
            data["effective_date"],
            data.get("expiry_date"),
        )
        _validated(entry)
        existing = (
            (
                await session.execute(
                    select(ListEntryRow).where(
                        ListEntryRow.list_code == definition.code.value,
                        ListEntryRow.decision_number == entry.decision_number,
                    )
                )
            )
            .scalars()
            .first()
        )
        if existing is not None:
            known = await find_subject(session=session, vault=vault, code=data["subject_code"])
            if known is not None and _same(existing, known.id, data):
                return existing  # the same entry sent again
            raise Conflict(
                f"决定文书号{entry.decision_number}已列入{definition.zh}",
                f"Decision {entry.decision_number} is already on {definition.en}",
                extra={"entry_id": existing.id},
            )
        subject = await get_or_create_subject(
            session=session, vault=vault, code=data["subject_code"], name=data.get("subject_name") or ""
        )
        row = _new_row(subject.id, entry, principal, source="local", subject_name=data.get("subject_name") or "")
        session.add(row)
        await session.flush()
        await _announce_if_in_force(session, outbox, row, subject, vault)
        await audit.record(
            session,
            kit,
            "list.entry.add",
            "list_entry",
            row.id,
            {"list": row.list_code, "decision_number": row.decision_number},
        )
        await _recompute(session, subject.id)
    return row


def _new_row(
    subject_id: str, entry: dl.ListEntry, principal: Principal, *, source: str, provenance: dict | None = None,
    subject_name: str = "",
) -> ListEntryRow:
    """The name sent is kept on the entry; it never renames the subject (issue #10 item 6)."""
    now = utcnow()
    return ListEntryRow(
        id=str(uuid.uuid4()),
        subject_id=subject_id,
        subject_name=subject_name,
        list_code=entry.list_code.value,
        authority=entry.authority,
        legal_basis=entry.legal_basis.strip(),
        decision_number=entry.decision_number.strip(),
        effective_date=entry.effective_date,
        expiry_date=entry.expiry_date,
        source=source,
        source_id=(provenance or {}).get("source_id"),
        provenance=provenance,
        created_at=now,
        created_by=principal.org or principal.sub,
        updated_at=now,
    )


async def _recompute(session, subject_id: str) -> None:
    await recompute_grade(session, subject_id)


async def get_entry(session: AsyncSession, entry_id: str) -> tuple[ListEntryRow, Subject]:
    found = (
        await session.execute(
            select(ListEntryRow, Subject)
            .join(Subject, Subject.id == ListEntryRow.subject_id)
            .where(ListEntryRow.id == entry_id)
        )
    ).first()
    if found is None:
        raise NotFound(f"没有名单记录{entry_id}", f"No list entry {entry_id}")
    return found[0], found[1]


async def end_entry(
    session: AsyncSession,
    outbox: Outbox,
    vault: IdVault,
    row: ListEntryRow,
    subject: Subject,
    *,
    reason: str,
    on: date,
    by: str,
    note: str = "",
) -> ListEntryRow:
    """Inside the caller's transaction: end the entry (domain.remove_entry decides), emit .removed."""
    ended = dl.remove_entry(to_domain(row), reason, on, by)
    row.removed_on, row.removal_reason = ended.removed_on, ended.removal_reason.value
    row.removal_note, row.removed_by = note or None, by
    row.updated_at = row.removed_at = utcnow()
    await session.flush()
    await _emit(session, outbox, "removed", row, subject, vault)
    await audit.record(
        session,
        kit,
        f"list.entry.remove.{row.removal_reason}",
        "list_entry",
        row.id,
        {"removed_on": row.removed_on.isoformat(), "note": note},
    )
    await _recompute(session, subject.id)
    return row


async def remove_entry(
    *,
    session: AsyncSession,
    principal: Principal,
    outbox: Outbox,
    vault: IdVault,
    list_code: str,
    entry_id: str,
    data: dict,
) -> ListEntryRow:
    """Revocation or court decision by the list's authority (repair goes through the repair workflow)."""
    list_definition(list_code)
    async with session.begin():
        row, subject = await get_entry(session, entry_id)
        if row.list_code != list_code:
            raise NotFound(f"名单{list_code}中没有记录{entry_id}", f"No entry {entry_id} on {list_code}")
        if data["reason"] not in (RemovalReason.REVOCATION, RemovalReason.COURT_DECISION):
            raise RuleViolation(
                "此处只能以撤销或法院裁判移出；信用修复请走修复程序，期满自动移出",
                "Only revocation or a court decision here; repair has its own workflow and "
                "expiry happens by itself",
                code="removal_reason",
            )
        await end_entry(
            session,
            outbox,
            vault,
            row,
            subject,
            reason=data["reason"],
            on=data.get("removed_on") or business_date(),
            by=principal.org,
            note=data.get("note") or "",
        )
    return row


async def expire_due(
    session: AsyncSession, now: datetime, *, outbox: Outbox | None = None, vault: IdVault | None = None
) -> str:
    """Scheduler job: entries whose expiry date has come end by expiry (emits .removed once; safe twice)."""
    from anyang_credit.service.subjects import session_vault
    from govkit.clock import business_date

    outbox = outbox or Outbox(kit.outbox, source="credit")
    vault = vault or session_vault(session)
    day = business_date(now)
    rows = (
        await session.execute(
            select(ListEntryRow, Subject)
            .join(Subject, Subject.id == ListEntryRow.subject_id)
            .where(
                ListEntryRow.removed_on.is_(None),
                ListEntryRow.expiry_date.is_not(None),
                ListEntryRow.expiry_date <= day,
            )
            .order_by(ListEntryRow.expiry_date)
            .limit(1000)
        )
    ).all()
    for row, subject in rows:
        ended = dl.expire(to_domain(row))
        row.removed_on, row.removal_reason, row.removed_by = (
            ended.removed_on,
            RemovalReason.EXPIRY.value,
            "system",
        )
        row.updated_at = row.removed_at = utcnow()
        await session.flush()
        await _emit(session, outbox, "removed", row, subject, vault)
        await audit.record(
            session,
            kit,
            "list.entry.expire",
            "list_entry",
            row.id,
            {"removed_on": row.removed_on.isoformat()},
        )
        await _recompute(session, subject.id)
    return f"expired {len(rows)}"


# ---------------------------------------------------------------- national imports


def _import_item_problem(item: dict, principal: Principal) -> dict | None:
    try:
        definition = LISTS[ListCode(item.get("list_code"))]
    except ValueError:
        return {"field": "list_code", "message": f"未知名单：{item.get('list_code')}"}
    decision = dl.may_manage(definition.code, principal.org)  # the credit lead too: only a list's authority
    if not decision:
        return {"field": "list_code", "code": "not_authority", "message": decision.reason,
                "basis": decision.basis}
    prov = item.get("provenance") or {}
    if prov.get("source") not in NATIONAL_SOURCES:
        return {
            "field": "provenance.source",
            "message": f"来源须为：{'、'.join(sorted(NATIONAL_SOURCES))}",
            "basis": BASIS_IMPORT,
        }
    if not prov.get("source_id") or not prov.get("retrieved_at"):
        return {"field": "provenance", "message": "须载明来源编号和获取时间", "basis": BASIS_IMPORT}
    return None


async def list_entries(session: AsyncSession, list_code: str, *, effective_on: date | None, limit: int,
                       offset: int) -> tuple[list, int]:
    """(entry, subject) pairs of one list, optionally only those in force on a date, with their total."""
    definition = list_definition(list_code)
    q = (select(ListEntryRow, Subject).join(Subject, Subject.id == ListEntryRow.subject_id)
         .where(ListEntryRow.list_code == list_code))
    if effective_on is not None:
        q = q.where(_check_conditions(effective_on, [definition.code]))
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    q = q.order_by(ListEntryRow.effective_date, ListEntryRow.id).limit(limit).offset(offset)
    return list((await session.execute(q)).all()), total


async def import_entries(
    *, session: AsyncSession, principal: Principal, outbox: Outbox, vault: IdVault, items: Sequence[dict]
) -> list[dict]:
    """Bulk import of national entries as one batch: each item on its own (refused with its reasons, else
    idempotent on list + source id or list + decision number: created | unchanged | conflict), looked up and
    written with a few statements per batch; the subjects' grades recomputed once."""
    results: dict[int, dict] = {}
    parsed: list[tuple[int, dl.ListEntry, dict, dict]] = []
    for i, item in enumerate(items):
        out = {"index": i, "list_code": item.get("list_code"),
               "source_id": (item.get("provenance") or {}).get("source_id")}
        bad = _import_item_problem(item, principal)
        if bad is not None:
            results[i] = out | {"result": "refused", "errors": [bad]}
            continue
        try:
            code = validate_subject_code(item["subject_code"])
        except InvalidIdentifier as e:
            results[i] = out | {"result": "refused", "errors": [{"field": "subject_code", "message": str(e)}]}
            continue
        prov = dict(item["provenance"])
        prov["retrieved_at"], prov["source"] = str(prov["retrieved_at"]), NATIONAL_SOURCES[prov["source"]]
        entry = dl.ListEntry(
            "new", code, ListCode(item["list_code"]),
            item.get("authority") or "", item.get("legal_basis") or "", item.get("decision_number") or "",
            item["effective_date"], item.get("expiry_date"),
            provenance=dl.Provenance(prov["source"], prov["retrieved_at"], prov["source_id"]))
        errors = dl.validate_entry(entry)
        if errors:
            results[i] = out | {"result": "refused", "errors": [e.as_dict() for e in errors],
                                "basis": dl.BASIS_NO_GENERALISATION}
            continue
        results[i] = out
        parsed.append((i, entry, prov, item))
    async with session.begin():
        new: dict[str, dict] = {}  # the first item naming a subject describes a new one
        for _, entry, _, item in parsed:
            new.setdefault(entry.subject_code, {"name": item.get("subject_name") or ""})
        subjects = await ensure_subjects(session, vault, new)
        stored = await _entries_by_key(session, [(e.list_code.value, p["source_id"], e.decision_number.strip())
                                                 for _, e, p, _ in parsed])
        created: list[ListEntryRow] = []
        for i, entry, prov, item in parsed:
            subject_id = subjects[entry.subject_code]
            keys = (("source", entry.list_code.value, prov["source_id"]),
                    ("decision", entry.list_code.value, entry.decision_number.strip()))
            existing = stored.get(keys[0]) or stored.get(keys[1])
            if existing is not None:
                same = _same(existing, subject_id, {
                    "legal_basis": entry.legal_basis.strip(), "effective_date": entry.effective_date,
                    "expiry_date": entry.expiry_date, "decision_number": entry.decision_number.strip()})
                results[i] |= {"result": "unchanged" if same else "conflict", "entry_id": existing.id}
                continue
            row = _new_row(subject_id, entry, principal, source=prov["source"], provenance=prov,
                           subject_name=item.get("subject_name") or "")
            stored.update(dict.fromkeys(keys, row))
            created.append(row)
            results[i] |= {"result": "created", "entry_id": row.id}
        session.add_all(created)
        await session.flush()
        await _announce_created(session, outbox, vault, created)
        await audit.record_many(session, kit, "list.entry.import", "list_entry", [
            (row.id, {"list": row.list_code, "provenance": row.provenance}) for row in created])
        await recompute_grades(session, [row.subject_id for row in created])
    return [results[i] for i in sorted(results)]


async def _entries_by_key(session: AsyncSession, keys: list[tuple[str, str, str]]) -> dict[tuple, ListEntryRow]:
    """Stored entries by ("source", list, source id) and ("decision", list, decision number), for a batch's
    (list, source id, decision number) keys; a query per `chunks` of keys."""
    found: dict[tuple, ListEntryRow] = {}
    for part in chunks(keys):
        rows = (await session.execute(select(ListEntryRow).where(or_(
            tuple_(ListEntryRow.list_code, ListEntryRow.source_id).in_([(c, s) for c, s, _ in part]),
            tuple_(ListEntryRow.list_code, ListEntryRow.decision_number).in_([(c, d) for c, _, d in part]))
        ))).scalars()
        for row in rows:
            found[("source", row.list_code, row.source_id)] = row
            found[("decision", row.list_code, row.decision_number)] = row
    return found


async def _announce_created(session: AsyncSession, outbox: Outbox, vault: IdVault,
                            rows: list[ListEntryRow]) -> None:
    """credit.blacklist.added for each new entry already in force, in the batch's order."""
    ids = list({row.subject_id for row in rows})
    subjects = {s.id: s for part in chunks(ids) for s in (await session.execute(
        select(Subject).where(Subject.id.in_(part)))).scalars()}
    for row in rows:
        await _announce_if_in_force(session, outbox, row, subjects[row.subject_id], vault)


# ---------------------------------------------------------------- check


def _check_conditions(as_of: date, wanted: Iterable[ListCode], known_until: datetime | None = None):
    """Entries in force on `as_of` — as known now, or as known at `known_until` (listed before it, a removal
    recorded after it not yet known: issue #10 item 8)."""
    removal_known = or_(ListEntryRow.removed_on.is_(None), ListEntryRow.removed_on > as_of)
    if known_until is not None:
        removal_known = or_(removal_known, ListEntryRow.removed_at >= known_until)
    return and_(
        ListEntryRow.list_code.in_([c.value for c in wanted]),
        ListEntryRow.effective_date <= as_of,
        or_(ListEntryRow.expiry_date.is_(None), ListEntryRow.expiry_date > as_of),
        removal_known,
        *([ListEntryRow.created_at < known_until] if known_until is not None else []),
    )


async def check_codes(
    session: AsyncSession,
    vault: IdVault,
    codes: Sequence[str],
    as_of: date,
    lists: Sequence[str] | None = None,
    known_until: datetime | None = None,
) -> list[dict]:
    """One query for the whole batch: entries effective on `as_of`, per requested code, with basis; with
    `known_until`, as known then (a report as of a past date)."""
    try:
        wanted = tuple(sorted(ListCode(c) for c in lists)) if lists else tuple(sorted(LISTS))
    except ValueError as e:
        raise RuleViolation(f"未知名单：{e}", f"Unknown list: {e}", code="unknown_list") from None
    hash_to_code: dict[str, str] = {}
    normalised: list[tuple[str, str | None, str | None]] = []  # (given, code, error)
    for given in codes:
        try:
            code = validate_subject_code(given)
        except InvalidIdentifier as e:
            normalised.append((given, None, str(e)))
            continue
        normalised.append((given, code, None))
        for h in vault.lookup_hashes(code):
            hash_to_code[h] = code
    by_code: dict[str, list[dl.ListEntry]] = {}
    if hash_to_code:
        rows = (
            await session.execute(
                select(ListEntryRow, Subject.code_hash)
                .join(Subject, Subject.id == ListEntryRow.subject_id)
                .where(Subject.code_hash.in_(list(hash_to_code)), _check_conditions(as_of, wanted, known_until))
            )
        ).all()
        for row, code_hash in rows:
            code = hash_to_code[code_hash]
            by_code.setdefault(code, []).append(known_entry(row, known_until, code))
    out = []
    for given, code, error in normalised:
        if error is not None:
            out.append({"subject_code": given, "valid": False, "error": error, "listed": None, "hits": []})
            continue
        result = dl.check(by_code.get(code, []), as_of, subject_code=code, lists=wanted).as_dict()
        out.append({"valid": True, **result, "subject_code": mask_if_person(code)})  # never an ID number in clear
    return out


async def check_person_ref(session: AsyncSession, person_ref: str, as_of: date,
                           lists: Sequence[str] | None = None) -> dict:
    """The check of a natural person named by the platform-wide PersonRef (how another service refers to a
    person: an award nominee), never by the ID number; the person is shown masked, or not at all if unknown."""
    try:
        wanted = tuple(sorted(ListCode(c) for c in lists)) if lists else tuple(sorted(LISTS))
    except ValueError as e:
        raise RuleViolation(f"未知名单：{e}", f"Unknown list: {e}", code="unknown_list") from None
    subject = (await session.execute(select(Subject).where(
        or_(Subject.person_ref == person_ref, Subject.code_hash == person_ref)))).scalars().first()
    masked = subject.code_masked if subject is not None else ""
    rows = [] if subject is None else (await session.execute(select(ListEntryRow).where(
        ListEntryRow.subject_id == subject.id, _check_conditions(as_of, wanted)))).scalars().all()
    result = dl.check([to_domain(r, masked) for r in rows], as_of, subject_code=masked, lists=wanted).as_dict()
    return {"valid": True, **result, "subject_code": masked}


def definitions() -> list[dict]:
    return [
        {
            "code": d.code.value,
            "label": label(d.code).text,
            "name": d.zh,
            "authority": d.authority,
            "has_expiry": d.has_expiry,
            "basis": d.basis,
            "expiry_basis": d.expiry_basis,
        }
        for d in LISTS.values()
    ]
