"""Finding and registering credit subjects by their validated code."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain.vocab import SubjectKind
from anyang_credit.models import kit
from anyang_credit.models.subjects import Subject
from govkit import audit
from govkit.clock import utcnow
from govkit.crypto import IdVault
from govkit.db import transactional
from govkit.errors import NotFound, RuleViolation
from govkit.ids import InvalidIdentifier, mask_id, subject_type, validate_subject_code


def vault_of(settings) -> IdVault:
    return IdVault(settings.id_encryption_keys, settings.id_hash_keys)


def session_vault(session: AsyncSession) -> IdVault:
    """The ID vault of the running app, for event handlers and jobs (no request at hand)."""
    return vault_of(session.info["settings"])


async def find_subject(*, session: AsyncSession, vault: IdVault, code: str) -> Subject | None:
    """The subject with this USCC / ID number (any rotation of the hash key), or None."""
    code = validate_subject_code(code)
    hashes = vault.lookup_hashes(code)
    return (await session.execute(select(Subject).where(Subject.code_hash.in_(hashes)))).scalars().first()


async def get_or_create_subject(*, session: AsyncSession, vault: IdVault, code: str, name: str = "",
                                kind: str | None = None, region: str | None = None,
                                industry: str | None = None) -> Subject:
    """Inside the caller's transaction: the existing subject (names filled in if empty) or a new one."""
    code = validate_subject_code(code)
    subject = await find_subject(session=session, vault=vault, code=code)
    if subject is not None:
        if name and not subject.name:
            subject.name = name
        return subject
    subject = new_subject(vault=vault, code=code, name=name, kind=kind, region=region, industry=industry)
    session.add(subject)
    await session.flush()
    return subject


def new_subject(*, vault: IdVault, code: str, name: str = "", kind: str | None = None, region: str | None = None,
                industry: str | None = None) -> Subject:
    """A new subject for a validated code known not to exist yet (the caller adds it to its session)."""
    person = subject_type(code) == "natural_person"
    return Subject(
        id=str(uuid.uuid4()), code_hash=vault.lookup_hash(code), code=None if person else code,
        code_encrypted=vault.encrypt(code) if person else None, code_masked=mask_id(code) if person else code,
        kind=kind or (SubjectKind.NATURAL_PERSON if person else SubjectKind.ENTERPRISE), name=name,
        region=region or "410500", industry=industry or "", created_at=utcnow())


def code_of(subject: Subject, vault: IdVault) -> str:
    """The subject's USCC, or its decrypted ID number (internal use: events, the subject's own view)."""
    return subject.code or vault.decrypt(subject.code_encrypted)


def is_person(subject: Subject) -> bool:
    return subject.code is None


def mask_if_person(code: str) -> str:
    return mask_id(code) if subject_type(code) == "natural_person" else code


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


@transactional
async def register_subject(*, session: AsyncSession, vault: IdVault, data) -> Subject:
    """An existing subject keeps its key; its name, kind, region and industry are updated."""
    subject = await get_or_create_subject(session=session, vault=vault, code=data.code, name=data.name,
                                          kind=data.kind, region=data.region, industry=data.industry)
    subject.name, subject.region = data.name, data.region
    if data.kind:
        subject.kind = data.kind.value
    if data.industry:
        subject.industry = data.industry
    await audit.record(session, kit, "credit.subject.register", "subject", subject.id, {"kind": subject.kind})
    return subject

