"""Body size limit (413) and per-client rate limiting (429 with Retry-After)."""

from __future__ import annotations

import json
import logging

from gateway_testkit import bearer, make_settings, running_gateway

from anyang_gateway.ratelimit import TokenBucketLimiter
from govkit.auth import PrincipalKind

LIMIT = 1000


async def test_a_body_of_exactly_the_limit_passes_and_one_byte_more_is_413(transport):
    async with running_gateway(make_settings(max_body_bytes=LIMIT), transport) as gateway:
        at_limit = await gateway.post("/credit/echo/x", content=b"a" * LIMIT)
        over = await gateway.post("/credit/echo/x", content=b"a" * (LIMIT + 1))
    assert at_limit.status_code == 200 and len(at_limit.json()["body"]) == LIMIT
    assert over.status_code == 413
    assert over.headers["content-type"] == "application/problem+json"
    assert over.json()["max_body_bytes"] == LIMIT
    assert len(transport.calls) == 1  # the oversized body never reached the service


async def test_a_streamed_body_without_content_length_is_cut_off_at_the_limit(transport):
    async def chunks():
        for _ in range(5):
            yield b"b" * 400

    async with running_gateway(make_settings(max_body_bytes=LIMIT), transport) as gateway:
        r = await gateway.post("/credit/echo/x", content=chunks())
    assert r.status_code == 413
    assert transport.calls == []


async def test_a_client_over_its_rate_is_refused_with_retry_after_and_others_are_not(transport, caplog):
    caplog.set_level(logging.INFO, logger="gateway")
    fgw, scjg = bearer("dept-fgw", org="fgw"), bearer("dept-scjg", org="scjg")
    async with running_gateway(make_settings(rate_limit_per_minute=3), transport) as gateway:
        allowed = [await gateway.get("/credit/echo/x", headers=fgw) for _ in range(3)]
        refused = await gateway.get("/credit/echo/x", headers=fgw)
        other_client = await gateway.get("/credit/echo/x", headers=scjg)
    assert [r.status_code for r in allowed] == [200, 200, 200]
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["retry-after"]) == 20  # one request per 20 s at 3 a minute
    assert other_client.status_code == 200
    logged = [json.loads(m) for m in caplog.messages if '"rate_limited"' in m]
    assert logged[-1]["status"] == 429 and logged[-1]["caller"] == "client:dept-fgw"
    assert logged[-1]["request_id"] == refused.headers["x-request-id"]


async def test_anonymous_callers_and_bad_tokens_are_limited_per_ip(transport):
    async with running_gateway(make_settings(rate_limit_per_minute=2), transport) as gateway:
        first = await gateway.get("/credit/echo/x")
        forged = await gateway.get("/credit/echo/x", headers={"Authorization": "Bearer forged.token.here"})
        third = await gateway.get("/credit/echo/x")
        valid_token = bearer("dept-fgw", kind=PrincipalKind.department)  # a verified client: its own bucket
        own_bucket = await gateway.get("/credit/echo/x", headers=valid_token)
    assert [first.status_code, forged.status_code, third.status_code] == [200, 200, 429]
    assert own_bucket.status_code == 200
    async with running_gateway(make_settings(rate_limit_per_minute=2), transport,
                               client_ip="10.7.7.7") as gateway:
        assert (await gateway.get("/credit/echo/x")).status_code == 200  # another address, another bucket


async def test_the_token_endpoint_is_rate_limited_per_ip(transport):
    async with running_gateway(make_settings(rate_limit_per_minute=1), transport) as gateway:
        data = {"grant_type": "client_credentials", "client_id": "dept-fgw", "client_secret": "x"}
        assert (await gateway.post("/auth/token", data=data)).status_code == 401
        assert (await gateway.post("/auth/token", data=data)).status_code == 429


async def test_health_probes_are_never_rate_limited(transport):
    async with running_gateway(make_settings(rate_limit_per_minute=1), transport) as gateway:
        statuses = [(await gateway.get("/livez")).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]


def test_the_bucket_refills_at_the_per_minute_rate():
    now = [0.0]
    limiter = TokenBucketLimiter(60, clock=lambda: now[0])  # one a second
    assert all(limiter.hit("k") is None for _ in range(60))  # a full minute's burst
    wait = limiter.hit("k")
    assert wait is not None and abs(wait - 1.0) < 1e-9
    now[0] = 0.5
    assert abs(limiter.hit("k") - 0.5) < 1e-9
    now[0] = 1.0
    assert limiter.hit("k") is None
    assert limiter.hit("k") is not None


def test_the_bucket_never_holds_more_than_a_minutes_worth():
    now = [0.0]
    limiter = TokenBucketLimiter(2, clock=lambda: now[0])
    limiter.hit("k")
    now[0] = 3600.0
    assert [limiter.hit("k") is None for _ in range(3)] == [True, True, False]
