"""A minimal service built on the kit, used to test the kit itself against real servers."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import Column, Integer, String, Table, select, update
from sqlalchemy import event as sa_event

from govkit import audit
from govkit.auth import OptionalPrincipalDep, PrincipalDep, require
from govkit.db import SessionDep, make_base
from govkit.errors import Conflict
from govkit.events import Event, Handler
from govkit.location import set_location
from govkit.scheduler import Job
from govkit.service import ServiceSpec, create_app
from govkit.settings import ServiceSettings
from govkit.tables import define_kit_tables

Base = make_base()
kit = define_kit_tables(Base.metadata)
pings = Table("pings", Base.metadata, Column("id", String(40), primary_key=True),
              Column("count", Integer, nullable=False, default=0))

router = APIRouter()


class PingIn(BaseModel):
    id: str


@router.post("/pings", status_code=201)
async def create_ping(body: PingIn, request: Request, response: Response, session: SessionDep,
                      principal: PrincipalDep) -> dict:
    async with session.begin():
        if (await session.execute(select(pings).where(pings.c.id == body.id))).first():
            raise Conflict(f"{body.id} 已存在", f"{body.id} exists")
        await session.execute(pings.insert().values(id=body.id, count=0))
        # tests: X-Hold-Seconds keeps the transaction open (to kill the process mid-request)
        await asyncio.sleep(float(request.headers.get("x-hold-seconds", 0)))
        await request.app.state.outbox.emit(session, "ping.ping.created", body.id, {"id": body.id})
        await audit.record(session, kit, "ping.create", "ping", body.id)
    set_location(request, response, f"/pings/{body.id}")
    return {"id": body.id}


class Level(BaseModel):
    level: int = Field(ge=1, le=5)
    name: str = Field(min_length=2)


@router.post("/levels")
async def check_level(body: Level) -> Level:
    return body


@router.put("/levels")
async def replace_level(body: Level) -> Level:
    """A second route on one path (a 405 there lists both methods)."""
    return body


@router.get("/pings/{ping_id}")
async def get_ping(ping_id: str, session: SessionDep, principal: OptionalPrincipalDep) -> dict:
    row = (await session.execute(select(pings).where(pings.c.id == ping_id))).mappings().first()
    return dict(row) if row else {}


@router.post("/pings/{ping_id}/close")
async def close_ping(ping_id: str, principal: PrincipalDep) -> dict:
    """Refused (403) to everyone without the scope ping.close: an audited refusal of an object."""
    require(principal, scope="ping.close")
    return {"closed": ping_id}


@router.get("/ping")
async def ping_named_like_the_service() -> dict:
    """A route that begins with the service's own name (as /tasks/tasks does)."""
    return {"pong": True}


async def on_pong(session, event: Event) -> None:
    """Counts deliveries of `ping.ping.created` seen by a consumer: must end at exactly 1."""
    key = event.data["id"]
    if event.data.get("fail"):
        raise RuntimeError("handler failure requested by the test")
    if event.data.get("die_after_commit") and os.environ.get("PING_FAULTS"):  # only in a process of its own
        # killed between the commit of the effect and the ack: JetStream delivers the event again
        sa_event.listen(session.sync_session, "after_commit", lambda _s: os.kill(os.getpid(), signal.SIGKILL),
                        once=True)
    if event.data.get("collide"):  # a bug in a handler: the same row inserted twice
        await session.execute(pings.insert().values(id=key, count=1))
        await session.execute(pings.insert().values(id=key, count=1))
    row = (await session.execute(select(pings.c.count).where(pings.c.id == key))).first()
    if row is None:
        await session.execute(pings.insert().values(id=key, count=1))
    else:
        await session.execute(update(pings).where(pings.c.id == key).values(count=row.count + 1))
    await audit.record(session, kit, "ping.count", "ping", key)


async def tick(session, now) -> str:
    await session.execute(pings.insert().values(id=f"tick-{now.isoformat()}", count=0))
    return "ticked"


async def _create_tables(app) -> None:
    async with app.state.engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)


def make_app(settings: ServiceSettings, *, consume: bool = False):
    spec = ServiceSpec(name="ping", title="ping", description="kit test service", metadata=Base.metadata, kit=kit,
                       migrations_dir=Path("/nonexistent"), routers=[router],
                       handlers={"ping.ping.created": Handler(on_pong)} if consume else {},
                       jobs=[Job("tick", tick, every_seconds=3600)], on_startup=_create_tables)
    return create_app(spec, settings)


def settings(db_url: str, **kw) -> ServiceSettings:
    return ServiceSettings(service_name="ping", database_url=db_url, migrate_on_startup=False, log_json=False,
                           env="test", **kw)


def _die_after_publishing_marked_events(marks: Path) -> None:
    """The relay is killed once per marked event right after JetStream has it and before its outbox row is
    marked published: on restart it publishes the row again."""
    from nats.js.client import JetStreamContext

    publish_async = JetStreamContext.publish_async

    async def publish_then_die(self, subject, payload=b"", *args, **kwargs):
        acked = await publish_async(self, subject, payload, *args, **kwargs)
        event_id = (kwargs.get("headers") or {}).get("Nats-Msg-Id", "")
        if b'"die_after_publish"' not in payload or (marks / event_id).exists():
            return acked

        async def ack_then_die():
            ack = await acked
            (marks / event_id).touch()
            os.kill(os.getpid(), signal.SIGKILL)
            return ack

        return asyncio.ensure_future(ack_then_die())

    JetStreamContext.publish_async = publish_then_die


def producer():
    """`uvicorn --factory pingsvc:producer` (settings from PING_* / plain variables): the relay's process."""
    if os.environ.get("PING_FAULTS"):
        _die_after_publishing_marked_events(Path(os.environ["PING_FAULTS"]))
    return make_app(ServiceSettings.from_env("ping", migrate_on_startup=False, log_json=False))


def consumer():
    """`uvicorn --factory pingsvc:consumer`: the consumer's process."""
    return make_app(ServiceSettings.from_env("ping", migrate_on_startup=False, log_json=False), consume=True)
