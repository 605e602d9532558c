"""Joint-punishment lists (失信惩戒): entries by the list's authority, removal, imports, public check."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from anyang_credit.api.deps import VaultDep, page_of
from anyang_credit.domain.public import public_check
from anyang_credit.domain.vocab import label
from anyang_credit.models.lists import ListEntryRow
from anyang_credit.models.subjects import Subject
from anyang_credit.schemas.lists import (
    BatchCheckOut,
    CheckIn,
    CheckOut,
    EntryIn,
    EntryOut,
    ImportIn,
    ImportOut,
    ListDefinitionOut,
    RemovalIn,
)
from anyang_credit.service import lists as svc
from anyang_credit.service.access import require_department
from govkit.auth import OptionalPrincipalDep, PrincipalDep
from govkit.clock import business_date
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/lists", tags=["lists 失信惩戒名单"])


def entry_out(row: ListEntryRow, subject: Subject) -> EntryOut:
    return EntryOut(
        id=row.id,
        list_code=row.list_code,
        list_label=label(row.list_code).text,
        subject_code=subject.code or subject.code_masked,
        subject_name=subject.name,
        reported_subject_name=row.subject_name,
        authority=row.authority,
        legal_basis=row.legal_basis,
        decision_number=row.decision_number,
        effective_date=row.effective_date,
        expiry_date=row.expiry_date,
        removed_on=row.removed_on,
        removal_reason=row.removal_reason,
        removal_reason_label=label(row.removal_reason).text if row.removal_reason else None,
        source=row.source,
        provenance=row.provenance,
    )


@router.get("", summary="失信惩戒名单种类（免登录） / The lists and their authorities (no login)")
async def list_definitions(page: PageDep) -> Page[ListDefinitionOut]:
    """The lists, each with its sole authority and whether entries carry an expiry (public)."""
    return page_of([ListDefinitionOut(**d) for d in svc.definitions()], page)


@router.post("/{list_code}/entries", status_code=201,
             summary="列入名单（如失信被执行人） / Add a list entry (the list's authority only)")
async def add_list_entry(vault: VaultDep,
    list_code: Annotated[str, Path(examples=["dishonest_judgment_debtor"])], body: EntryIn, request: Request,
    session: SessionDep, principal: PrincipalDep
) -> EntryOut:
    """Only the list's authority (department, scope credit.list); legal basis and decision number required.
    Example: as dept-zy on dishonest_judgment_debtor (the same entry sent again answers it)."""
    require_department(principal, "credit.list")
    row = await svc.add_entry(
        session=session,
        principal=principal,
        outbox=request.app.state.outbox,
        vault=vault,
        list_code=list_code,
        data=body.model_dump(),
    )
    _, subject = await svc.get_entry(session, row.id)
    return entry_out(row, subject)


@router.get("/{list_code}/entries", summary="名单条目 / Entries of one list (departments)")
async def list_list_entries(
    list_code: str,
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    effective_on: date | None = None,
) -> Page[EntryOut]:
    """Entries of one list (departments)."""
    require_department(principal, "credit.list")
    rows, total = await svc.list_entries(session, list_code, effective_on=effective_on, limit=page.limit,
                                         offset=page.offset)
    return Page(items=[entry_out(r, s) for r, s in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/entries/{entry_id}", summary="一条名单条目 / One list entry")
async def get_list_entry(entry_id: str, session: SessionDep, principal: PrincipalDep) -> EntryOut:
    require_department(principal, "credit.list")
    row, subject = await svc.get_entry(session, entry_id)
    return entry_out(row, subject)


@router.post("/{list_code}/entries/{entry_id}/removal",
             summary="移出名单 / Remove an entry (revocation or court decision; the list's authority)")
async def remove_list_entry(vault: VaultDep,
    list_code: str,
    entry_id: str,
    body: RemovalIn,
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
) -> EntryOut:
    """Revocation or court decision, by the list's authority only (emits credit.blacklist.removed).
    Example: as dept-zy on one of its list's entries."""
    require_department(principal, "credit.list")
    row = await svc.remove_entry(
        session=session,
        principal=principal,
        outbox=request.app.state.outbox,
        vault=vault,
        list_code=list_code,
        entry_id=entry_id,
        data=body.model_dump(),
    )
    _, subject = await svc.get_entry(session, row.id)
    return entry_out(row, subject)


@router.post("/imports", summary="批量导入国家名单条目 / Import national entries in bulk with provenance")
async def import_list_entries(vault: VaultDep,
    body: ImportIn, request: Request, session: SessionDep, principal: PrincipalDep
) -> ImportOut:
    """National entries with provenance, in bulk, per-entry results; each list only by its own authority
    (CP 四（四）), the credit lead included: an item for another's list is refused.
    Example: as dept-zy (a repeat answers `unchanged`)."""
    require_department(principal, "credit.list")
    results = await svc.import_entries(
        session=session,
        principal=principal,
        outbox=request.app.state.outbox,
        vault=vault,
        items=[i.model_dump() for i in body.items],
    )
    counts: dict[str, int] = {}
    for r in results:
        counts[r["result"]] = counts.get(r["result"], 0) + 1
    return ImportOut(counts=counts, results=results)


@router.get("/check/{subject_code}",
            summary="查询主体是否在名单（免登录） / Is a subject on any list on a date? (no login)")
async def check_subject(vault: VaultDep,
    subject_code: str,
    request: Request,
    session: SessionDep,
    principal: OptionalPrincipalDep,
    as_of: date | None = None,
    lists: list[str] | None = Query(None),
) -> CheckOut:
    """Public: is this subject on any of these lists on `as_of` (default today)? Per-list entry and basis."""
    result = (await svc.check_codes(session, vault, [subject_code], as_of or business_date(), lists))[0]
    if not result["valid"]:
        from govkit.errors import RuleViolation

        raise RuleViolation(
            result["error"],
            result["error"],
            code="invalid_identifier",
            errors=[{"field": "subject_code", "message": result["error"]}],
        )
    return CheckOut(**public_check(result))


@router.get("/check/persons/{person_ref}",
            summary="按个人引用查询名单（免登录） / Is a person, named by its PersonRef, on a list? (no login)")
async def check_person(
    session: SessionDep,
    person_ref: Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="govkit.crypto.PersonRef of the person",
                                    examples=["0" * 64])],
    as_of: date | None = None,
    lists: list[str] | None = Query(None),
) -> CheckOut:
    """Public: the list check of a natural person that another service names by its platform-wide PersonRef
    (PERSON_REF_KEYS; e.g. awards checking an entrepreneur), so the ID number never travels; shown masked."""
    return CheckOut(**await svc.check_person_ref(session, person_ref, as_of or business_date(), lists))


@router.post("/check", summary="批量查询名单（免登录） / Batch check up to 1000 subjects against the lists (no login)")
async def check_subjects(vault: VaultDep,
    body: CheckIn, request: Request, session: SessionDep, principal: OptionalPrincipalDep
) -> BatchCheckOut:
    """Public batch check: up to 1000 codes per call, one query; per code the hits with entry and basis.
    Example: as bank-demo."""
    as_of = body.as_of or business_date()
    results = await svc.check_codes(session, vault, body.subject_codes, as_of, body.lists)
    return BatchCheckOut(as_of=as_of, count=len(results), listed=sum(bool(r["listed"]) for r in results),
                         results=[CheckOut(**public_check(r)) for r in results])
