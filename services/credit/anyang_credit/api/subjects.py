"""Credit subjects: registration (government bodies too) and a subject's own full file."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import select

from anyang_credit.api.commitments import commitment_out
from anyang_credit.api.objections import objection_out
from anyang_credit.api.records import record_out
from anyang_credit.models import kit
from anyang_credit.models.commitments import CreditCommitment
from anyang_credit.models.objections import Objection
from anyang_credit.models.subjects import Subject
from anyang_credit.schemas.records import coded
from anyang_credit.schemas.subjects import SubjectFileOut, SubjectIn, SubjectOut
from anyang_credit.service import records as record_svc
from anyang_credit.service.subjects import get_or_create_subject, vault_of
from govkit import audit
from govkit.auth import PrincipalDep, PrincipalKind, require
from govkit.db import SessionDep
from govkit.errors import Forbidden, NotFound

router = APIRouter(prefix="/subjects", tags=["subjects 信用主体"])


def subject_out(subject: Subject, code: str | None = None) -> SubjectOut:
    return SubjectOut(id=subject.id, code=code or subject.code or subject.code_masked, name=subject.name,
                      kind=coded(subject.kind), region=subject.region, industry=subject.industry)


@router.post("", response_model=SubjectOut,
             summary="登记信用主体（含机关） / Register a subject (government bodies too)")
async def register_subject(body: SubjectIn, request: Request, session: SessionDep, principal: PrincipalDep):
    """Departments with credit.report or credit.admin; an existing subject keeps its key, and its name, kind,
    region and industry are updated."""
    require(principal, kinds=(PrincipalKind.department,))
    if not (principal.has("credit.report") or principal.has("credit.admin")):
        raise Forbidden("缺少权限范围 credit.report", "Missing scope credit.report")
    async with session.begin():
        subject = await get_or_create_subject(session=session, vault=vault_of(request.app.state.settings),
                                              code=body.code, name=body.name, kind=body.kind,
                                              region=body.region, industry=body.industry)
        subject.name, subject.region = body.name, body.region
        if body.kind:
            subject.kind = body.kind.value
        if body.industry:
            subject.industry = body.industry
        await audit.record(session, kit, "credit.subject.register", "subject", subject.id, {"kind": subject.kind})
        return subject_out(subject)


@router.get("/me/file", response_model=SubjectFileOut,
            summary="本主体的完整信用档案 / The caller's own full credit file (subjects only)")
async def get_own_file(request: Request, session: SessionDep, principal: PrincipalDep):
    """An enterprise (org = its USCC) or a person (org = its ID number) sees its own full file: every record
    (unpublished, ended and withdrawn too), its commitments and its objections. Nobody else's."""
    require(principal, kinds=(PrincipalKind.enterprise, PrincipalKind.person))
    subject = await record_svc.subject_of_principal(session, vault_of(request.app.state.settings), principal)
    if subject is None:
        raise NotFound("尚无您的信用档案", "There is no credit file for you yet")
    records = await record_svc.subject_records(session, subject)
    commitments = (await session.execute(select(CreditCommitment).where(
        CreditCommitment.subject_id == subject.id).order_by(CreditCommitment.created_at))).scalars()
    objections = (await session.execute(select(Objection).where(Objection.subject_id == subject.id)
                                        .order_by(Objection.submitted_at))).scalars()
    return SubjectFileOut(subject=subject_out(subject, principal.org),
                          records=[record_out(r, subject) for r in records],
                          commitments=[commitment_out(c, subject) for c in commitments],
                          objections=[objection_out(o) for o in objections])

