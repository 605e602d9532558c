"""The versioned public credit information catalogue (公开, CP 三（三）) and each department's coverage gaps."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from anyang_credit.api.deps import page_of
from anyang_credit.domain.records import BASIS_CATALOGUE, BASIS_COLLECTION
from anyang_credit.models.catalogue import CatalogueEntry, CatalogueVersion
from anyang_credit.schemas.catalogue import (
    CatalogueEntryOut,
    CatalogueVersionIn,
    CatalogueVersionOut,
    CategoryGap,
    CoverageOut,
    DepartmentCoverage,
    PeriodOut,
)
from anyang_credit.schemas.coded import labelled
from anyang_credit.service import catalogue as svc
from govkit.auth import OptionalPrincipalDep, PrincipalDep, PrincipalKind, require
from govkit.clock import business_date, utcnow
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(prefix="/catalogue", tags=["catalogue 公共信用信息目录"])


def version_out(v: CatalogueVersion, entries: list[CatalogueEntry]) -> CatalogueVersionOut:
    return CatalogueVersionOut(
        version=v.version, valid_from=v.valid_from, title=v.title, note=v.note, created_at=v.created_at,
        entries=[CatalogueEntryOut(department=e.department, **labelled("category", e.category), fields=list(e.fields),
                                   **labelled("frequency", e.frequency)) for e in entries], basis=BASIS_CATALOGUE)


@router.post("/versions", response_model=CatalogueVersionOut, status_code=201,
             summary="发布新版目录 / Publish a new catalogue version (credit lead, credit.admin)")
async def publish_catalogue_version(body: CatalogueVersionIn, session: SessionDep, principal: PrincipalDep):
    """Example: as dept-fgw (the same version sent again answers it as published)."""
    require(principal, kinds=(PrincipalKind.department,), scope="credit.admin")
    v, entries = await svc.publish_version(session=session, principal=principal, data=body, now=utcnow())
    return version_out(v, entries)


@router.get("/versions", response_model=Page[CatalogueVersionOut],
            summary="目录各版本（免登录） / Every catalogue version (no login)")
async def list_catalogue_versions(session: SessionDep, _principal: OptionalPrincipalDep, page: PageDep):
    return page_of([version_out(v, e) for v, e in await svc.all_versions(session)], page)


@router.get("", response_model=CatalogueVersionOut,
            summary="某日生效的目录（免登录） / The catalogue in force on a date (no login)")
async def get_catalogue(session: SessionDep, _principal: OptionalPrincipalDep,
                        on: Annotated[date | None, Query(description="default: today")] = None):
    v, entries = await svc.version_on(session, on or business_date())
    return version_out(v, entries)


@router.get("/coverage", response_model=CoverageOut,
            summary="归集覆盖情况与缺项 / Each department's coverage gaps (own; credit.admin: all)")
async def get_catalogue_coverage(session: SessionDep, principal: PrincipalDep,
                                 period_from: Annotated[date, Query(alias="from")],
                                 period_to: Annotated[date, Query(alias="to")], department: str | None = None):
    """Catalogue in force at the period's end; a gap is a required category with a reporting period of its
    frequency (day, week, month, quarter, year; realtime: the whole period) in which no record was decided
    (withdrawn records do not count). The period spans at most a year."""
    require(principal, kinds=(PrincipalKind.department,))
    v, cov = await svc.coverage(session=session, principal=principal, period_from=period_from,
                                period_to=period_to, department=department)
    return CoverageOut(catalogue_version=v.version, period_from=period_from, period_to=period_to,
                       departments=[DepartmentCoverage(department=d, counts=c["counts"],
                                                       gaps=[_gap(g, c) for g in c["gaps"]], complete=c["complete"])
                                    for d, c in cov.items()], basis=BASIS_COLLECTION)


def _gap(category: str, coverage: dict) -> CategoryGap:
    missing = [PeriodOut(period_from=a, period_to=b) for a, b in coverage["missing"][category]]
    return CategoryGap(**labelled("category", category), **labelled("frequency", coverage["frequency"][category]),
                       missing_periods=missing)
