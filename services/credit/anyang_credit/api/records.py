"""Credit records: batch collection by departments, publication, overdue list, corrections with history,
and the public (no login, masked) view of published records."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request

from anyang_credit.api.deps import page_of
from anyang_credit.domain.public import public_name, public_text
from anyang_credit.domain.publication import publication_basis
from anyang_credit.domain.vocab import RecordCategory, label
from anyang_credit.models.records import CreditRecord
from anyang_credit.models.subjects import Subject
from anyang_credit.schemas.coded import labelled
from anyang_credit.schemas.records import (
    BatchIn,
    BatchOut,
    CategoryOut,
    CorrectionIn,
    DeadlineOut,
    HistoryOut,
    OverdueOut,
    ProvenanceOut,
    PublicRecordOut,
    RecordOut,
    VersionOut,
    WithdrawalIn,
)
from anyang_credit.service import records as svc
from anyang_credit.service.subjects import vault_of
from govkit.auth import OptionalPrincipalDep, PrincipalDep, PrincipalKind, require
from govkit.clock import business_date, utcnow
from govkit.db import SessionDep
from govkit.errors import Forbidden
from govkit.i18n import t
from govkit.ids import SubjectCode
from govkit.pagination import Page, PageDep

router = APIRouter(tags=["records 信用记录"])
REPORTERS = (PrincipalKind.department,)


def _provenance(p: dict | None) -> ProvenanceOut | None:
    if not p or "source" not in p:
        return None
    return ProvenanceOut(**labelled("source", p["source"]), retrieved_at=p["retrieved_at"],
                         source_id=str(p.get("source_id", "")), issuing_authority=p.get("issuing_authority", ""))


def record_out(record: CreditRecord, subject: Subject) -> RecordOut:
    """The full view (reporting department, credit lead, the subject itself); person codes stay masked."""
    return RecordOut(
        id=record.id, subject_code=subject.code or subject.code_masked, subject_name=subject.name,
        reported_subject_name=record.subject_name, **labelled("subject_kind", subject.kind),
        **labelled("category", record.category), department=record.department,
        decision_number=record.decision_number, decision_date=record.decision_date, title=record.title,
        content=record.content, legal_basis=record.legal_basis, **labelled("severity", record.severity),
        amount_fen=record.amount, fields=record.fields or {}, **labelled("status", record.status),
        disputed=record.disputed, published=record.published_at is not None, published_on=record.published_on,
        publication_ended=record.publication_ended_at is not None, reported_on=record.reported_on,
        publication_deadline=DeadlineOut(due_date=record.due_date, provisional=record.due_provisional,
                                         basis=svc.deadline_basis(record)),
        source=record.source, provenance=_provenance(record.provenance), version=record.version)


def public_out(record: CreditRecord, subject: Subject) -> PublicRecordOut:
    """The public projection (domain/public.py): ID numbers first 6 + last 4, persons' names shortened, ID and
    mobile numbers and addresses in the texts masked."""
    person = subject.code is None
    provenance = record.provenance or {}
    return PublicRecordOut(
        id=record.id, subject_code=subject.code_masked if person else subject.code,
        subject_name=public_name(subject.name, person),
        **labelled("subject_kind", subject.kind), **labelled("category", record.category), department=record.department,
        decision_number=record.decision_number, decision_date=record.decision_date,
        title=public_text(record.title), content=public_text(record.content),
        legal_basis=public_text(record.legal_basis),
        **labelled("severity", record.severity), published_on=record.published_on, disputed=record.disputed,
        dispute_note=t("信用主体已提出异议，正在核查", "The subject has objected; under review")
        if record.disputed else None,
        **labelled("source", provenance.get("source")))


@router.post("/records/batch", response_model=BatchOut,
             summary="报送信用记录（批量，逐条受理） / Report records in a batch, each accepted or refused on its own")
async def report_records(body: BatchIn, request: Request, session: SessionDep, principal: PrincipalDep):
    """A department reports as itself (its token's org); each record's result is `created`, `unchanged`
    (same department + decision number, same content), `conflict` (same key, other content: send a
    correction) or `invalid` (with problem-style errors). Up to 5000 records per call.
    Records with `provenance` are imports from national systems (信用中国, 国家企业信用信息公示系统,
    中国执行信息公开网), published at once and without a city publication deadline.
    Example: as dept-scjg (a repeat answers `unchanged`)."""
    require(principal, kinds=REPORTERS)
    if not (principal.has("credit.report") or principal.has("credit.admin")):
        raise Forbidden("缺少权限范围 credit.report", "Missing scope credit.report")
    vault = vault_of(request.app.state.settings)
    return await svc.report_batch(session=session, principal=principal, vault=vault, items=body.records,
                                  publish_now=body.publish, now=utcnow())


@router.get("/records", response_model=Page[RecordOut], summary="本部门报送的记录 / A department's records")
async def list_department_records(session: SessionDep, principal: PrincipalDep, page: PageDep,
                                  department: str | None = None, category: RecordCategory | None = None):
    rows, total = await svc.department_records(session=session, principal=principal, department=department,
                                               category=category, limit=page.limit, offset=page.offset)
    return Page(items=[record_out(r, s) for r, s in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/records/overdue", response_model=Page[OverdueOut],
            summary="逾期未公开/逾期报送的记录 / Records published or reported after their 7-working-day deadline")
async def list_overdue_records(session: SessionDep, principal: PrincipalDep, page: PageDep,
                               department: str | None = None,
                               as_of: Annotated[date | None, Query(description="default: today")] = None):
    """A department sees its own; the credit lead (scope credit.admin) sees every department's
    (CP 二（一）1: 八类信息7个工作日内…公开; 建立信用信息归集通报制度)."""
    as_of = as_of or business_date()
    pairs, total = await svc.overdue_records(session=session, principal=principal, department=department,
                                             as_of=as_of, limit=page.limit, offset=page.offset)
    items = [OverdueOut(record_id=r.id, department=r.department, **labelled("category", r.category),
                        decision_number=r.decision_number, decision_date=r.decision_date, due_date=r.due_date,
                        provisional=r.due_provisional, reported_on=r.reported_on, published_on=r.published_on,
                        reason_code=d.outcome, reason=d.reason, days_late=d.facts.get("days_late"),
                        basis=d.basis, notified=r.overdue_notified_at is not None) for r, d in pairs]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


async def _out(session, record: CreditRecord) -> RecordOut:
    return record_out(record, await session.get(Subject, record.subject_id))


@router.post("/records/{record_id}/publish", response_model=RecordOut,
             summary="公开记录 / Publish a record (reporting department)")
async def publish_record(record_id: str, session: SessionDep, principal: PrincipalDep):
    record = await svc.publish_record(session=session, principal=principal, record_id=record_id,
                                      now=utcnow())
    return await _out(session, record)


@router.post("/records/{record_id}/corrections", response_model=RecordOut,
             summary="更正记录（保留历史） / Correct a record; the previous state is kept as a version")
async def correct_record(record_id: str, body: CorrectionIn, session: SessionDep, principal: PrincipalDep):
    """Example: as dept-scjg on one of its records."""
    changes = body.model_dump(exclude_unset=True, exclude={"reason"})
    record = await svc.correct_record(session=session, principal=principal, record_id=record_id,
                                      changes=changes, reason=body.reason, now=utcnow())
    return await _out(session, record)


@router.post("/records/{record_id}/withdrawal", response_model=RecordOut,
             summary="撤回记录（保留历史） / Withdraw a record; it leaves the public view, history is kept")
async def withdraw_record(record_id: str, body: WithdrawalIn, session: SessionDep, principal: PrincipalDep):
    """Example: as dept-scjg on one of its records."""
    record = await svc.withdraw_record(session=session, principal=principal, record_id=record_id,
                                       reason=body.reason, now=utcnow())
    return await _out(session, record)


@router.get("/records/{record_id}/history", response_model=HistoryOut,
            summary="记录及其历史版本 / A record and its earlier versions")
async def get_record_history(record_id: str, request: Request, session: SessionDep, principal: PrincipalDep):
    record, subject, versions = await svc.record_history(
        session=session, principal=principal, vault=vault_of(request.app.state.settings), record_id=record_id)
    return HistoryOut(record=record_out(record, subject),
                      versions=[VersionOut(version=v.version, reason=v.reason, changed_by=v.changed_by,
                                           changed_at=v.changed_at, snapshot=v.snapshot) for v in versions])


# ---------------------------------------------------------------- public (no login)

public = APIRouter(prefix="/public", tags=["public 公开"])


@public.get("/records", response_model=Page[PublicRecordOut],
            summary="已公开的信用记录（免登录，脱敏） / Published credit records (no login, masked)")
async def search_public_records(request: Request, session: SessionDep, page: PageDep,
                                _principal: OptionalPrincipalDep,
                                subject_code: SubjectCode | None = None,
                                name: Annotated[str | None, Query(max_length=100,
                                                                  description="legal entities only")] = None,
                                category: RecordCategory | None = None, department: str | None = None):
    """Active, published records whose publication has not ended. A natural person's records are found by
    the exact ID number only; the answer shows ID numbers masked (first 6 + last 4)."""
    rows, total = await svc.public_records(
        session=session, vault=vault_of(request.app.state.settings), subject_code=subject_code, name=name,
        category=category, department=department, limit=page.limit, offset=page.offset)
    return Page(items=[public_out(r, s) for r, s in rows], total=total, limit=page.limit, offset=page.offset)


@public.get("/records/{record_id}", response_model=PublicRecordOut,
            summary="一条已公开的信用记录 / One published record (no login, masked)")
async def get_public_record(record_id: str, session: SessionDep, _principal: OptionalPrincipalDep):
    record, subject = await svc.public_record(session=session, record_id=record_id)
    return public_out(record, subject)


@public.get("/vocabulary/categories", summary="信用记录类别 / Record categories with labels")
async def list_record_categories(page: PageDep) -> Page[CategoryOut]:
    return page_of([CategoryOut(code=c, label=label(c).text, publication_basis=publication_basis(c))
                    for c in RecordCategory], page)
