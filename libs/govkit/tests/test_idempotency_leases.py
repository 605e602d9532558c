"""Retries that survive crashes: an Idempotency-Key in progress holds a lease; when the process serving
it dies, a retry after the lease runs the request again (nothing of the first attempt was written), and
answered keys are purged after their retention."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta
from pathlib import Path

import httpx
import pingsvc
from sqlalchemy import func, select

from govkit.clock import utcnow
from govkit.db import make_engine
from govkit.testing import bearer, eventually, running
from govkit.testing.faults import ServiceProcess

WRITER = bearer("department", "fgw")
LEASE_SECONDS = 2


@contextlib.contextmanager
def ping_server(db_url: str):
    service = ServiceProcess("pingsvc:producer", {
        "PING_DATABASE_URL": db_url, "BACKGROUND": "false", "ENV": "test",
        "IDEMPOTENCY_LEASE_SECONDS": str(LEASE_SECONDS)}, pythonpath=[Path(pingsvc.__file__).parent])
    service.start()
    try:
        yield service, f"http://127.0.0.1:{service.port}"
    finally:
        service.kill()


async def _up(client: httpx.AsyncClient) -> bool:
    with contextlib.suppress(httpx.TransportError):
        return (await client.get("/health")).status_code == 200
    return False


async def _count(db_url: str, table, where) -> int:
    engine = make_engine(db_url)
    try:
        async with engine.connect() as conn:
            return (await conn.execute(select(func.count()).select_from(table).where(where))).scalar_one()
    finally:
        await engine.dispose()


async def pings_with_id(db_url: str, ping_id: str) -> int:
    return await _count(db_url, pingsvc.pings, pingsvc.pings.c.id == ping_id)


async def test_a_retry_after_the_serving_process_was_killed_runs_once_the_lease_is_over(tmp_path):
    db_url = f"sqlite+aiosqlite:///{tmp_path}/ping.db"
    key = WRITER | {"Idempotency-Key": "batch-7"}
    with ping_server(db_url) as (service, url):
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            await eventually(lambda: _up(client), timeout=30)
            first = asyncio.create_task(client.post("/pings", json={"id": "p1"},
                                                    headers=key | {"X-Hold-Seconds": "600"}))

            await eventually(lambda: _count(db_url, pingsvc.kit.idempotency_keys,
                                            pingsvc.kit.idempotency_keys.c.key == "batch-7"))

            async def in_progress():
                r = await client.post("/pings", json={"id": "p1"}, headers=key)
                return r if r.status_code == 409 else None

            busy = await eventually(in_progress)
            service.kill()  # the process dies mid-request (SIGKILL)
            first.cancel()
            with contextlib.suppress(asyncio.CancelledError, httpx.TransportError):
                await first
    assert 1 <= int(busy.headers["retry-after"]) <= LEASE_SECONDS  # the lease's remaining time, not for ever
    assert await pings_with_id(db_url, "p1") == 0  # nothing half-written

    with ping_server(db_url) as (_, url):
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            await eventually(lambda: _up(client), timeout=30)

            async def retried():
                r = await client.post("/pings", json={"id": "p1"}, headers=key)
                return r if r.status_code != 409 else None

            # 409 while the dead request's lease lasts, then the retry runs
            done = await eventually(retried, timeout=LEASE_SECONDS + 10, interval=0.2)
            replay = await client.post("/pings", json={"id": "p1"}, headers=key)
    assert done.status_code == 201 and done.json() == {"id": "p1"}
    assert replay.status_code == 201 and replay.headers["idempotent-replayed"] == "true"
    assert await pings_with_id(db_url, "p1") == 1


async def test_answered_keys_are_purged_after_their_retention(tmp_path):
    app = pingsvc.make_app(pingsvc.settings(f"sqlite+aiosqlite:///{tmp_path}/ping.db", background=False,
                                            idempotency_retention_hours=24))
    async with running(app) as client:
        r = await client.post("/pings", json={"id": "p2"}, headers=WRITER | {"Idempotency-Key": "k-old"})
        assert r.status_code == 201
        job = next(j for j in app.state.scheduler.jobs if j.name == "purge-idempotency-keys")
        kept = await app.state.scheduler.run_once(job, utcnow() + timedelta(hours=23))
        purged = await app.state.scheduler.run_once(job, utcnow() + timedelta(hours=25, minutes=1))
        again = await client.post("/pings", json={"id": "p2"}, headers=WRITER | {"Idempotency-Key": "k-old"})
    assert (kept, purged) == ("purged 0 keys", "purged 1 keys")
    assert again.status_code == 409 and "idempotent-replayed" not in again.headers  # a new request now
