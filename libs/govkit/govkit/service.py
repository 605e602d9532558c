"""Composition root shared by every service: one FastAPI app with the common behaviour wired in."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.routing import APIRoute
from sqlalchemy import MetaData

from govkit import audit, clock, context, logs, openapi
from govkit.db import make_engine, make_sessionmaker
from govkit.errors import install_error_handlers
from govkit.events import Handler, Outbox
from govkit.events.bus import Bus, Credentials
from govkit.events.consumer import Consumer
from govkit.events.relay import Relay
from govkit.idempotency import IdempotencyMiddleware, purge_job
from govkit.metrics import Metrics
from govkit.middleware import RequestContextMiddleware
from govkit.migrations import upgrade
from govkit.plausible import InputHygieneMiddleware
from govkit.scheduler import Job, Scheduler
from govkit.settings import ServiceSettings
from govkit.tables import KitTables

log = logging.getLogger("govkit.service")


@dataclass
class ServiceSpec:
    name: str
    title: str
    description: str
    metadata: MetaData
    kit: KitTables
    migrations_dir: Path
    routers: list[APIRouter] = field(default_factory=list)
    handlers: dict[str, Handler] = field(default_factory=dict)   # event type → handler
    jobs: list[Job] = field(default_factory=list)
    on_startup: Callable[[FastAPI], Awaitable[None]] | None = None
    demo_loader: Callable[[FastAPI], Awaitable[None]] | None = None  # idempotent; when settings.demo_data
    version: str = "1.0.0"

    @property
    def outbox_source(self) -> str:
        return self.name


def create_app(spec: ServiceSpec, settings: ServiceSettings) -> FastAPI:
    metrics = Metrics(spec.name)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        logs.configure(spec.name, json_logs=settings.log_json, debug_loggers=settings.debug_loggers)
        if settings.clock_override is not None:
            clock.travel_to(settings.clock_override)
        if settings.database_url.startswith("sqlite"):
            db_path = settings.database_url.split("///", 1)[-1]
            if db_path and db_path != ":memory:":
                Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        if settings.migrate_on_startup:
            await asyncio.to_thread(upgrade, spec.migrations_dir, settings.database_url)
        engine = make_engine(settings.database_url, pool_size=settings.db_pool_size,
                             max_overflow=settings.db_max_overflow)
        app.state.engine = engine
        app.state.sessionmaker = make_sessionmaker(engine, settings)
        app.state.bus = None
        app.state.consumers = []
        kit_jobs = [purge_job(spec.kit, settings.idempotency_retention_hours)]
        app.state.scheduler = Scheduler(app.state.sessionmaker, spec.kit, [*spec.jobs, *kit_jobs],
                                        holder=settings.instance_id)
        tasks: list[asyncio.Task] = []
        if spec.on_startup is not None:
            await spec.on_startup(app)
        if settings.demo_data and spec.demo_loader is not None:
            await spec.demo_loader(app)
        if settings.background:
            bus = Bus(settings.nats_url, settings.event_prefix, name=f"{spec.name}-{settings.instance_id}",
                      service=spec.name, stream_replicas=settings.stream_replicas,
                      stream_max_age=settings.stream_max_age_days * 86400,
                      credentials=Credentials(settings.nats_nkey_seed_file, settings.nats_tls_ca_file,
                                              settings.nats_tls_cert_file, settings.nats_tls_key_file))
            bus.start()
            app.state.bus = bus
            relay = Relay(bus, app.state.sessionmaker, spec.kit, producer=spec.name,
                          interval=settings.relay_interval_seconds)
            tasks.append(asyncio.create_task(relay.run(), name=f"{spec.name}-relay"))
            for event_type, handler in spec.handlers.items():
                consumer = Consumer(bus, app.state.sessionmaker, spec.kit, service=spec.name,
                                    event_type=event_type, handler=handler,
                                    max_deliver=settings.consumer_max_deliver,
                                    ack_wait=settings.consumer_ack_wait_seconds,
                                    nak_delay=settings.consumer_nak_delay_seconds,
                                    hold_max=settings.consumer_hold_max_seconds,
                                    consumed_types=frozenset(spec.handlers))
                app.state.consumers.append(consumer)
                tasks.append(asyncio.create_task(consumer.run(), name=consumer.name))
            tasks.append(asyncio.create_task(app.state.scheduler.run(), name=f"{spec.name}-scheduler"))
        # What start-up built (modules, the app, metadata, settings) lives as long as the process: frozen, the
        # collector's full passes leave it out — they stalled each service 100–165 ms (event latency p99,
        # issue 13). No collection first (it costs a test process ~0.1 s an app): start-up's few cycles wait for
        # the shutdown's unfreeze, which lets a process running many apps (the tests) collect them.
        gc.freeze()
        try:
            yield
        finally:
            gc.unfreeze()
            # asyncio.wait, not gather: a child's cancellation must not cut the shutdown short and leave the
            # NATS connection and database pool open (a leaked aiosqlite connection hangs the event loop)
            for task in tasks:
                task.cancel()
            if tasks:
                await asyncio.wait(tasks, timeout=10)
            try:
                if app.state.bus is not None:
                    await app.state.bus.close()
            finally:
                await engine.dispose()

    app = FastAPI(title=spec.title, description=spec.description, version=spec.version, lifespan=lifespan,
                  generate_unique_id_function=lambda route: f"{spec.name}-{route.name}")
    app.state.settings = settings
    app.state.kit = spec.kit
    app.state.spec = spec
    app.state.metrics = metrics
    app.state.outbox = Outbox(spec.kit.outbox, source=spec.name)

    async def on_refusal(request: Request, status: int, detail: str) -> None:
        if request.method in ("GET", "HEAD", "OPTIONS"):  # spec: Audit covers refused writes
            return
        route = request.scope.get("route")
        template = route.path if isinstance(route, APIRoute) else request.url.path
        # readable by the object it concerns (the last `<type>_id` of the path), else by its request id
        ids = [(name.removesuffix("_id"), str(value)) for name, value in request.path_params.items()
               if name.endswith("_id")]
        object_type, object_id = ids[-1] if ids else ("request", context.current().request_id)
        await audit.record_refusal(request.app.state.sessionmaker, spec.kit, f"{request.method} {template}",
                                   object_type, object_id, status, detail)

    install_error_handlers(app, on_refusal=on_refusal)
    from govkit.ops import ops_router  # late: ops imports this module's types

    app.include_router(ops_router)
    for router in spec.routers:
        app.include_router(router)
    # innermost first: idempotency sees the request after the size limit and context are set
    openapi.install(app)
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(InputHygieneMiddleware)
    app.add_middleware(RequestContextMiddleware, max_body_bytes=settings.max_body_bytes, metrics=metrics)
    return app
