"""Credit records: batch collection (per-record results, idempotent on department + decision number),
publication and its 7-working-day deadline, overdue list and notice, corrections and withdrawal with
history, the public (masked) view and a subject's own file.

Interpretations (documented in the API):
- Publication is explicit (POST /records/{id}/publish by the reporting department) unless the batch asks
  `publish: true`; records that arrive by event or from commitments/government integrity are published at
  once; records imported from national systems (with provenance) are published at once and carry no city
  deadline (they are not the city departments' own decisions).
- A due date computed provisionally (the year's holiday arrangement not loaded) is recomputed by the overdue
  job; the overdue event is emitted only for a final (non-provisional) due date.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, insert, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain.decision import FieldError
from anyang_credit.domain.publication import no_deadline_reason, overdue_status, record_publication_due
from anyang_credit.domain.records import catalogue_check, fingerprint, validate_record
from anyang_credit.domain.subjects import BASIS_CODE, kinds_of_code
from anyang_credit.domain.vocab import RecordStatus, label
from anyang_credit.models import kit
from anyang_credit.models.catalogue import CatalogueEntry, CatalogueVersion
from anyang_credit.models.commitments import CreditCommitment
from anyang_credit.models.objections import Objection
from anyang_credit.models.records import CreditRecord, RecordVersion
from anyang_credit.models.subjects import Subject
from anyang_credit.rules import default_parameters
from anyang_credit.schemas.records import RecordIn
from anyang_credit.service.subjects import ensure_subjects
from govkit import audit
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date
from govkit.crypto import IdVault
from govkit.db import chunks, transaction, transactional
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation
from govkit.i18n import t
from govkit.rules.periods import Deadline

OVERDUE_EVENT = "credit.publication.overdue"


def due_of(category: str, decision_date: date, source: str) -> tuple[date | None, bool]:
    """(due date, provisional) of a 十公示 record reported by a city department; none for national imports /
    other kinds, nor for a decision made before its rule was issued (domain.publication.publication_rule)."""
    deadline = None
    if source != "national":
        deadline = record_publication_due(category, decision_date, default_parameters())
    return (deadline.due if deadline else None), bool(deadline and deadline.provisional)


def set_deadline(record: CreditRecord) -> None:
    record.due_date, record.due_provisional = due_of(record.category, record.decision_date, record.source)


def recomputed_due(record: CreditRecord, calendar) -> Deadline:
    """The publication deadline counted again on `calendar` (govkit.rules.provisional's job)."""
    return record_publication_due(record.category, record.decision_date, default_parameters(), calendar)


def deadline_basis(record: CreditRecord) -> str | None:
    """The rule that set the due date, or why a 十公示 record has none (decided before its rule)."""
    if record.source == "national":
        return None
    if record.due_date is None:
        return no_deadline_reason(record.category, record.decision_date, default_parameters())
    deadline = record_publication_due(record.category, record.decision_date, default_parameters())
    return deadline.explain() if deadline else None


def publish(record: CreditRecord, now: datetime) -> None:
    if record.published_at is None:
        record.published_at = now
        record.published_on = business_date(now)


CONTENT_COLUMNS = ("subject_id", "category", "decision_date", "title", "content", "legal_basis", "severity",
                   "amount", "fields")


def content_of(columns: dict[str, Any]) -> dict[str, Any]:
    """A record's content (what its fingerprint covers) from its column values."""
    return {"subject_code": columns["subject_id"], "category": columns["category"],
            "decision_date": columns["decision_date"], "title": columns["title"], "content": columns["content"],
            "legal_basis": columns["legal_basis"], "severity": columns["severity"], "amount_fen": columns["amount"],
            "fields": columns["fields"] or {}}


def content_values(record: CreditRecord) -> dict[str, Any]:
    return content_of({c: getattr(record, c) for c in CONTENT_COLUMNS})


def record_values(subject_id: str, *, subject_name: str, category: str, department: str, decision_number: str,
                  decision_date: date, title: str, legal_basis: str, now: datetime, content: str = "",
                  severity: str | None = None, amount_fen: int | None = None, fields: dict | None = None,
                  source: str = "department", provenance: dict | None = None, published: bool = False,
                  due: tuple[date | None, bool] | None = None, record_id: str | None = None) -> dict[str, Any]:
    """The columns of a new record, with its deadline (`due` when the caller has it) and content fingerprint;
    `subject_name` is the name the department sent (it never renames the subject); `record_id`: a fixed id,
    for the demo data the request examples name."""
    category = str(category)
    due_date, provisional = due or due_of(category, decision_date, source)
    columns = {
        "id": record_id or str(uuid.uuid4()), "subject_id": subject_id, "subject_name": subject_name,
        "category": category, "department": department, "decision_number": decision_number,
        "decision_date": decision_date, "title": title, "content": content or "", "legal_basis": legal_basis,
        "severity": str(severity) if severity else None, "amount": amount_fen, "fields": fields or {},
        "reported_at": now, "reported_on": business_date(now), "due_date": due_date, "due_provisional": provisional,
        "published_at": now if published else None, "published_on": business_date(now) if published else None,
        "status": RecordStatus.ACTIVE.value, "disputed": False, "source": source, "provenance": provenance,
        "version": 1}
    return columns | {"content_hash": fingerprint(content_of(columns))}


def new_record(session: AsyncSession, subject: Subject, *, subject_name: str | None = None, **kw: Any
               ) -> CreditRecord:
    """Add a record (inside the caller's transaction): `record_values`' columns; the subject's own name
    unless the department sent one."""
    record = CreditRecord(**record_values(subject.id, subject_name=subject.name if subject_name is None
                                          else subject_name, **kw))
    session.add(record)
    return record


async def find_record(session: AsyncSession, department: str, decision_number: str) -> CreditRecord | None:
    return (await session.execute(select(CreditRecord).where(
        CreditRecord.department == department, CreditRecord.decision_number == decision_number))).scalars().first()


# ---------------------------------------------------------------- batch collection


def _item_errors(errors: Iterable[FieldError]) -> list[dict]:
    return [e.as_dict() for e in errors]


def _validation_errors(exc: ValidationError) -> list[dict]:
    out = []
    for err in exc.errors():
        msg = str(err.get("msg", ""))
        msg = msg[len("Value error, "):] if msg.startswith("Value error, ") else msg
        out.append({"field": ".".join(str(p) for p in err.get("loc", ())) or "record",
                    "code": str(err.get("type", "invalid")), "message": msg})
    return out


async def _catalogue_for(session: AsyncSession, department: str) -> list[tuple[date, dict[str, list[str]]]]:
    """Catalogue versions (newest first) with this department's required fields per category."""
    versions = (await session.execute(select(CatalogueVersion).order_by(
        CatalogueVersion.valid_from.desc()))).scalars().all()
    if not versions:
        return []
    entries = (await session.execute(select(CatalogueEntry).where(
        CatalogueEntry.department == department))).scalars().all()
    by_version: dict[int, dict[str, list[str]]] = {}
    for e in entries:
        by_version.setdefault(e.version_id, {})[e.category] = list(e.fields or [])
    return [(v.valid_from, by_version.get(v.id, {})) for v in versions]


def _catalogue_on(catalogue: list[tuple[date, dict[str, list[str]]]], on: date) -> dict[str, list[str]] | None:
    for valid_from, items in catalogue:
        if valid_from <= on:
            return items
    return None


async def report_batch(*, session: AsyncSession, principal: Principal, vault: IdVault,
                       items: list[dict[str, Any]], publish_now: bool, now: datetime,
                       ids: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Accept or refuse each record on its own (validate first, then write): created / unchanged /
    conflict / invalid, in one transaction. `ids`: fixed record ids by decision number (demo data)."""
    for attempt in (1, 2):
        try:
            async with transaction(session):
                return await _report_batch(session=session, principal=principal, vault=vault, items=items,
                                           publish_now=publish_now, now=now, ids=ids or {})
        except IntegrityError:
            # a concurrent batch wrote one of these keys first: run again, it is now `unchanged` / `conflict`
            if attempt == 2:
                raise Conflict("并发报送冲突，请重试", "A concurrent report wrote the same records; retry") from None
    raise AssertionError("unreachable")


async def _report_batch(*, session: AsyncSession, principal: Principal, vault: IdVault,
                        items: list[dict[str, Any]], publish_now: bool, now: datetime,
                        ids: Mapping[str, str]) -> dict[str, Any]:
    department = principal.org
    today = business_date(now)
    results: list[dict[str, Any]] = []
    parsed: list[tuple[int, RecordIn]] = []
    catalogue = await _catalogue_for(session, department)
    for index, raw in enumerate(items):
        try:
            item = RecordIn.model_validate(raw)
        except ValidationError as exc:
            number = raw.get("decision_number") if isinstance(raw, dict) else None
            results.append({"index": index, "status": "invalid", "decision_number": number,
                            "errors": _validation_errors(exc)})
            continue
        errors = validate_record(category=item.category, decision_date=item.decision_date,
                                 severity=item.severity, today=today)
        if item.subject_kind is not None and item.subject_kind not in kinds_of_code(item.subject_code):
            errors.append(FieldError("subject_kind", "kind_not_of_code",
                                     f"统一社会信用代码{item.subject_code[:2]}开头的主体不能是{item.subject_kind.value}",
                                     f"A code beginning {item.subject_code[:2]} is not a {item.subject_kind.value}",
                                     BASIS_CODE))
        warnings: list[dict] = []
        required = _catalogue_on(catalogue, item.decision_date) if item.provenance is None else None
        if required is not None:
            if item.category in required:
                errors += catalogue_check(required[item.category], item.model_dump())
            else:
                warnings.append({"field": "category", "code": "not_in_catalogue",
                                 "message": t(f"公共信用信息目录未列明本部门报送“{label(item.category).zh}”",
                                              f"The catalogue does not list {item.category} for this department")})
        if errors:
            results.append({"index": index, "status": "invalid", "decision_number": item.decision_number,
                            "errors": _item_errors(errors)})
            continue
        results.append({"index": index, "status": None, "decision_number": item.decision_number,
                        "warnings": warnings})
        parsed.append((index, item))

    numbers = sorted({item.decision_number for _, item in parsed})
    existing: dict[str, tuple[str, str]] = {}  # decision number → (record id, content hash)
    for part in chunks(numbers):
        rows = await session.execute(select(CreditRecord.decision_number, CreditRecord.id,
                                            CreditRecord.content_hash).where(
            CreditRecord.department == department, CreditRecord.decision_number.in_(part)))
        existing.update({number: (rid, digest) for number, rid, digest in rows})
    new_subjects: dict[str, dict] = {}  # the first item naming a subject describes a new one
    for _, item in parsed:
        new_subjects.setdefault(item.subject_code, {"name": item.subject_name, "kind": item.subject_kind})
    subjects = await ensure_subjects(session, vault, new_subjects)

    new_records: list[dict] = []
    deadlines: dict[tuple[str, date, str], tuple[date | None, bool]] = {}  # one count per category and date
    for index, item in parsed:
        result = results[index]
        subject_id = subjects[item.subject_code]
        found = existing.get(item.decision_number)
        if found is not None:
            result["record_id"] = found[0]
            if found[1] == fingerprint(item.model_dump() | {"subject_code": subject_id}):
                result["status"] = "unchanged"
            else:
                result["status"] = "conflict"
                result["correction_path"] = f"/records/{found[0]}/corrections"
                result["errors"] = [{"field": "decision_number", "code": "different_content",
                                     "message": t(f"本部门文书号{item.decision_number}已报送且内容不同；"
                                                  "如需更正请使用更正接口（保留历史）",
                                                  f"Decision {item.decision_number} was already reported with "
                                                  "other content; send a correction (history is kept)")}]
            continue
        provenance = item.provenance.model_dump(mode="json") if item.provenance is not None else None
        source = "national" if provenance else "department"
        key = (str(item.category), item.decision_date, source)
        if key not in deadlines:
            deadlines[key] = due_of(*key)
        values = record_values(
            subject_id, subject_name=item.subject_name, category=item.category, department=department,
            decision_number=item.decision_number, decision_date=item.decision_date, title=item.title,
            content=item.content, legal_basis=item.legal_basis, severity=item.severity,
            amount_fen=item.amount_fen, fields=item.fields, now=now, source=source, provenance=provenance,
            published=publish_now or provenance is not None, due=deadlines[key],
            record_id=ids.get(item.decision_number))
        new_records.append(values)
        existing[item.decision_number] = (values["id"], values["content_hash"])
        result["status"], result["record_id"] = "created", values["id"]
    # bulk: one multi-row INSERT per table (SQLAlchemy's insertmanyvalues), no ORM unit of work
    if new_records:
        await session.execute(insert(CreditRecord.__table__), new_records)
    await audit.record_many(session, kit, "credit.record.report", "credit_record", [
        (r["record_id"], {"department": department, "decision_number": r["decision_number"]})
        for r in results if r["status"] == "created"])
    counts = {k: sum(1 for r in results if r["status"] == k) for k in ("created", "unchanged", "conflict", "invalid")}
    return {"department": department, "counts": counts, "results": results}


# ---------------------------------------------------------------- one record


async def get_record(session: AsyncSession, record_id: str) -> CreditRecord:
    record = await session.get(CreditRecord, record_id)
    if record is None:
        raise NotFound(f"没有信用记录 {record_id}", f"No credit record {record_id}")
    return record


def require_reporting_department(principal: Principal, record: CreditRecord) -> None:
    """Only the department that reported a record may publish, correct or withdraw it."""
    if principal.kind != PrincipalKind.department or principal.org != record.department:
        raise Forbidden(f"该记录由{record.department}报送，只有报送部门可以操作",
                        f"This record was reported by {record.department}; only that department may change it")


def snapshot(record: CreditRecord) -> dict[str, Any]:
    out = {}
    for column in CreditRecord.__table__.columns:
        value = getattr(record, column.key)
        out[column.key] = value.isoformat() if isinstance(value, date | datetime) else value
    return out


async def keep_version(session: AsyncSession, record: CreditRecord, reason: str, by: str, now: datetime) -> None:
    session.add(RecordVersion(record_id=record.id, version=record.version, snapshot=snapshot(record),
                              reason=reason, changed_by=by, changed_at=now))


@transactional
async def publish_record(*, session: AsyncSession, principal: Principal, record_id: str,
                         now: datetime) -> CreditRecord:
    record = await get_record(session, record_id)
    require_reporting_department(principal, record)
    if record.status != RecordStatus.ACTIVE or record.publication_ended_at is not None:
        raise Conflict(f"记录状态为{label(record.status).zh}，不能公开",
                       f"The record is {record.status} and cannot be published")
    if record.published_at is None:
        publish(record, now)
        await audit.record(session, kit, "credit.record.publish", "credit_record", record.id,
                           {"published_on": record.published_on.isoformat()})
    return record


CORRECTABLE = ("title", "content", "legal_basis", "category", "decision_date", "severity", "amount_fen", "fields")


async def apply_correction(session: AsyncSession, record: CreditRecord, changes: dict[str, Any], reason: str,
                           by: str, now: datetime) -> CreditRecord:
    """Keep the current state as a version, then apply the changes (the correction path, with history)."""
    if record.status != RecordStatus.ACTIVE:
        raise Conflict(f"记录状态为{label(record.status).zh}，不能更正",
                       f"The record is {record.status} and cannot be corrected")
    category = changes.get("category") or record.category
    severity = changes.get("severity", record.severity)
    if "category" in changes and category != "administrative_penalty" and "severity" not in changes:
        severity = None
    errors = validate_record(category=category, decision_date=changes.get("decision_date") or record.decision_date,
                             severity=severity, today=business_date(now))
    if errors:
        raise RuleViolation("更正后的记录不符合规则", "The corrected record breaks a rule",
                            errors=_item_errors(errors))
    await keep_version(session, record, reason, by, now)
    for key, value in changes.items():
        setattr(record, "amount" if key == "amount_fen" else key, value)
    record.severity = str(severity) if severity else None
    record.category = str(category)
    record.version += 1
    record.updated_at = now
    record.content_hash = fingerprint(content_values(record))
    set_deadline(record)
    await audit.record(session, kit, "credit.record.correct", "credit_record", record.id,
                       {"reason": reason, "changed": sorted(changes), "version": record.version})
    return record


async def apply_withdrawal(session: AsyncSession, record: CreditRecord, reason: str, by: str,
                           now: datetime) -> CreditRecord:
    """Withdraw (history kept): the record leaves the public view, the previous state stays as a version."""
    if record.status == RecordStatus.WITHDRAWN:
        return record
    await keep_version(session, record, reason, by, now)
    record.status = RecordStatus.WITHDRAWN.value
    record.publication_ended_at = record.publication_ended_at or now
    record.disputed = False
    record.version += 1
    record.updated_at = now
    await audit.record(session, kit, "credit.record.withdraw", "credit_record", record.id, {"reason": reason})
    return record


@transactional
async def correct_record(*, session: AsyncSession, principal: Principal, record_id: str, changes: dict[str, Any],
                         reason: str, now: datetime) -> CreditRecord:
    record = await get_record(session, record_id)
    require_reporting_department(principal, record)
    return await apply_correction(session, record, changes, reason, principal.sub or principal.org, now)


@transactional
async def withdraw_record(*, session: AsyncSession, principal: Principal, record_id: str, reason: str,
                          now: datetime) -> CreditRecord:
    record = await get_record(session, record_id)
    require_reporting_department(principal, record)
    if record.status == RecordStatus.WITHDRAWN:
        raise Conflict("记录已撤回", "The record is already withdrawn")
    return await apply_withdrawal(session, record, reason, principal.sub or principal.org, now)


async def subject_of_principal(session: AsyncSession, vault: IdVault, principal: Principal) -> Subject | None:
    """The subject a principal is (enterprise org = its USCC, person org = its ID number), or None."""
    if principal.kind not in (PrincipalKind.enterprise, PrincipalKind.person) or not principal.org:
        return None
    from anyang_credit.service.subjects import find_subject
    from govkit.ids import InvalidIdentifier

    try:
        return await find_subject(session=session, vault=vault, code=principal.org)
    except InvalidIdentifier:
        return None


async def record_history(*, session: AsyncSession, principal: Principal, vault: IdVault,
                         record_id: str) -> tuple[CreditRecord, Subject, list[RecordVersion]]:
    """History of a record: for its reporting department, the credit lead (credit.admin), or its subject."""
    record = await get_record(session, record_id)
    subject = await session.get(Subject, record.subject_id)
    allowed = (principal.kind == PrincipalKind.department and
               (principal.org == record.department or principal.has("credit.admin")))
    if not allowed:
        own = await subject_of_principal(session, vault, principal)
        allowed = own is not None and own.id == record.subject_id
    if not allowed:
        raise Forbidden("只有报送部门、信用牵头部门或信用主体本人可以查看记录历史",
                        "Only the reporting department, the credit lead or the subject may see the history")
    versions = (await session.execute(select(RecordVersion).where(RecordVersion.record_id == record.id)
                                      .order_by(RecordVersion.version))).scalars().all()
    return record, subject, list(versions)


# ---------------------------------------------------------------- listings


def _with_subjects():
    return select(CreditRecord, Subject).join(Subject, Subject.id == CreditRecord.subject_id)


async def department_records(*, session: AsyncSession, principal: Principal, department: str | None,
                             category: str | None, limit: int, offset: int):
    """A department sees its own records; the credit lead (credit.admin) sees any department's."""
    department = _department_scope(principal, department)
    q = _with_subjects()
    if department:
        q = q.where(CreditRecord.department == department)
    if category:
        q = q.where(CreditRecord.category == category)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = (await session.execute(q.order_by(CreditRecord.reported_at.desc(), CreditRecord.id)
                                  .limit(limit).offset(offset))).all()
    return rows, total


def _department_scope(principal: Principal, department: str | None) -> str | None:
    if principal.kind != PrincipalKind.department:
        raise Forbidden("仅限部门", "Departments only")
    if principal.has("credit.admin"):
        return department
    if department and department != principal.org:
        raise Forbidden(f"部门只能查看本部门（{principal.org}）的记录",
                        f"A department sees only its own ({principal.org}) records")
    return principal.org


def _overdue_query(as_of: date):
    return _with_subjects().where(
        CreditRecord.due_date.is_not(None), CreditRecord.due_date < as_of,
        CreditRecord.status == RecordStatus.ACTIVE.value, CreditRecord.reported_on <= as_of,
        or_(CreditRecord.published_on.is_(None), CreditRecord.published_on > CreditRecord.due_date,
            CreditRecord.reported_on > CreditRecord.due_date))


def overdue_decision(record: CreditRecord, as_of: date):
    published_on = record.published_on if record.published_on and record.published_on <= as_of else None
    return overdue_status(record.due_date, record.reported_on, published_on, as_of, category=record.category)


async def overdue_records(*, session: AsyncSession, principal: Principal, department: str | None, as_of: date,
                          limit: int, offset: int):
    department = _department_scope(principal, department)
    q = _overdue_query(as_of)
    if department:
        q = q.where(CreditRecord.department == department)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = (await session.execute(q.order_by(CreditRecord.due_date, CreditRecord.id).limit(limit)
                                  .offset(offset))).all()
    return [(r, overdue_decision(r, as_of)) for r, _ in rows], total


async def notify_overdue(session: AsyncSession, now: datetime, outbox) -> str:
    """Job: emit credit.publication.overdue ONCE per overdue record (overdue_notified_at) — CP 二（一）1:
    建立信用信息归集通报制度. Provisional due dates wait for govkit's recompute job."""
    today = business_date(now)
    rows = (await session.execute(_overdue_query(today).where(
        CreditRecord.overdue_notified_at.is_(None), CreditRecord.due_provisional.is_(False))
        .order_by(CreditRecord.due_date).limit(1000))).all()
    from govkit.refdata import UnknownUnit, unit

    for record, _subject in rows:
        decision = overdue_decision(record, today)
        if not decision.value:
            continue
        try:
            department_name = unit(record.department).name
        except UnknownUnit:
            department_name = record.department
        await outbox.emit(session, OVERDUE_EVENT, record.department, {
            "record_id": record.id, "department": record.department, "department_name": department_name,
            "category": record.category, "category_label": label(record.category).zh,
            "decision_number": record.decision_number, "decision_date": record.decision_date.isoformat(),
            "due_date": record.due_date.isoformat(), "reported_on": record.reported_on.isoformat(),
            "published_on": record.published_on.isoformat() if record.published_on else None,
            "reason": decision.outcome, "reason_text": decision.reason_zh,
            "days_late": decision.facts.get("days_late"), "basis": decision.basis})
        record.overdue_notified_at = now
        await audit.record(session, kit, "credit.record.overdue_notified", "credit_record", record.id,
                           {"reason": decision.outcome})
    return f"{len(rows)} overdue record(s) notified"


# ---------------------------------------------------------------- public view and own file


async def public_records(*, session: AsyncSession, vault: IdVault, subject_code: str | None, name: str | None,
                         category: str | None, department: str | None, limit: int, offset: int):
    """Published, active, not ended records. A natural person's records are found by the exact ID number
    only (no search by a person's name — README: Privacy)."""
    q = _with_subjects().where(CreditRecord.published_at.is_not(None),
                               CreditRecord.publication_ended_at.is_(None),
                               CreditRecord.status == RecordStatus.ACTIVE.value)
    if subject_code:
        q = q.where(Subject.code_hash.in_(vault.lookup_hashes(subject_code)))
    if name:
        q = q.where(Subject.code.is_not(None), Subject.name.contains(name, autoescape=True))
    if category:
        q = q.where(CreditRecord.category == category)
    if department:
        q = q.where(CreditRecord.department == department)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = (await session.execute(q.order_by(CreditRecord.published_at.desc(), CreditRecord.id)
                                  .limit(limit).offset(offset))).all()
    return rows, total


async def public_record(*, session: AsyncSession, record_id: str):
    row = (await session.execute(_with_subjects().where(
        CreditRecord.id == record_id, CreditRecord.published_at.is_not(None),
        CreditRecord.publication_ended_at.is_(None), CreditRecord.status == RecordStatus.ACTIVE.value))).first()
    if row is None:
        raise NotFound(f"没有已公开的信用记录 {record_id}", f"No published credit record {record_id}")
    return row


async def subject_records(session: AsyncSession, subject: Subject) -> list[CreditRecord]:
    return list((await session.execute(select(CreditRecord).where(CreditRecord.subject_id == subject.id)
                                       .order_by(CreditRecord.decision_date.desc(), CreditRecord.id))).scalars())


async def own_file(*, session: AsyncSession, vault: IdVault, principal: Principal):
    """The caller's subject with every record, commitment and objection (README: the subject's own view)."""
    subject = await subject_of_principal(session, vault, principal)
    if subject is None:
        raise NotFound("尚无您的信用档案", "There is no credit file for you yet")
    records = await subject_records(session, subject)
    commitments = (await session.execute(select(CreditCommitment).where(
        CreditCommitment.subject_id == subject.id).order_by(CreditCommitment.created_at))).scalars().all()
    objections = (await session.execute(select(Objection).where(Objection.subject_id == subject.id)
                                        .order_by(Objection.submitted_at))).scalars().all()
    return subject, records, commitments, objections
