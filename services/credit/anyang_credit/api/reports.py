"""Credit reports (信用报告): public version for everyone (enterprises), full version for the subject or an
authorised institution; verification of a report by its code."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from anyang_credit.api.deps import VaultDep
from anyang_credit.domain.public import public_name
from anyang_credit.domain.reports import CODE_FIELD
from anyang_credit.schemas.reports import CodeCheckOut, ContentCheckOut, ReportIn, ReportOut, VerifyIn
from anyang_credit.service import finance as finance_svc
from anyang_credit.service import reports as svc
from anyang_credit.service.access import is_self
from anyang_credit.service.subjects import code_of, is_person, require_subject
from govkit.auth import OptionalPrincipalDep, PrincipalKind
from govkit.clock import business_date
from govkit.db import SessionDep
from govkit.errors import Forbidden

router = APIRouter(prefix="/reports", tags=["reports 信用报告"])


@router.post("", status_code=201, summary="出具信用报告 / Issue a credit report (public version for enterprises)")
async def issue_report(vault: VaultDep,
    body: ReportIn, request: Request, session: SessionDep, principal: OptionalPrincipalDep
) -> ReportOut:
    """Public version: anyone, for an enterprise (a person's only for the person or a department).
    Full version: the subject itself, or an institution the subject authorised (scope report / full_file).
    Example: as ent-demo1 (its own full version)."""
    v = vault
    subject = await require_subject(session, v, body.subject_code)
    code = code_of(subject, v)
    await session.commit()
    own = is_self(principal, code)
    if body.version == "full" and not own:
        if not finance_svc.is_querier(principal):
            raise Forbidden(
                "完整版信用报告仅限信用主体本人或经其授权的机构",
                "The full report is for the subject itself or an institution it authorised",
                code="authorisation_required",
            )
        await finance_svc.require_authorisation(
            sessionmaker=request.app.state.sessionmaker,
            principal=principal,
            subject=subject,
            vault=v,
            what="report",
        )
    if (
        body.version == "public"
        and is_person(subject)
        and not (own or principal.kind == PrincipalKind.department)
    ):
        raise Forbidden(
            "自然人的信用报告仅本人和政府部门可以获取", "A person's report is for the person and departments"
        )
    return ReportOut(**await svc.issue(
        session=session,
        vault=v,
        secret=request.app.state.settings.report_secret,
        subject=subject,
        as_of=body.as_of or business_date(),
        version=body.version,
        issued_to=principal.org or "public",
    ))


@router.get("/verify", summary="核验报告编号（免登录） / Verify a report code and see the public content (no login)")
async def verify_report_code(code: str, session: SessionDep) -> CodeCheckOut:
    """Public: is this a code of a report issued here? The public version's content is returned to compare;
    for a full version only its digest and metadata (the content is the subject's)."""
    row = await svc.find_by_code(session, code)
    out = {
        "valid": True,
        "report_id": row.id,
        "version": row.version,
        "as_of": row.as_of.isoformat(),
        "issued_at": row.issued_at.isoformat(),
        "content_sha256": row.content_sha256,
        "subject": {
            "name": row.content["subject"]["name"] if row.version == "public" else public_name(
                row.content["subject"]["name"], row.content["subject"].get("kind") == "natural_person"),
            "code": row.content["subject"]["code"] if row.version == "public" else None,
        },
    }
    if row.version == "public":
        out["report"] = row.content
    return CodeCheckOut(**out)


@router.post("/verify", summary="核验报告内容（免登录） / Verify a received report has not been altered (no login)")
async def verify_report_content(body: VerifyIn, request: Request, session: SessionDep,
                                code: Annotated[str | None, Query(description="default: the report's own "
                                                                  "verification_code")] = None) -> ContentCheckOut:
    """Public: present the report received; `valid` is false when anything in it was altered, or when no
    report was issued here under the code (outcome not_issued_here).
    Example: as bank-demo, or no login."""
    code = code or str(body.report.get(CODE_FIELD) or "")
    row = await svc.issued_under(session, code)
    if row is None:
        return ContentCheckOut(**svc.not_issued_here())
    return ContentCheckOut(**svc.verify_content(row, body.report, request.app.state.settings.report_secret))
