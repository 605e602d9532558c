"""Public credit grades: as of any date with contributions; provincial/national imports; industry grades;
the local rule set as versioned data."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request

from anyang_credit.api.deps import VaultDep, page_of
from anyang_credit.domain.public import public_name
from anyang_credit.schemas.grades import (
    GradeOut,
    ImportGradesIn,
    IndustryGradesIn,
    ItemResultsOut,
    RuleSetIn,
    RuleSetOut,
)
from anyang_credit.service import grades as svc
from anyang_credit.service.access import is_self, require_credit_lead, require_department
from anyang_credit.service.subjects import code_of, is_person, require_subject
from govkit.auth import OptionalPrincipalDep, PrincipalDep, PrincipalKind
from govkit.clock import business_date
from govkit.db import SessionDep
from govkit.errors import Forbidden
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/grades", tags=["grades 公共信用综合评价"])


@router.get("/rule-sets", summary="评价规则各版本（免登录） / Every version of the local grading rule set (no login)")
async def list_grade_rule_sets(session: SessionDep, page: PageDep) -> Page[RuleSetOut]:
    """Every version of the local fallback rule set with its valid_from (public, for transparency)."""
    return page_of([RuleSetOut(**r) for r in await svc.list_rule_sets(session)], page)


@router.post("/rule-sets", status_code=201, summary="上传新版评价规则 / Upload a new rule-set version (credit.admin)")
async def upload_grade_rule_set(body: RuleSetIn, session: SessionDep, principal: PrincipalDep) -> RuleSetOut:
    """A new rule-set version as data (fgw, credit.admin); effective from a future date.
    Example: as dept-fgw (the same version sent again answers it as uploaded)."""
    require_credit_lead(principal)
    return RuleSetOut(**await svc.upload_rule_set(session=session, principal=principal, document=body.document))


@router.post("/imports", summary="导入公共信用综合评价结果 / Import provincial/national grades (credit.admin)")
async def import_grades(
    body: ImportGradesIn, request: Request, session: SessionDep, principal: PrincipalDep, vault: VaultDep
) -> ItemResultsOut:
    """Grades of the provincial/national evaluation (fgw, credit.admin); per-item results.
    Example: as dept-fgw (a repeat answers `unchanged`)."""
    require_credit_lead(principal)
    results = await svc.import_grades(
        session=session, principal=principal, vault=vault, items=[i.model_dump() for i in body.items]
    )
    return ItemResultsOut(results=results)


@router.post("/industry", summary="报送行业信用评价 / Record a department's industry credit evaluation")
async def record_industry_grades(
    body: IndustryGradesIn, request: Request, session: SessionDep, principal: PrincipalDep, vault: VaultDep
) -> ItemResultsOut:
    """A department's industry evaluation (行业信用评价), kept beside the public grade.
    Example: as dept-rsj (a repeat answers `unchanged`)."""
    require_department(principal, "credit.report")
    results = await svc.record_industry_grades(
        session=session, principal=principal, vault=vault, items=[i.model_dump() for i in body.items]
    )
    return ItemResultsOut(results=results)


@router.get("/{subject_code}", summary="公共信用综合评价等级 / A subject's public grade as of a date, with its basis")
async def get_grade(
    subject_code: str,
    request: Request,
    session: SessionDep,
    principal: OptionalPrincipalDep,
    vault: VaultDep,
    as_of: date | None = None,
) -> GradeOut:
    """The public grade as of a date (default today) with contributing records and points, and the industry
    grades. Enterprises' grades are public; a natural person's only for the person and departments."""
    subject = await require_subject(session, vault, subject_code)
    if is_person(subject) and not (
        is_self(principal, code_of(subject, vault)) or principal.kind == PrincipalKind.department
    ):
        raise Forbidden(
            "自然人的信用评价仅本人和政府部门可查", "A person's grade is for the person and departments"
        )
    on = as_of or business_date()
    # the public projection (domain/public.py): a person's name shortened
    return GradeOut(subject_code=subject.code or subject.code_masked,
                    subject_name=public_name(subject.name, is_person(subject)),
                    **await svc.grade_of(session, subject, on))
