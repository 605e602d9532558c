"""Finding and registering credit subjects by their validated code."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain import subjects as ds
from anyang_credit.domain.decision import RuleBroken
from anyang_credit.domain.vocab import SubjectKind
from anyang_credit.models import kit
from anyang_credit.models.subjects import Subject, SubjectChange
from govkit import audit, refdata
from govkit.auth import Principal
from govkit.clock import utcnow
from govkit.crypto import IdVault, PersonRef
from govkit.db import chunks, transactional
from govkit.errors import NotFound, RuleViolation
from govkit.ids import InvalidIdentifier, mask_id, subject_type, validate_subject_code


class CreditVault(IdVault):
    """The service's ID vault (encryption, its own look-up hash) with the platform-wide PersonRef."""

    def __init__(self, settings) -> None:
        super().__init__(settings.id_encryption_keys, settings.id_hash_keys)
        self.person_ref = PersonRef(settings.person_ref_keys)

    def lookup_hashes(self, code: str) -> list[str]:
        """Every key a subject may be stored under: the look-up hashes, and for a person first known from an
        event (stored under its PersonRef) the platform-wide references too."""
        hashes = super().lookup_hashes(code)
        if subject_type(code) == "natural_person":
            hashes += self.person_ref.refs(code)
        return hashes


def vault_of(settings) -> CreditVault:
    return CreditVault(settings)


def session_vault(session: AsyncSession) -> IdVault:
    """The ID vault of the running app, for event handlers and jobs (no request at hand)."""
    return vault_of(session.info["settings"])


async def find_subject(*, session: AsyncSession, vault: IdVault, code: str) -> Subject | None:
    """The subject with this USCC / ID number (any rotation of the hash key), or None. A person first known
    by an event's PersonRef only is found by it, and completed with the number now given."""
    code = validate_subject_code(code)
    found = (await session.execute(select(Subject).where(Subject.code_hash.in_(vault.lookup_hashes(code)))
                                   )).scalars().first()
    if found is not None and subject_type(code) == "natural_person" and found.code_encrypted is None:
        found.code_hash, found.code_encrypted = vault.lookup_hash(code), vault.encrypt(code)
        found.code_masked = mask_id(code)
    return found


async def find_person_by_ref(session: AsyncSession, person_ref: str) -> Subject | None:
    return (await session.execute(select(Subject).where(Subject.person_ref == person_ref))).scalars().first()


async def get_or_create_subject(*, session: AsyncSession, vault: IdVault, code: str, name: str = "",
                                kind: str | None = None, region: str | None = None,
                                industry: str | None = None) -> Subject:
    """Inside the caller's transaction: the existing subject, untouched — a name sent with a record or list
    entry never renames it (only its registration authority does: `register_subject`) — or a new one."""
    code = validate_subject_code(code)
    subject = await find_subject(session=session, vault=vault, code=code)
    if subject is not None:
        return subject
    subject = new_subject(vault=vault, code=code, name=name, kind=kind, region=region, industry=industry)
    session.add(subject)
    await session.flush()
    return subject


async def subject_ids(session: AsyncSession, vault: IdVault, codes: Iterable[str]) -> dict[str, str]:
    """Existing subjects' ids for these validated codes, keyed by code (one query per `chunks` of look-up hashes)."""
    wanted = {h: code for code in codes for h in vault.lookup_hashes(code)}
    found: dict[str, str] = {}
    for part in chunks(list(wanted)):
        rows = await session.execute(select(Subject.code_hash, Subject.id).where(Subject.code_hash.in_(part)))
        found.update({wanted[code_hash]: sid for code_hash, sid in rows})
    return found


async def ensure_subjects(session: AsyncSession, vault: IdVault, new: Mapping[str, Mapping]) -> dict[str, str]:
    """Inside the caller's transaction, for a batch: the ids of the subjects with these validated codes, keyed
    by code; those not known yet are created in one multi-row INSERT from `new[code]` (`subject_values`'
    name, kind, …); existing ones are untouched, as in `get_or_create_subject`."""
    ids = await subject_ids(session, vault, new)
    created = {code: subject_values(vault=vault, code=code, **kw) for code, kw in new.items() if code not in ids}
    if created:
        await session.execute(insert(Subject.__table__), list(created.values()))
    return ids | {code: row["id"] for code, row in created.items()}


def known_regions() -> frozenset[str]:
    """The city and its counties, districts and functional zones (reference data)."""
    return frozenset(u.code for u in refdata.regions(include_city=True))


def subject_values(*, vault: IdVault, code: str, name: str = "", kind: str | None = None,
                   region: str | None = None, industry: str | None = None) -> dict:
    """The columns of a new subject for a validated code known not to exist yet: its kind is the one given
    where the code allows it, else what the code says; its region the one given, else the USCC's registering
    region (domain.subjects)."""
    person = subject_type(code) == "natural_person"
    if kind is None or SubjectKind(kind) not in ds.kinds_of_code(code):
        kind = ds.default_kind(code)
    return {
        "id": str(uuid.uuid4()), "code_hash": vault.lookup_hash(code), "code": None if person else code,
        "code_encrypted": vault.encrypt(code) if person else None, "code_masked": mask_id(code) if person else code,
        "person_ref": vault.person_ref.ref(code) if person and isinstance(vault, CreditVault) else None,
        "kind": SubjectKind(kind).value, "name": name, "region": region or ds.default_region(code, known_regions()),
        "industry": industry or "", "created_at": utcnow()}


def new_subject(**kw) -> Subject:
    """A new subject (`subject_values`' columns); the caller adds it to its session."""
    return Subject(**subject_values(**kw))


def code_of(subject: Subject, vault: IdVault) -> str:
    """The subject's USCC, or its decrypted ID number (internal use: events, the subject's own view)."""
    if subject.code or subject.code_encrypted is None:  # a person known by an event's PersonRef only: masked
        return subject.code or subject.code_masked
    return vault.decrypt(subject.code_encrypted)


def is_person(subject: Subject) -> bool:
    return subject.code is None


def mask_if_person(code: str) -> str:
    return mask_id(code) if subject_type(code) == "natural_person" else code


def masked_actor(by: str) -> str:
    """Who acted, as stored: a department code or USCC as is, a person's ID number masked (README: Privacy)."""
    try:
        return mask_if_person(by)
    except (InvalidIdentifier, ValueError):
        return by


def valid_code(code: str) -> str:
    try:
        return validate_subject_code(code)
    except InvalidIdentifier as e:
        raise RuleViolation(
            e.zh, e.en, errors=[{"field": "subject_code", "message": str(e)}], code="invalid_identifier"
        ) from None


async def require_subject(session: AsyncSession, vault: IdVault, code: str) -> Subject:
    code = valid_code(code)
    subject = await find_subject(session=session, vault=vault, code=code)
    if subject is None:
        raise NotFound(
            f"没有主体{mask_if_person(code)}的信用信息", f"No credit information on {mask_if_person(code)}"
        )
    return subject


def registration_of(subject: Subject) -> ds.Registration:
    return ds.Registration(subject.name, SubjectKind(subject.kind), subject.region, subject.industry)


@transactional
async def register_subject(*, session: AsyncSession, vault: IdVault, principal: Principal,
                           data) -> tuple[Subject, bool]:
    """Register a subject or change its name, kind, region or industry — only by the registration authority of
    its kind (of the kind it had and the kind it gets), checked against the reference data and the code; the
    change is kept (subject_changes). (subject, changed): re-sending the registered data changes nothing."""
    code = valid_code(data.code)
    subject = await find_subject(session=session, vault=vault, code=code)
    before = registration_of(subject) if subject is not None else None
    after = ds.Registration(data.name, SubjectKind(data.kind) if data.kind else
                            (before.kind if before else ds.default_kind(code)),
                            data.region or (before.region if before else ds.default_region(code, known_regions())),
                            data.industry if data.industry is not None else (before.industry if before else ""))
    changes = before.changes_to(after) if before is not None else {f: ("", str(getattr(after, f)))
                                                                   for f in ds.REGISTERED}
    if not changes:
        return subject, False
    ds.require_registrar(principal.org, before, after)
    errors = ds.check_registration(code, after, known_regions())
    if errors:
        raise RuleBroken("主体登记信息不符合参考数据或代码", "The registration does not match the reference data "
                         "or the code", basis=ds.BASIS_CODE, code="invalid_registration", errors=errors)
    if subject is None:
        subject = new_subject(vault=vault, code=code, name=after.name, kind=after.kind, region=after.region,
                              industry=after.industry)
        session.add(subject)
        await session.flush()
    subject.name, subject.kind, subject.region, subject.industry = (after.name, after.kind.value, after.region,
                                                                    after.industry)
    session.add(SubjectChange(subject_id=subject.id, before={f: b for f, (b, _) in changes.items()} if before
                              else {}, after={f: a for f, (_, a) in changes.items()}, changed_by=principal.org,
                              changed_at=utcnow(), basis=ds.BASIS_REGISTRAR))
    await audit.record(session, kit, "credit.subject.register", "subject", subject.id,
                       {"changed": sorted(changes), "kind": subject.kind})
    return subject, True


async def subject_history(session: AsyncSession, subject: Subject) -> list[SubjectChange]:
    return list((await session.execute(select(SubjectChange).where(SubjectChange.subject_id == subject.id)
                                       .order_by(SubjectChange.changed_at, SubjectChange.id))).scalars())


REKEY_BATCH = 500


async def rekey_persons(session: AsyncSession, now) -> str:
    """Job: natural persons' stored keys under the current keys — the ID number re-encrypted
    (IdVault.rotate), the look-up hash and the platform-wide PersonRef recomputed — so a retired key can be
    removed from the settings. A batch per run; run again until nothing changes."""
    vault = session_vault(session)
    rows = (await session.execute(select(Subject).where(Subject.code.is_(None),
                                                        Subject.code_encrypted.is_not(None)))).scalars()
    changed = 0
    for subject in rows:
        code = vault.decrypt(subject.code_encrypted)
        keys = (vault.rotate(subject.code_encrypted), vault.lookup_hash(code), vault.person_ref.ref(code))
        if keys != (subject.code_encrypted, subject.code_hash, subject.person_ref):
            subject.code_encrypted, subject.code_hash, subject.person_ref = keys
            changed += 1
            if changed >= REKEY_BATCH:
                break
    return f"{changed} person subject(s) re-keyed"
