"""Credit subjects: registration (government bodies too) and a subject's own full file."""

from __future__ import annotations

from fastapi import APIRouter

from anyang_credit.api.commitments import commitment_out
from anyang_credit.api.deps import VaultDep
from anyang_credit.api.objections import objection_out
from anyang_credit.api.records import record_out
from anyang_credit.models.subjects import Subject
from anyang_credit.schemas.coded import labelled
from anyang_credit.schemas.subjects import (
    SubjectChangeOut,
    SubjectFileOut,
    SubjectHistoryOut,
    SubjectIn,
    SubjectOut,
)
from anyang_credit.service import records as record_svc
from anyang_credit.service import subjects as subject_svc
from anyang_credit.service.access import is_self
from govkit.auth import OptionalPrincipalDep, PrincipalDep, PrincipalKind, require
from govkit.db import SessionDep
from govkit.errors import Forbidden

router = APIRouter(prefix="/subjects", tags=["subjects 信用主体"])


def subject_out(subject: Subject, code: str | None = None) -> SubjectOut:
    return SubjectOut(id=subject.id, code=code or subject.code or subject.code_masked, name=subject.name,
                      **labelled("kind", subject.kind), region=subject.region, industry=subject.industry)


@router.post("", response_model=SubjectOut,
             summary="登记或变更信用主体（登记机关） / Register a subject or change its registration (its registrar)")
async def register_subject(body: SubjectIn, session: SessionDep, principal: PrincipalDep, vault: VaultDep):
    """Name, kind, region and industry are registered and changed only by the registration authority of the
    kind — 市场监管 (scjg) for enterprises and individual businesses, 民政 (mzj) for social organisations, the
    credit lead 发改委 (fgw) for government bodies and public institutions — against the reference data's regions
    and the kinds the code allows; each change is kept (`GET /subjects/{code}/history`). Re-sending the
    registered data changes nothing. A `subject_name` sent with a record or list entry never renames a subject.
    Example: demo client dept-scjg records the industry of a demo enterprise."""
    require(principal, kinds=(PrincipalKind.department,))
    if not (principal.has("credit.report") or principal.has("credit.admin")):
        raise Forbidden("缺少权限范围 credit.report", "Missing scope credit.report")
    subject, _ = await subject_svc.register_subject(session=session, vault=vault, principal=principal, data=body)
    return subject_out(subject)


@router.get("/me/file", response_model=SubjectFileOut,
            summary="本主体的完整信用档案 / The caller's own full credit file (subjects only)")
async def get_own_file(session: SessionDep, principal: PrincipalDep, vault: VaultDep):
    """An enterprise (org = its USCC) or a person (org = its ID number) sees its own full file: every record
    (unpublished, ended and withdrawn too), its commitments and its objections. Nobody else's."""
    require(principal, kinds=(PrincipalKind.enterprise, PrincipalKind.person))
    subject, records, commitments, objections = await record_svc.own_file(session=session, vault=vault,
                                                                           principal=principal)
    return SubjectFileOut(subject=subject_out(subject, principal.org),
                          records=[record_out(r, subject) for r in records],
                          commitments=[commitment_out(c, subject) for c in commitments],
                          objections=[objection_out(o) for o in objections])



async def _readable(session, vault, principal, subject_code: str) -> Subject:
    """A legal entity's registration is public; a natural person's only for the person and departments."""
    subject = await subject_svc.require_subject(session, vault, subject_code)
    if subject_svc.is_person(subject) and not (is_self(principal, subject_code)
                                               or principal.kind is PrincipalKind.department):
        raise Forbidden("自然人的登记信息仅本人和政府部门可查",
                        "A person's registration is for the person and departments")
    return subject


@router.get("/{subject_code}", response_model=SubjectOut,
            summary="信用主体登记信息（法人免登录） / A subject's registration (legal entities: no login)")
async def get_subject(subject_code: str, session: SessionDep, principal: OptionalPrincipalDep, vault: VaultDep):
    """Name, kind, region (the county that acts for it) and industry as its registration authority recorded
    them; a person's ID number masked."""
    return subject_out(await _readable(session, vault, principal, subject_code))


@router.get("/{subject_code}/history", response_model=SubjectHistoryOut,
            summary="信用主体登记变更记录 / A subject's registration changes (legal entities: no login)")
async def get_subject_history(subject_code: str, session: SessionDep, principal: OptionalPrincipalDep,
                              vault: VaultDep):
    """Every registration and change of name, kind, region and industry, with the authority that made it."""
    subject = await _readable(session, vault, principal, subject_code)
    changes = await subject_svc.subject_history(session, subject)
    return SubjectHistoryOut(subject=subject_out(subject), changes=[
        SubjectChangeOut(before=c.before, after=c.after, changed_by=c.changed_by, changed_at=c.changed_at,
                         basis=c.basis) for c in changes])
