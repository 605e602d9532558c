"""Several base URLs per service (replicas): requests spread round-robin, a replica that refuses the
connection is skipped; and a client's own rate limit from the clients file."""

from __future__ import annotations

import yaml
from gateway_testkit import bearer, closed_port, credit_app, make_settings, running_gateway, uvicorn_server

from anyang_gateway.settings import GatewaySettings


def test_a_service_takes_a_list_or_comma_separated_base_urls(monkeypatch):
    monkeypatch.setenv("GATEWAY_SERVICES", '{"credit": ["http://a:8001/", "http://b:8001"], '
                                           '"awards": "http://c:8003, http://d:8003"}')
    settings = GatewaySettings()
    assert settings.upstreams == {"credit": ("http://a:8001", "http://b:8001"),
                                  "awards": ("http://c:8003", "http://d:8003")}
    assert settings.services == {"credit": "http://a:8001", "awards": "http://c:8003"}  # health, OpenAPI


async def test_requests_are_spread_over_the_replicas_in_turn():
    with uvicorn_server(credit_app()) as a, uvicorn_server(credit_app()) as b:
        async with running_gateway(make_settings(services={"credit": [a, b]})) as gateway:
            seen = [(await gateway.get("/credit/echo/x")).json()["headers"]["host"] for _ in range(4)]
    hosts = [a.split("//")[1], b.split("//")[1]]
    assert seen == hosts + hosts


async def test_a_replica_that_refuses_connections_is_skipped_and_all_down_is_a_502(real_credit):
    down = f"http://127.0.0.1:{closed_port()}"
    async with running_gateway(make_settings(services={"credit": [down, real_credit]})) as gateway:
        answers = [await gateway.post("/credit/echo/x", content=b"once") for _ in range(4)]
    assert [r.status_code for r in answers] == [200, 200, 200, 200]
    assert all(r.json()["body"] == "once" for r in answers)
    async with running_gateway(make_settings(services={"credit": [down, down]})) as gateway:
        r = await gateway.get("/credit/echo/x")
    assert r.status_code == 502 and r.json()["service"] == "credit"


async def test_a_client_with_its_own_limit_in_the_clients_file_gets_it(tmp_path, transport):
    clients = tmp_path / "clients.yaml"
    clients.write_text(yaml.safe_dump({"clients": [
        {"client_id": "bulk", "secret": "bulk-secret", "rate_limit_per_minute": 5,
         "principal": {"kind": "department", "org": "scjg", "scopes": []}},
        {"client_id": "plain", "secret": "plain-secret", "principal": {"kind": "department", "org": "fgw"}}]}))
    settings = make_settings(rate_limit_per_minute=2, clients_file=clients)
    bulk, plain = bearer("bulk", org="scjg"), bearer("plain", org="fgw")
    async with running_gateway(settings, transport) as gateway:
        bulk_codes = [(await gateway.get("/credit/echo/x", headers=bulk)).status_code for _ in range(6)]
        plain_codes = [(await gateway.get("/credit/echo/x", headers=plain)).status_code for _ in range(3)]
    assert bulk_codes == [200] * 5 + [429]
    assert plain_codes == [200, 200, 429]
