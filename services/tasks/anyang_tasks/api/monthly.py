"""The monthly supervision report to the city government, and the published summaries (政务公开)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import HTMLResponse

from anyang_tasks.api.links import location
from anyang_tasks.documents import render
from anyang_tasks.models.reports import PublishedSummary
from anyang_tasks.schemas.monthly import MonthlyReport, PublishedSummaryOut
from anyang_tasks.service import monthly as svc
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(tags=["monthly report"])
# the month reported on: the document declares the form the service checks (service.monthly.month_end)
Period = Annotated[str, Path(pattern=r"^(19|20)\d{2}-(0[1-9]|1[0-2])$", description="YYYY-MM",
                             examples=["2023-03"])]


def summary_out(row: PublishedSummary) -> PublishedSummaryOut:
    return PublishedSummaryOut(period=row.period, published_at=row.published_at,
                               report=MonthlyReport.model_validate(row.content))


@router.get("/monthly-reports/{period}", response_model=MonthlyReport,
            summary="月度督查报告 / The monthly supervision report (JSON)")
async def monthly_report(period: Period, session: SessionDep, principal: PrincipalDep) -> MonthlyReport:
    """The bureau and city leaders: every task's status as of the month's last day, latest progress,
    targets against the values reported, overdue units; totals by section and by unit. `period`: YYYY-MM."""
    return await svc.build(session=session, principal=principal, period=period)


@router.get("/monthly-reports/{period}/html", response_class=HTMLResponse,
            summary="月度督查报告（网页） / The monthly report as an HTML document",
            responses={200: {"content": {"text/html": {}}}})
async def monthly_report_html(period: Period, session: SessionDep, principal: PrincipalDep) -> HTMLResponse:
    """The same report as a self-contained page (inline CSS and SVG chart, no external assets)."""
    report = await svc.build(session=session, principal=principal, period=period)
    return HTMLResponse(render.html(report))


@router.get("/monthly-reports/{period}/pdf", response_class=Response,
            summary="月度督查报告（PDF） / The monthly report as a PDF document",
            responses={200: {"content": {"application/pdf": {}}}})
async def monthly_report_pdf(period: Period, request: Request, session: SessionDep,
                             principal: PrincipalDep) -> Response:
    """The same report as PDF (fpdf2, CJK font from the setting report_font)."""
    report = await svc.build(session=session, principal=principal, period=period)
    body = render.pdf(report, request.app.state.settings.report_font)
    return Response(body, media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="supervision-{period}.pdf"'})


@router.post("/monthly-reports/{period}/publication", response_model=PublishedSummaryOut, status_code=201,
             summary="公开月度情况 / Publish the month's summary (the bureau)")
async def publish(period: Period, session: SessionDep, principal: PrincipalDep, request: Request,
                  response: Response) -> PublishedSummaryOut:
    """The supervision bureau (dept-dcs) publishes the month's summary: statuses, progress and targets,
    without the units' internal problems."""
    row = await svc.publish(session=session, principal=principal, period=period)
    response.headers["Location"] = location(request, f"/public/monthly-summaries/{period}")
    return summary_out(row)


@router.get("/public/monthly-summaries", response_model=Page[PublishedSummaryOut],
            summary="已公开的月度情况 / Published monthly summaries (public)")
async def published(session: SessionDep, page: PageDep) -> Page[PublishedSummaryOut]:
    rows, total = await svc.published(session=session, limit=page.limit, offset=page.offset)
    return Page(items=[summary_out(r) for r in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/public/monthly-summaries/{period}", response_model=PublishedSummaryOut,
            summary="一个月的公开情况 / One published monthly summary (public)")
async def published_one(period: Period, session: SessionDep) -> PublishedSummaryOut:
    return summary_out(await svc.published_one(session=session, period=period))
