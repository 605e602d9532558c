"""Body size limit (413) and per-client rate limiting (429 with Retry-After)."""

from __future__ import annotations

import json
import logging
import uuid

from gateway_testkit import bearer, make_settings, running_gateway

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
    assert 55 <= int(refused.headers["retry-after"]) <= 60  # when the first of the 3 leaves the minute
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


async def test_x_forwarded_for_from_a_caller_that_is_not_a_configured_proxy_is_ignored(transport):
    async with running_gateway(make_settings(rate_limit_per_minute=2), transport, client_ip="127.0.0.1") as gateway:
        codes = [(await gateway.get("/credit/echo/x", headers={"X-Forwarded-For": f"203.0.113.{i}"})).status_code
                 for i in range(3)]
    assert codes == [200, 200, 429]  # one bucket: the loopback peer's, whatever the header says


async def test_a_configured_proxy_passes_the_real_client_and_cannot_be_spoofed_through(transport):
    settings = make_settings(rate_limit_per_minute=1, trusted_proxies=["10.0.0.0/8"])
    async with running_gateway(settings, transport, client_ip="10.0.0.5") as balancer:
        # the balancer appends the address it saw; what the client wrote before it is not believed
        first = await balancer.get("/credit/echo/x", headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.7"})
        spoofed = await balancer.get("/credit/echo/x", headers={"X-Forwarded-For": "198.51.100.2, 203.0.113.7"})
        other = await balancer.get("/credit/echo/x", headers={"X-Forwarded-For": "203.0.113.8"})
    assert (first.status_code, spoofed.status_code, other.status_code) == (200, 429, 200)


async def test_gateway_replicas_share_their_limits_through_redis(transport, redis_url):
    settings = make_settings(rate_limit_per_minute=3, rate_limit_storage_url=redis_url,
                             rate_limit_key_prefix=f"test-{uuid.uuid4().hex}")  # never flushed: a prefix of its own
    caller = bearer("dept-fgw", org="fgw")
    async with running_gateway(settings, transport) as one, running_gateway(settings, transport) as two:
        codes = [(await replica.get("/credit/echo/x", headers=caller)).status_code
                 for replica in (one, two, one, two)]
    assert codes == [200, 200, 200, 429]
