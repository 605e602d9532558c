"""Common behaviour every service inherits from the kit, seen through HTTP."""

from __future__ import annotations

import importlib.util
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from govkit.clock import utcnow
from govkit.testing import bearer, running

_spec = importlib.util.spec_from_file_location("pingsvc", Path(__file__).with_name("pingsvc.py"))
ping = sys.modules.get("pingsvc") or importlib.util.module_from_spec(_spec)
if "pingsvc" not in sys.modules:
    sys.modules["pingsvc"] = ping
    _spec.loader.exec_module(ping)

WRITER = bearer("department", "fgw")
OPS = bearer("department", "fgw", scopes=["ops"])


@pytest.fixture
async def app_client(tmp_path):
    app = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/s.db", background=False,
                                      max_body_bytes=2000, page_size_max=100))
    async with running(app) as client:
        client.app = app
        yield client


async def test_health_ready_and_metrics(app_client):
    assert (await app_client.get("/health")).json() == {"status": "ok", "service": "ping"}
    ready = (await app_client.get("/ready")).json()
    assert ready == {"status": "ready", "database": "ok", "nats": "disabled", "outbox_backlog": 0}
    await app_client.get("/pings/abc")
    text = (await app_client.get("/metrics")).text
    assert 'http_requests_total{method="GET",route="/pings/{ping_id}",service="ping",status="200"} 1.0' in text
    assert 'outbox_backlog{service="ping"} 0.0' in text


async def test_errors_are_problem_json_in_chinese_or_english(app_client):
    r = await app_client.post("/pings", json={"id": 5}, headers=WRITER)
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["status"] == 422 and body["title"] == "数据不符合规则" and body["errors"][0]["field"] == "id"
    r = await app_client.post("/pings", json={}, headers=WRITER | {"Accept-Language": "en-GB,en;q=0.9"})
    assert r.json()["title"] == "Unprocessable content" and r.json()["detail"].startswith("Invalid request data")
    r = await app_client.post("/pings", json={"id": "a"})
    assert r.status_code == 401 and "Bearer" in r.json()["detail"]
    r = await app_client.post("/pings", json={"id": "a"}, headers={"Authorization": "Bearer nonsense"})
    assert r.status_code == 401 and r.json()["detail"].startswith("令牌无效")
    r = await app_client.get("/nowhere")
    assert r.status_code == 404 and r.json()["detail"] == "没有这个地址"


async def test_a_method_not_allowed_lists_every_method_of_the_path(app_client):
    for path, allowed in (("/levels", "POST, PUT"), ("/pings/p1", "GET"), ("/pings", "POST")):
        r = await app_client.delete(path, headers=WRITER)
        assert (r.status_code, r.headers["allow"], r.headers["content-type"]) == (
            405, allowed, "application/problem+json"), path


async def test_request_id_and_traceparent_are_propagated(app_client):
    trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    r = await app_client.get("/health", headers={"X-Request-Id": "req-1", "traceparent": trace})
    assert r.headers["x-request-id"] == "req-1"
    assert r.headers["traceparent"].startswith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
    assert r.headers["traceparent"] != trace  # a new span for this hop


async def test_writes_are_audited_with_request_id_and_refusals_too(app_client):
    headers = WRITER | {"X-Request-Id": "req-42", "X-Road-Client": "HA/GOV/12345-hotline", "X-Road-Issue": "C-9"}
    assert (await app_client.post("/pings", json={"id": "p1"}, headers=headers)).status_code == 201
    assert (await app_client.post("/pings", json={"id": "p1"}, headers=WRITER)).status_code == 409
    trail = (await app_client.get("/audit/ping/p1", headers=bearer("department", "zfb", scopes=["audit.read"]))).json()
    assert trail["total"] == 1
    assert [(e["action"], e["outcome"], e["outcome_label"], e["principal_kind_label"], e["request_id"],
             e["caller_system"], e["caller_case"]) for e in trail["items"]] == [
        ("ping.create", "accepted", "已受理", "政府部门", "req-42", "HA/GOV/12345-hotline", "C-9")]
    async with app_client.app.state.sessionmaker() as s:
        from sqlalchemy import select
        rows = (await s.execute(select(ping.kit.audit_log).where(ping.kit.audit_log.c.outcome == "refused"))).all()
    assert [(r.status, r.action) for r in rows] == [(409, "POST /pings")]
    assert (await app_client.get("/audit/ping/p1", headers=bearer("enterprise", "x"))).status_code == 403


async def test_idempotency_key_replays_the_first_answer_and_refuses_another_body(app_client):
    key = {"Idempotency-Key": "k-1"} | WRITER
    first = await app_client.post("/pings", json={"id": "i1"}, headers=key)
    again = await app_client.post("/pings", json={"id": "i1"}, headers=key)
    assert first.status_code == again.status_code == 201 and again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    other = await app_client.post("/pings", json={"id": "i2"}, headers=key)
    assert other.status_code == 422 and other.json()["type"].endswith("idempotency-key-reused")
    assert (await app_client.get("/pings/i2")).json() == {}


async def test_body_over_the_limit_is_413_and_nothing_is_written(app_client):
    r = await app_client.post("/pings", json={"id": "x" * 3000}, headers=WRITER)
    assert r.status_code == 413 and r.headers["content-type"] == "application/problem+json"
    assert (await app_client.get("/pings/" + "x" * 3000)).json() == {}


async def test_page_size_is_capped_and_the_document_declares_the_cap(app_client):
    r = await app_client.get("/ops/dead-letters?limit=101", headers=OPS)
    assert r.status_code == 422 and "100" in r.json()["detail"]
    assert (await app_client.get("/ops/dead-letters?limit=100", headers=OPS)).json()["limit"] == 100
    doc = (await app_client.get("/openapi.json")).json()
    (limit,) = [p for p in doc["paths"]["/ops/dead-letters"]["get"]["parameters"] if p["name"] == "limit"]
    assert {"type": "integer", "minimum": 1, "maximum": 100} in limit["schema"]["anyOf"]


async def test_a_scheduled_job_runs_once_across_replicas(app_client):
    app = app_client.app
    job = app.state.spec.jobs[0]
    from govkit.scheduler import Scheduler
    other = Scheduler(app.state.sessionmaker, ping.kit, [job], holder="replica-2")
    now = utcnow()
    assert await app.state.scheduler.run_once(job, now) == "ticked"
    assert await other.run_once(job, now + timedelta(seconds=1)) is None  # lease held elsewhere
    assert await other.run_once(job, now + timedelta(hours=2)) == "ticked"  # lease expired
    r = await app_client.post("/ops/jobs/tick/run", headers=OPS)
    assert r.status_code == 200
    jobs = (await app_client.get("/ops/jobs", headers=OPS)).json()["items"]
    assert jobs[0]["name"] == "tick" and jobs[0]["last_result"] == "ticked"


async def test_docs_behind_the_gateway_load_the_service_document_under_its_prefix(app_client):
    r = await app_client.get("/docs", headers={"X-Forwarded-Prefix": "/ping"})
    assert r.status_code == 200 and "/ping/openapi.json" in r.text
    assert (await app_client.get("/health", headers={"X-Forwarded-Prefix": "/ping"})).status_code == 200


async def test_a_route_named_like_the_service_is_reachable_behind_the_gateway(app_client):
    r = await app_client.get("/ping", headers={"X-Forwarded-Prefix": "/ping"})
    assert r.status_code == 200 and r.json() == {"pong": True}


def test_a_value_the_database_cannot_take_is_the_callers_error_but_a_lost_connection_is_not():
    import asyncpg
    from sqlalchemy.exc import DBAPIError

    from govkit.errors import _bad_value

    overflow = asyncpg.exceptions.DataError("invalid input for query argument $1 (value out of int32 range)")
    overflow.__cause__ = OverflowError("int too big")
    assert _bad_value(DBAPIError("SELECT $1::INT", {}, overflow))
    assert _bad_value(DBAPIError("SELECT $1", {}, asyncpg.exceptions.CharacterNotInRepertoireError("0x00")))
    assert not _bad_value(DBAPIError("SELECT 1", {}, ConnectionResetError("connection lost")))
