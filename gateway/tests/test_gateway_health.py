"""GET /health: each service's liveness and readiness, 200 only when all are ok."""

from __future__ import annotations

from gateway_testkit import closed_port, credit_app, make_settings, running_gateway, uvicorn_server


async def test_all_services_live_and_ready_is_200_ok(gateway):
    r = await gateway.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert set(body["services"]) == {"credit", "hydrogen"}
    assert body["services"]["credit"]["status"] == "ok"
    assert body["services"]["credit"]["ready"] is True
    assert body["services"]["credit"]["detail"]["database"] == "ok"


async def test_a_service_that_is_live_but_not_ready_makes_it_503_degraded(gateway, upstream_state):
    upstream_state["hydrogen"]["ready"] = False
    r = await gateway.get("/health")
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "degraded"
    assert body["services"]["hydrogen"] == {
        "status": "ok", "ready": False,
        "detail": {"http_status": 503, "body": {"status": "not_ready", "database": "down"}}}
    assert body["services"]["credit"]["ready"] is True


async def test_a_service_that_is_down_is_reported_unreachable(transport):
    settings = make_settings(services={"credit": "http://credit.test",
                                       "tasks": f"http://127.0.0.1:{closed_port()}"})
    async with running_gateway(settings, transport) as gateway:
        r = await gateway.get("/health")
    assert r.status_code == 503
    tasks = r.json()["services"]["tasks"]
    assert (tasks["status"], tasks["ready"]) == ("unreachable", False)
    assert "ConnectError" in tasks["detail"]


async def test_a_service_slower_than_the_timeout_is_reported_as_timeout():
    with uvicorn_server(credit_app({"health_delay": 1.0})) as url:
        settings = make_settings(services={"credit": url}, health_timeout_seconds=0.2)
        async with running_gateway(settings) as gateway:
            r = await gateway.get("/health")
    assert r.status_code == 503
    credit = r.json()["services"]["credit"]
    assert credit["status"] == "timeout"
    assert credit["ready"] is True  # /ready answered in time; liveness did not
