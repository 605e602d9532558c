"""Public credit grades: imported provincial/national grade, else the local versioned rule set; industry
grades beside it; grade as of any date; credit.grade.changed on change.

For other modules (part A's record writes): call `await recompute_grade(session, subject_id)` inside
the write's transaction after the record change; it emits `credit.grade.changed` when the public grade
as of today differs from the last one (or, the first time, from the grade of a subject with no records).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain import grading as dg
from anyang_credit.domain.vocab import Grade, PenaltySeverity, RecordCategory, label
from anyang_credit.models import kit
from anyang_credit.models.grades import (
    GradeRuleSetRow,
    GradeWatermark,
    ImportedGradeRow,
    IndustryGradeRow,
    PublicGradeState,
)
from anyang_credit.models.lists import ListEntryRow
from anyang_credit.models.records import CreditRecord, RecordVersion
from anyang_credit.models.subjects import Subject
from anyang_credit.rules import grade_rules_document
from anyang_credit.service.history import known_until, records_known_on
from anyang_credit.service.list_entries import known_entry
from anyang_credit.service.subjects import ensure_subjects
from govkit import audit
from govkit.auth import Principal
from govkit.clock import business_date, utcnow
from govkit.crypto import IdVault
from govkit.db import chunks
from govkit.errors import Conflict, RuleViolation
from govkit.events import Outbox
from govkit.ids import InvalidIdentifier, validate_subject_code

SWEEP_LIMIT = 1000


async def rule_sets(session: AsyncSession) -> list[dg.RuleSet]:
    """Packaged versions (rules/grade_rules.yaml) plus the versions uploaded as data."""
    docs = list(grade_rules_document()["rule_sets"])
    docs += [r.document for r in (await session.execute(select(GradeRuleSetRow))).scalars()]
    return dg.load_rule_sets({"rule_sets": docs})


def _public_on(record: CreditRecord, as_of: date) -> bool:
    """Published (CP 二（一）1) on or before `as_of`: only public records make the public grade."""
    return record.published_at is not None and business_date(record.published_at) <= as_of


def scored(record: CreditRecord) -> dg.ScoredRecord | None:
    """What the grade uses of A's record; a withdrawn (wrong) record never counts, a repaired one ends."""
    if record.status == "withdrawn":
        return None
    try:
        category = RecordCategory(record.category)
    except ValueError:
        return None
    ended = business_date(record.publication_ended_at) if record.publication_ended_at else None
    return dg.ScoredRecord(
        record.id,
        category,
        record.decision_date,
        PenaltySeverity(record.severity) if record.severity else None,
        ended,
    )


async def grades_for(
    session: AsyncSession, subject_ids: Sequence[str], as_of: date, sets: list[dg.RuleSet] | None = None
) -> dict[str, dg.PublicGrade]:
    """Public grades of many subjects as of a date, from what was known by the end of that day: records as
    reported, corrected, withdrawn, published and repaired by then, list entries and their removals recorded by
    then, evaluations imported by then (few queries, in chunks)."""
    sets = sets if sets is not None else await rule_sets(session)
    rule_set = dg.rule_set_at(sets, as_of)
    records: dict[str, list[dg.ScoredRecord]] = {}
    entries: dict[str, list] = {}
    imported: dict[str, dg.ImportedGrade] = {}
    ids = list(dict.fromkeys(subject_ids))
    known = known_until(as_of)  # what was known by the end of that day (issue #10 item 8)
    for part in chunks(ids):
        for r in await records_known_on(session, part, as_of):
            s = scored(r) if _public_on(r, as_of) else None  # an unpublished record affects nothing public
            if s is not None:
                records.setdefault(r.subject_id, []).append(s)
        for e in (
            await session.execute(
                select(ListEntryRow).where(
                    ListEntryRow.subject_id.in_(part), ListEntryRow.effective_date <= as_of,
                    ListEntryRow.created_at < known,
                )
            )
        ).scalars():
            entries.setdefault(e.subject_id, []).append(known_entry(e, known))
        rows = (
            await session.execute(
                select(ImportedGradeRow)
                .where(ImportedGradeRow.subject_id.in_(part), ImportedGradeRow.evaluated_on <= as_of,
                       ImportedGradeRow.imported_at < known)
                .order_by(ImportedGradeRow.evaluated_on, ImportedGradeRow.id)
            )
        ).scalars()
        for g in rows:  # the latest evaluation on or before as_of wins
            imported[g.subject_id] = dg.ImportedGrade(Grade(g.grade), g.source, g.evaluated_on, g.reference)
    out = {}
    for sid in ids:
        local = dg.compute_grade(records.get(sid, []), entries.get(sid, []), as_of, rule_set)
        out[sid] = dg.choose_public_grade(imported.get(sid), local)
    return out


async def industry_grades(session: AsyncSession, subject_id: str, as_of: date) -> list[dict]:
    rows = (
        await session.execute(
            select(IndustryGradeRow)
            .where(IndustryGradeRow.subject_id == subject_id, IndustryGradeRow.evaluated_on <= as_of,
                   IndustryGradeRow.recorded_at < known_until(as_of))
            .order_by(IndustryGradeRow.evaluated_on, IndustryGradeRow.id)
        )
    ).scalars()
    latest: dict[tuple[str, str], IndustryGradeRow] = {}
    for r in rows:
        latest[(r.industry, r.department)] = r
    return [
        {
            "industry": r.industry,
            "department": r.department,
            "grade": r.grade,
            "evaluated_on": r.evaluated_on.isoformat(),
            "reference": r.reference,
        }
        for r in latest.values()
    ]


def grade_view(pg: dg.PublicGrade, as_of: date) -> dict[str, Any]:
    local = pg.local.as_dict() if pg.local else None
    explanation = [c["reason"] + f"：{c['points']:+g}" for c in (local or {}).get("contributions", [])]
    return {
        "grade": pg.grade.value,
        "grade_label": label(pg.grade).text,
        "source": pg.source,
        "as_of": as_of.isoformat(),
        "basis": pg.basis,
        "imported": (
            {
                "grade": pg.imported.grade.value,
                "source": pg.imported.source,
                "evaluated_on": pg.imported.evaluated_on.isoformat(),
                "reference": pg.imported.reference,
            }
            if pg.imported
            else None
        ),
        "local": local,
        "explanation": explanation,
    }


async def grade_of(session: AsyncSession, subject: Subject, as_of: date) -> dict[str, Any]:
    pg = (await grades_for(session, [subject.id], as_of))[subject.id]
    return grade_view(pg, as_of) | {"industry_grades": await industry_grades(session, subject.id, as_of)}


async def _baseline_grade(session: AsyncSession, on: date) -> Grade:
    return dg.compute_grade([], [], on, dg.rule_set_at(await rule_sets(session), on)).grade


async def recompute_grade(
    session: AsyncSession, subject_id: str, *, outbox: Outbox | None = None, on: date | None = None
) -> dg.PublicGrade:
    """Inside the caller's transaction: recompute today's public grade; credit.grade.changed on change."""
    return (await recompute_grades(session, [subject_id], outbox=outbox, on=on))[subject_id]


async def recompute_grades(
    session: AsyncSession, subject_ids: Sequence[str], *, outbox: Outbox | None = None, on: date | None = None
) -> dict[str, dg.PublicGrade]:
    """`recompute_grade` for many subjects (a batch, a job) with a few queries per `chunks` of subjects; events in
    the subjects' order."""
    on = on or business_date()
    outbox = outbox or Outbox(kit.outbox, source="credit")
    ids = list(dict.fromkeys(subject_ids))
    grades = await grades_for(session, ids, on)
    baseline = None
    for part in chunks(ids):
        states = {s.subject_id: s for s in (await session.execute(
            select(PublicGradeState).where(PublicGradeState.subject_id.in_(part)))).scalars()}
        changed: dict[str, Grade] = {}
        for sid in part:
            pg, state = grades[sid], states.get(sid)
            if state is not None:
                previous = Grade(state.grade)
            else:  # the first time: compared with the grade of a subject with no records
                baseline = previous = baseline or await _baseline_grade(session, on)
                state = PublicGradeState(subject_id=sid)
                session.add(state)
            if pg.grade != previous:
                changed[sid] = previous
            state.grade, state.source = pg.grade.value, pg.source
            state.rule_set_version = pg.local.rule_set_version if pg.local else None
            state.computed_on, state.computed_at = on, utcnow()
        subjects = {s.id: s for s in (await session.execute(
            select(Subject).where(Subject.id.in_(list(changed))))).scalars()} if changed else {}
        for sid, previous in changed.items():
            await _emit_changed(session, outbox, subjects[sid], previous, grades[sid], on)
    await session.flush()
    return grades


async def _emit_changed(session: AsyncSession, outbox: Outbox, subject: Subject, previous: Grade,
                        pg: dg.PublicGrade, on: date) -> None:
    code = subject.code or subject.code_masked
    version = pg.local.rule_set_version if pg.local else None
    await outbox.emit(session, "credit.grade.changed", code, {
        "subject_code": code, "subject_name": subject.name, "previous_grade": previous.value,
        "grade": pg.grade.value, "source": pg.source, "rule_set_version": version, "as_of": on.isoformat(),
        "basis": pg.basis})
    await audit.record(session, kit, "grade.changed", "subject", subject.id,
                       {"from": previous.value, "to": pg.grade.value, "source": pg.source})


async def recompute_touched(session: AsyncSession, now: datetime) -> str:
    """Scheduler job: subjects whose records, list entries or imported grades changed since the last run,
    and (ageing, expiry) a sweep of grades last computed before today. Safe to run twice."""
    mark = await session.get(GradeWatermark, "grades")
    since = mark.seen_until if mark else datetime(1970, 1, 1, tzinfo=now.tzinfo)
    touched: set[str] = set()
    queries = [
        select(CreditRecord.subject_id).where(CreditRecord.reported_at > since),
        select(CreditRecord.subject_id).where(CreditRecord.publication_ended_at > since),
        select(CreditRecord.subject_id).where(CreditRecord.updated_at > since),
        select(CreditRecord.subject_id)
        .join(RecordVersion, RecordVersion.record_id == CreditRecord.id)
        .where(RecordVersion.changed_at > since),
        select(ListEntryRow.subject_id).where(ListEntryRow.updated_at > since),
        select(ImportedGradeRow.subject_id).where(ImportedGradeRow.imported_at > since),
    ]
    for q in queries:
        touched.update((await session.execute(q.distinct())).scalars())
    day = business_date(now)
    stale = (
        await session.execute(
            select(PublicGradeState.subject_id).where(PublicGradeState.computed_on < day).limit(SWEEP_LIMIT)
        )
    ).scalars()
    touched.update(stale)
    await recompute_grades(session, sorted(touched), on=day)
    if mark is None:
        session.add(GradeWatermark(name="grades", seen_until=now))
    else:
        mark.seen_until = now
    return f"recomputed {len(touched)}"


# ---------------------------------------------------------------- imports and rule sets


async def import_grades(
    *, session: AsyncSession, principal: Principal, vault: IdVault, items: Sequence[dict]
) -> list[dict]:
    """Provincial/national grades (fgw, credit.admin); idempotent on subject + source + evaluated_on; the
    public grades of the subjects given a new one recomputed (credit.grade.changed on change)."""
    now = utcnow()
    async with session.begin():
        results, created = await _store_evaluations(
            session, vault, items, ImportedGradeRow, ("subject_id", "source", "evaluated_on"),
            lambda item, subject_id: {
                "subject_id": subject_id, "grade": Grade(item["grade"]).value, "source": item["source"],
                "evaluated_on": item["evaluated_on"], "reference": item.get("reference") or "",
                "imported_at": now, "imported_by": principal.org})
        await audit.record_many(session, kit, "grade.import", "subject", [
            (row["subject_id"], {"grade": row["grade"], "source": row["source"],
                                 "evaluated_on": row["evaluated_on"].isoformat()}) for row in created])
        await recompute_grades(session, [row["subject_id"] for row in created])
    return results


async def record_industry_grades(
    *, session: AsyncSession, principal: Principal, vault: IdVault, items: Sequence[dict]
) -> list[dict]:
    """A department records its industry evaluation (行业信用评价) of subjects; department = principal.org;
    idempotent on subject + industry + department + evaluated_on."""
    now = utcnow()
    async with session.begin():
        results, created = await _store_evaluations(
            session, vault, items, IndustryGradeRow, ("subject_id", "industry", "department", "evaluated_on"),
            lambda item, subject_id: {
                "subject_id": subject_id, "industry": item["industry"], "department": principal.org,
                "grade": item["grade"], "evaluated_on": item["evaluated_on"],
                "reference": item.get("reference") or "", "recorded_at": now})
        await audit.record_many(session, kit, "grade.industry", "subject", [
            (row["subject_id"], {"industry": row["industry"], "grade": row["grade"]}) for row in created])
    return results


async def _store_evaluations(
    session: AsyncSession, vault: IdVault, items: Sequence[dict], model: type[ImportedGradeRow | IndustryGradeRow],
    key: tuple[str, ...], values: Callable[[dict, str], dict],
) -> tuple[list[dict], list[dict]]:
    """Imports and industry grades alike, as one batch: an item whose code is invalid is refused; each key
    (`key`'s columns) is stored once — sent again with the same grade it is `unchanged`, with another a
    `conflict` — and the new rows in one INSERT. The per-item results, in order, and the rows created."""
    results: dict[int, dict] = {}
    codes: dict[int, str] = {}
    new: dict[str, dict] = {}  # the first item naming a subject describes a new one
    for i, item in enumerate(items):
        try:
            codes[i] = validate_subject_code(item["subject_code"])
        except InvalidIdentifier as e:
            results[i] = {"index": i, "result": "refused",
                          "errors": [{"field": "subject_code", "message": str(e)}]}
            continue
        new.setdefault(codes[i], {"name": item.get("subject_name") or ""})
    subjects = await ensure_subjects(session, vault, new)
    stored: dict[tuple, str] = {}  # key → grade, of what is stored and what this batch adds
    for part in chunks(sorted(set(subjects.values()))):
        rows = await session.execute(
            select(*(getattr(model, c) for c in key), model.grade).where(model.subject_id.in_(part)))
        stored.update({tuple(row[:-1]): row[-1] for row in rows})
    created = []
    for i, code in codes.items():
        row = values(items[i], subjects[code])
        k = tuple(row[c] for c in key)
        if k in stored:
            results[i] = {"index": i, "result": "unchanged" if stored[k] == row["grade"] else "conflict"}
            continue
        stored[k] = row["grade"]
        created.append(row)
        results[i] = {"index": i, "result": "created"}
    if created:
        await session.execute(insert(model.__table__), created)
    return [results[i] for i in sorted(results)], created


def rule_set_view(rs: dg.RuleSet, origin: str) -> dict:
    return {
        "version": rs.version,
        "valid_from": rs.valid_from.isoformat(),
        "reference": rs.reference,
        "origin": origin,
        "baseline": rs.baseline,
        "thresholds": [{"grade": g.value, "min_score": m} for g, m in rs.thresholds],
        "list_forces": {k.value: v.value for k, v in rs.list_forces.items()},
        "decay": {
            "method": rs.decay.method,
            "period_years": rs.decay.period_years,
            "max_age_years": rs.decay.max_age_years,
            "over_years": rs.decay.over_years,
        },
        "points": {
            c.value: (
                {"by_severity": {s.value: p for s, p in v.by_severity.items()}}
                if v.by_severity
                else {"points": v.points}
            )
            for c, v in rs.points.items()
        },
    }


async def list_rule_sets(session: AsyncSession) -> list[dict]:
    uploaded = {r.version for r in (await session.execute(select(GradeRuleSetRow))).scalars()}
    return [
        rule_set_view(rs, "uploaded" if rs.version in uploaded else "packaged")
        for rs in await rule_sets(session)
    ]


async def upload_rule_set(*, session: AsyncSession, principal: Principal, document: dict) -> dict:
    """A new rule-set version as data (fgw, credit.admin). Interpretation: it may only take effect from
    tomorrow on, so that grades already given for past dates stay as they were."""
    try:
        rs = dg.RuleSet.from_dict(document)
    except (KeyError, ValueError, TypeError) as e:
        raise RuleViolation(
            f"评价规则格式有误：{e}", f"Invalid rule set: {e}", code="invalid_rule_set"
        ) from None
    if rs.valid_from <= business_date():
        raise RuleViolation(
            f"新版本只能自明日起生效（{business_date() + timedelta(days=1)}起）",
            f"A new version can take effect from tomorrow ({business_date() + timedelta(days=1)}) on",
            code="valid_from_not_future",
            extra={"basis": "Interpretation: past grades are not rewritten"},
        )
    async with session.begin():
        existing = await rule_sets(session)
        if rs in existing:  # the same version sent again: answered as uploaded
            return rule_set_view(rs, "uploaded")
        if any(r.version == rs.version or r.valid_from == rs.valid_from for r in existing):
            raise Conflict(
                f"版本{rs.version}或生效日期{rs.valid_from}已存在",
                f"Version {rs.version} or valid_from {rs.valid_from} exists",
            )
        doc = dict(document) | {"valid_from": rs.valid_from.isoformat()}
        session.add(
            GradeRuleSetRow(
                version=rs.version,
                valid_from=rs.valid_from,
                document=doc,
                uploaded_at=utcnow(),
                uploaded_by=principal.org,
            )
        )
        await audit.record(
            session,
            kit,
            "grade.rule_set.upload",
            "grade_rule_set",
            rs.version,
            {"valid_from": rs.valid_from.isoformat()},
        )
    return rule_set_view(rs, "uploaded")
