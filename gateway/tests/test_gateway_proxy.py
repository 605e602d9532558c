"""Proxying `/{service}/{path}`: headers, request id, trace context, caller context, upstream failures."""

from __future__ import annotations

import json
import logging
import re

from gateway_testkit import bearer, closed_port, make_settings, running_gateway

HEX32 = re.compile(r"^[0-9a-f]{32}$")
TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


async def test_method_path_query_and_body_reach_the_service_unchanged(gateway):
    r = await gateway.put("/credit/echo/records/a%2Fb?x=1&y=%E5%AE%89", content=b'{"a": 1}',
                          headers={"content-type": "application/json"})
    assert r.status_code == 200
    seen = r.json()
    assert seen["method"] == "PUT"
    assert seen["raw_path"] == "/echo/records/a%2Fb"  # percent-escapes kept byte for byte
    assert seen["query"] == "x=1&y=%E5%AE%89"
    assert seen["body"] == '{"a": 1}'
    assert seen["headers"]["content-type"] == "application/json"


async def test_a_request_id_and_a_new_trace_are_made_and_sent_both_ways(gateway):
    r = await gateway.get("/credit/echo/x")
    upstream = r.json()["headers"]
    assert HEX32.match(r.headers["x-request-id"])
    assert upstream["x-request-id"] == r.headers["x-request-id"]
    assert TRACEPARENT.match(r.headers["traceparent"])
    assert upstream["traceparent"] == r.headers["traceparent"]


async def test_the_callers_request_id_and_trace_id_are_kept_with_a_new_parent_span(gateway):
    incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    r = await gateway.get("/credit/echo/x", headers={"X-Request-Id": "case-2023-0042",
                                                     "traceparent": incoming})
    upstream = r.json()["headers"]
    assert upstream["x-request-id"] == r.headers["x-request-id"] == "case-2023-0042"
    trace_id, parent_id, flags = TRACEPARENT.match(upstream["traceparent"]).groups()
    assert trace_id == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert parent_id != "00f067aa0ba902b7"
    assert flags == "01"
    assert r.headers["traceparent"] == upstream["traceparent"]


async def test_a_malformed_request_id_or_traceparent_is_replaced(gateway):
    r = await gateway.get("/credit/echo/x", headers={"X-Request-Id": "bad id\twith junk",
                                                     "traceparent": "00-00000000000000000000000000000000-"
                                                                    "00f067aa0ba902b7-01"})
    upstream = r.json()["headers"]
    assert HEX32.match(upstream["x-request-id"])
    assert TRACEPARENT.match(upstream["traceparent"]).group(1) != "0" * 32


async def test_caller_context_and_forwarding_headers_reach_the_service(gateway):
    r = await gateway.get("/credit/echo/x", headers={
        "X-Road-Client": "GOV/410500/scjg/case-system", "X-Road-Id": "msg-77",
        "X-Road-Issue": "案-2023-9".encode(),
        **bearer()})
    upstream = r.json()["headers"]
    assert upstream["x-road-client"] == "GOV/410500/scjg/case-system"
    assert upstream["x-road-id"] == "msg-77"
    assert upstream["x-road-issue"] == "案-2023-9".encode().decode("latin-1")
    assert upstream["x-forwarded-prefix"] == "/credit"
    assert upstream["x-forwarded-for"] == "10.1.2.3"
    assert upstream["host"] == "credit.test"  # the gateway's Host is not forwarded
    assert upstream["authorization"].startswith("Bearer ")


async def test_hop_by_hop_headers_are_not_forwarded(gateway):
    r = await gateway.get("/credit/echo/x", headers={
        "Connection": "keep-alive, X-Hop-Secret", "X-Hop-Secret": "1", "TE": "trailers",
        "Proxy-Authorization": "Basic Zm9vOmJhcg==", "X-Kept": "yes"})
    upstream = r.json()["headers"]
    assert "x-hop-secret" not in upstream
    assert "te" not in upstream
    assert "proxy-authorization" not in upstream
    assert upstream["x-kept"] == "yes"


async def test_the_gateway_does_not_judge_tokens_the_service_does(gateway):
    good = await gateway.get("/credit/whoami", headers=bearer("dept-scjg", org="scjg"))
    forged = await gateway.get("/credit/whoami", headers={"Authorization": "Bearer not-a-token"})
    assert good.status_code == 200 and good.json()["org"] == "scjg"
    assert forged.status_code == 401
    assert forged.headers["content-type"] == "application/problem+json"


async def test_an_upstream_401_is_logged_as_a_refusal_with_caller_context(gateway, caplog):
    caplog.set_level(logging.INFO, logger="gateway")
    r = await gateway.get("/credit/whoami", headers={"X-Road-Client": "GOV/410500/sw/tax"})
    assert r.status_code == 401
    refusals = [json.loads(m) for m in caplog.messages if '"refused"' in m]
    assert refusals[-1]["status"] == 401
    assert refusals[-1]["service"] == "credit"
    assert refusals[-1]["x_road_client"] == "GOV/410500/sw/tax"
    assert refusals[-1]["request_id"] == r.headers["x-request-id"]


async def test_cookies_set_by_a_service_are_never_replayed_for_another_caller(gateway):
    first = await gateway.get("/credit/set-cookie")
    assert sorted(first.headers.get_list("set-cookie"))[1].startswith("session=credit-user-a")
    gateway.cookies.clear()  # the second caller has no cookies of its own
    second = await gateway.get("/credit/echo/x")
    assert second.json()["cookies"] == {}


async def test_response_headers_come_back_byte_for_byte(gateway):
    r = await gateway.get("/credit/download")
    assert r.content == b"%PDF-1.7"
    raw = dict(r.headers.raw)
    assert raw[b"content-disposition"] == 'attachment; filename="安阳信用报告.pdf"'.encode()
    assert raw[b"content-length"] == b"8"


async def test_a_head_keeps_the_services_length_and_a_204_has_none(real_credit):
    async with running_gateway(make_settings(services={"credit": real_credit})) as gateway:
        head = await gateway.head("/credit/download")
        deleted = await gateway.delete("/credit/drafts/7")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == "8"  # the GET's length, as the service said it
    assert head.headers["content-type"] == "application/pdf"
    assert deleted.status_code == 204 and "content-length" not in deleted.headers and deleted.content == b""


async def test_without_accept_encoding_the_service_is_asked_for_identity(gateway):
    del gateway.headers["accept-encoding"]
    r = await gateway.get("/credit/gzip")
    assert r.json()["accept_encoding"] == "identity"


async def test_an_unknown_service_is_a_404_problem(gateway):
    r = await gateway.get("/nosuch/records")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert "nosuch" in r.json()["detail"]


async def test_a_service_named_like_a_gateway_route_keeps_only_the_paths_the_gateway_does_not_serve(transport):
    settings = make_settings(services={"credit": "http://credit.test", "calendar": "http://credit.test"})
    async with running_gateway(settings, transport) as gateway:
        own = await gateway.get("/calendar/days/2026-10-01")
        assert own.status_code == 200 and own.json()["working_day"] is False  # the gateway's calendar
        proxied = await gateway.get("/calendar/echo/x?y=1")
        assert proxied.status_code == 200 and proxied.json()["raw_path"] == "/echo/x"


async def test_dot_segments_are_refused(gateway):
    r = await gateway.get("/credit/%2e%2e/hydrogen/records/x")
    assert r.status_code == 400


async def test_a_service_that_is_down_is_a_502_naming_it(transport):
    settings = make_settings(services={"credit": f"http://127.0.0.1:{closed_port()}"})
    async with running_gateway(settings, transport) as gateway:
        r = await gateway.get("/credit/records/1", headers={"Accept-Language": "en"})
    assert r.status_code == 502
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["service"] == "credit"
    assert "credit" in r.json()["detail"]
    assert HEX32.match(r.headers["x-request-id"])


async def test_a_slow_service_is_a_504(real_credit):
    settings = make_settings(services={"credit": real_credit}, read_timeout_seconds=0.2)
    async with running_gateway(settings) as gateway:  # the real network, no in-process transport
        fast = await gateway.get("/credit/slow", params={"seconds": 0})
        slow = await gateway.get("/credit/slow", params={"seconds": 1.5})
    assert fast.status_code == 200
    assert slow.status_code == 504
    assert slow.json()["service"] == "credit"


async def test_proxying_over_a_real_http_server_keeps_the_ids(real_credit):
    async with running_gateway(make_settings(services={"credit": real_credit})) as gateway:
        r = await gateway.get("/credit/echo/a%2Fb", params={"q": "安阳"})
    seen = r.json()
    assert seen["raw_path"] == "/echo/a%2Fb"
    assert seen["headers"]["x-request-id"] == r.headers["x-request-id"]
    assert seen["headers"]["x-forwarded-prefix"] == "/credit"


async def test_cors_preflight_is_answered_for_mobile_apps(gateway):
    r = await gateway.options("/credit/records/1", headers={
        "Origin": "https://app.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "*"
    assert "POST" in r.headers["access-control-allow-methods"]
