"""Operational endpoints every service serves: health, readiness, metrics, dead letters, audit, jobs."""

from __future__ import annotations

import asyncio
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import func, select, text, update

from govkit import audit
from govkit.auth import PrincipalDep, PrincipalKind, require
from govkit.clock import utcnow
from govkit.db import SessionDep
from govkit.errors import NotFound
from govkit.events.consumer import Held
from govkit.events.envelope import Event
from govkit.i18n import t
from govkit.pagination import Page, PageDep

ops_router = APIRouter(tags=["operations"])


class Health(BaseModel):
    status: Literal["ok"]
    service: str


class Readiness(BaseModel):
    status: Literal["ready", "unavailable"]
    database: Literal["ok", "unreachable"]
    nats: Literal["disabled", "connected", "disconnected"] = Field(
        description="reported, not required: writes go to the outbox")
    outbox_backlog: int


@ops_router.get("/health", response_model=Health, summary="存活检查 / Liveness")
async def health(request: Request) -> Health:
    """Liveness."""
    return Health(status="ok", service=request.app.state.spec.name)


@ops_router.get("/ready", response_model=Readiness, responses={503: {"model": Readiness}},
                summary="就绪检查（仅数据库） / Readiness (database only)")
async def ready(request: Request, response: Response) -> Readiness:
    """Readiness: the database only; NATS state is reported, not required."""
    state = request.app.state
    bus = state.bus
    nats = "disabled" if bus is None else ("connected" if bus.connected else "disconnected")
    try:
        async with state.sessionmaker() as session:
            await session.execute(text("SELECT 1"))
            backlog = await _backlog(session, state.kit)
    except Exception:
        response.status_code = 503
        return Readiness(status="unavailable", database="unreachable", nats=nats, outbox_backlog=-1)
    return Readiness(status="ready", database="ok", nats=nats, outbox_backlog=backlog)


async def _backlog(session, kit) -> int:
    return (await session.execute(select(func.count()).select_from(kit.outbox)
                                  .where(kit.outbox.c.published_at.is_(None)))).scalar_one()


@ops_router.get("/metrics", response_class=Response, responses={200: {"content": {"text/plain": {}}}},
                summary="Prometheus 指标 / Prometheus metrics")
async def metrics(request: Request) -> Response:
    """Prometheus: requests and latency per route, outbox backlog, consumer lag, dead letters."""
    state = request.app.state
    m = state.metrics
    async with state.sessionmaker() as session:
        m.outbox_backlog.labels(m.service).set(await _backlog(session, state.kit))
        dl = state.kit.dead_letters
        m.dead_letters.labels(m.service).set((await session.execute(
            select(func.count()).select_from(dl).where(dl.c.resolved_at.is_(None)))).scalar_one())
    m.nats_connected.labels(m.service).set(1 if state.bus is not None and state.bus.connected else 0)
    lags = await asyncio.gather(*(c.lag() for c in state.consumers))
    for consumer, lag in zip(state.consumers, lags, strict=True):
        if lag is not None:
            m.consumer_lag.labels(m.service, consumer.name).set(lag)
    return Response(m.render(), media_type="text/plain; version=0.0.4")


def _operator(principal) -> None:
    require(principal, kinds=(PrincipalKind.department,), scope="ops")


class DeadLetterOut(BaseModel):
    id: int
    consumer: str
    event_id: str
    type: str = Field(description="事件类型 <service>.<aggregate>.<verb>（开放集合） / the event type (an open set)")
    payload: str
    error: str
    deliveries: int
    created_at: datetime
    resolved_at: datetime | None
    resolution: str | None


@ops_router.get("/ops/dead-letters", response_model=Page[DeadLetterOut],
                summary="死信（无法处理的事件） / Dead-lettered events")
async def list_dead_letters(request: Request, session: SessionDep, principal: PrincipalDep, page: PageDep,
                            include_resolved: bool = False) -> Page[DeadLetterOut]:
    """Messages a consumer could not apply after its retries, or of an unknown version."""
    _operator(principal)
    dl = request.app.state.kit.dead_letters
    cond = [] if include_resolved else [dl.c.resolved_at.is_(None)]
    total = (await session.execute(select(func.count()).select_from(dl).where(*cond))).scalar_one()
    rows = (await session.execute(select(dl).where(*cond).order_by(dl.c.id)
                                  .limit(page.limit).offset(page.offset))).mappings().all()
    return Page(items=[DeadLetterOut(**r) for r in rows], total=total, limit=page.limit, offset=page.offset)


class RetryResult(BaseModel):
    id: int
    applied: bool
    detail: str


@ops_router.post("/ops/dead-letters/{dead_letter_id}/retry", response_model=RetryResult,
                 summary="重新处理死信 / Apply a dead-lettered event again")
async def retry_dead_letter(request: Request, dead_letter_id: int, session: SessionDep,
                            principal: PrincipalDep) -> RetryResult:
    """Apply a dead-lettered event again (after a fix); the inbox still prevents a second effect."""
    _operator(principal)
    state = request.app.state
    dl = state.kit.dead_letters
    row = (await session.execute(select(dl).where(dl.c.id == dead_letter_id))).mappings().first()
    if row is None:
        raise NotFound(f"没有编号为 {dead_letter_id} 的死信", f"No dead letter {dead_letter_id}")
    consumer = next((c for c in state.consumers if c.name == row["consumer"]), None)
    if consumer is None:
        raise NotFound(f"消费者 {row['consumer']} 未运行", f"Consumer {row['consumer']} is not running")
    event = Event.from_json(row["payload"])
    if event.version not in consumer.handler.versions:
        return RetryResult(id=dead_letter_id, applied=False,
                           detail=t(f"仍不支持版本 {event.version}", f"Version {event.version} still unknown"))
    try:
        applied = await consumer.apply(event)
    except Held as held:  # its predecessor is still missing: the dead letter stays for a later retry
        return RetryResult(id=dead_letter_id, applied=False, detail=t(f"等待前序事件：{held}", f"waiting: {held}"))
    async with state.sessionmaker() as s2, s2.begin():
        await s2.execute(update(dl).where(dl.c.id == dead_letter_id).values(
            resolved_at=utcnow(), resolution=f"retried by {principal.sub}"))
        await audit.record(s2, state.kit, "dead_letter.retry", "dead_letter", str(dead_letter_id),
                           {"applied": applied})
    return RetryResult(id=dead_letter_id, applied=applied,
                       detail=t("已应用" if applied else "此前已应用，未重复执行",
                                "applied" if applied else "already applied before; not applied twice"))


class AuditOutcome(StrEnum):
    """accepted 已受理; refused 已拒绝"""

    accepted = "accepted"
    refused = "refused"


AUDIT_OUTCOME_LABELS = {AuditOutcome.accepted: "已受理", AuditOutcome.refused: "已拒绝"}
PRINCIPAL_KIND_LABELS = {PrincipalKind.department: "政府部门", PrincipalKind.enterprise: "企业",
                         PrincipalKind.person: "自然人", PrincipalKind.financial_institution: "金融机构",
                         PrincipalKind.public: "公众"}


class AuditEntry(BaseModel):
    id: int
    at: datetime
    principal: str = Field(description="调用方客户端标识 / the caller's client id")
    principal_kind: PrincipalKind = Field(description="调用方类别：department 政府部门；enterprise 企业；"
                                                      "person 自然人；financial_institution 金融机构；public 公众")
    principal_kind_label: str = Field(description="调用方类别的中文名称")
    organisation: str = Field(description="调用方所属机构（部门代码或统一社会信用代码） / the caller's organisation")
    action: str
    object_type: str = Field(description="对象类型（由各服务命名，开放集合） / object type, named by the service")
    object_id: str
    outcome: AuditOutcome = Field(description="结果：accepted 已受理；refused 已拒绝")
    outcome_label: str = Field(description="结果的中文名称")
    status: int | None = Field(description="拒绝时的 HTTP 状态码 / HTTP status of a refusal")
    detail: Any = None
    request_id: str
    caller_system: str | None
    caller_case: str | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> AuditEntry:
        kind, outcome = PrincipalKind(row["principal_kind"]), AuditOutcome(row["outcome"])
        return cls(**{**row, "principal_kind_label": PRINCIPAL_KIND_LABELS[kind],
                      "outcome_label": AUDIT_OUTCOME_LABELS[outcome]})


AUDIT_READ = "audit.read"


class AuditVerification(BaseModel):
    rows: int = Field(description="rows in the audit log")
    chained: int = Field(description="rows carrying a hash (rows from before the chain carry none)")
    intact: bool = Field(description="every hash matches its row and links to an earlier row")
    first_broken_id: int | None = Field(None, description="the first row whose hash or link does not hold")
    reason: str | None = None


@ops_router.get("/audit/verification", response_model=AuditVerification,
                summary="审计日志防篡改校验 / Verify the audit log's hash chain")
async def audit_verification(request: Request, session: SessionDep, principal: PrincipalDep) -> AuditVerification:
    """Recompute every row's hash (sha256 of the previous row's hash and the row) and its link
    (departments holding the scope audit.read)."""
    require(principal, kinds=(PrincipalKind.department,), scope=AUDIT_READ)
    return AuditVerification(**await audit.verify(session, request.app.state.kit))


@ops_router.get("/audit/{object_type}/{object_id}", response_model=Page[AuditEntry],
                summary="对象的审计记录 / Audit trail of one object")
async def audit_history(request: Request, object_type: str, object_id: str, session: SessionDep,
                        principal: PrincipalDep, page: PageDep) -> Page[AuditEntry]:
    """The append-only audit trail of one object, oldest first, refusals included; `request` and a
    request id (X-Request-Id) give every row that request wrote (departments holding audit.read)."""
    require(principal, kinds=(PrincipalKind.department,), scope=AUDIT_READ)
    kit = request.app.state.kit
    total = await audit.count(session, kit, object_type, object_id)
    if not total:  # nothing was ever done to it here: no such audited object
        raise NotFound(f"没有{object_type} {object_id}的审计记录", f"no audit trail of {object_type} {object_id}")
    rows = await audit.history(session, kit, object_type, object_id, limit=page.limit, offset=page.offset)
    return Page(items=[AuditEntry.of(r) for r in rows], total=total, limit=page.limit, offset=page.offset)


class JobStatus(BaseModel):
    name: str
    every_seconds: float
    holder: str | None = None
    lease_expires_at: datetime | None = Field(None, description="the holder's lease ends (instants end in _at)")
    last_run_at: datetime | None = None
    last_result: str | None = Field(None, description="上次运行做了什么（任务自述） / what the last run did, "
                                                      "in the job's own words")


@ops_router.get("/ops/jobs", response_model=Page[JobStatus], summary="定时任务状态 / Scheduled jobs")
async def list_jobs(request: Request, session: SessionDep, principal: PrincipalDep,
                    page: PageDep) -> Page[JobStatus]:
    _operator(principal)
    leases = request.app.state.kit.job_leases
    rows = {r["name"]: r for r in (await session.execute(select(leases))).mappings().all()}
    jobs = [JobStatus(name=j.name, every_seconds=j.every_seconds, holder=rows[j.name]["holder"],
                      lease_expires_at=rows[j.name]["lease_until"], last_run_at=rows[j.name]["last_run_at"],
                      last_result=rows[j.name]["last_result"]) if j.name in rows
            else JobStatus(name=j.name, every_seconds=j.every_seconds)
            for j in request.app.state.scheduler.jobs]
    return Page(items=jobs[page.offset:page.offset + page.limit], total=len(jobs), limit=page.limit,
                offset=page.offset)


@ops_router.post("/ops/jobs/{name}/run", response_model=JobStatus, summary="立即运行定时任务 / Run a scheduled job now")
async def run_job(request: Request, name: str, principal: PrincipalDep) -> JobStatus:
    """Run a time-driven job now (it is safe to run twice)."""
    _operator(principal)
    state = request.app.state
    job = next((j for j in state.scheduler.jobs if j.name == name), None)
    if job is None:
        raise NotFound(f"没有名为 {name} 的任务", f"No job named {name}")
    summary = await state.scheduler.run_once(job)
    return JobStatus(name=name, every_seconds=job.every_seconds, last_result=summary)
