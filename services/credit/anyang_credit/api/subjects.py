"""Credit subjects: registration (government bodies too) and a subject's own full file."""

from __future__ import annotations

from fastapi import APIRouter

from anyang_credit.api.commitments import commitment_out
from anyang_credit.api.deps import VaultDep
from anyang_credit.api.objections import objection_out
from anyang_credit.api.records import record_out
from anyang_credit.models.subjects import Subject
from anyang_credit.schemas.coded import labelled
from anyang_credit.schemas.subjects import SubjectFileOut, SubjectIn, SubjectOut
from anyang_credit.service import records as record_svc
from anyang_credit.service import subjects as subject_svc
from govkit.auth import PrincipalDep, PrincipalKind, require
from govkit.db import SessionDep
from govkit.errors import Forbidden

router = APIRouter(prefix="/subjects", tags=["subjects 信用主体"])


def subject_out(subject: Subject, code: str | None = None) -> SubjectOut:
    return SubjectOut(id=subject.id, code=code or subject.code or subject.code_masked, name=subject.name,
                      **labelled("kind", subject.kind), region=subject.region, industry=subject.industry)


@router.post("", response_model=SubjectOut,
             summary="登记信用主体（含机关） / Register a subject (government bodies too)")
async def register_subject(body: SubjectIn, session: SessionDep, principal: PrincipalDep, vault: VaultDep):
    """Departments with credit.report or credit.admin; an existing subject keeps its key, and its name, kind,
    region and industry are updated."""
    require(principal, kinds=(PrincipalKind.department,))
    if not (principal.has("credit.report") or principal.has("credit.admin")):
        raise Forbidden("缺少权限范围 credit.report", "Missing scope credit.report")
    subject = await subject_svc.register_subject(session=session, vault=vault, data=body)
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

