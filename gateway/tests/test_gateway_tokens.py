"""POST /auth/token: OAuth2 client credentials (RFC 6749 §4.4) and its error shape (§5.2)."""

from __future__ import annotations

import base64
import hashlib
import json
import logging

import pytest
from gateway_testkit import decode, make_settings, running_gateway

from anyang_gateway.clients import ClientRegistry

TOKEN = "/auth/token"


def form(client_id="dept-fgw", secret="dept-fgw-secret", **extra):
    return {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret, **extra}


def basic(client_id: str, secret: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


async def test_form_credentials_get_a_bearer_token_for_the_clients_principal(gateway):
    r = await gateway.post(TOKEN, data=form())
    assert r.status_code == 200
    body = r.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 3600
    assert body["scope"] == "credit.admin credit.report credit.list credit.review credit.draw audit.read"
    assert r.headers["cache-control"] == "no-store"
    principal = decode(body["access_token"])
    assert (principal.sub, principal.kind, principal.org, principal.region) == (
        "dept-fgw", "department", "fgw", "410500")
    assert principal.name == "市发展和改革委员会"


async def test_http_basic_credentials_work_like_the_form(gateway):
    r = await gateway.post(TOKEN, data={"grant_type": "client_credentials"},
                           headers=basic("county-linzhou", "county-linzhou-secret"))
    assert r.status_code == 200
    principal = decode(r.json()["access_token"])
    assert (principal.org, principal.region) == ("410581", "410581")
    assert principal.scopes == ["awards.county_review", "hydrogen.county", "housing.region"]


async def test_a_wrong_secret_is_invalid_client_401_and_logged(gateway, caplog):
    caplog.set_level(logging.INFO, logger="gateway")
    r = await gateway.post(TOKEN, data=form(secret="guess"))
    assert r.status_code == 401
    assert r.json()["error"] == "invalid_client"
    assert "client_secret" in r.json()["error_description"]
    assert r.headers["www-authenticate"].startswith("Basic")
    assert "access_token" not in r.json()
    refusals = [json.loads(m) for m in caplog.messages if '"refused"' in m]
    assert refusals and refusals[-1]["status"] == 401 and refusals[-1]["client_id"] == "dept-fgw"
    assert refusals[-1]["request_id"] == r.headers["x-request-id"]


async def test_an_unknown_client_is_refused_like_a_wrong_secret(gateway):
    r = await gateway.post(TOKEN, data=form(client_id="nobody", secret="nobody-secret"))
    assert (r.status_code, r.json()["error"]) == (401, "invalid_client")


async def test_a_wrong_basic_secret_is_401(gateway):
    r = await gateway.post(TOKEN, data={"grant_type": "client_credentials"}, headers=basic("dept-fgw", "x"))
    assert (r.status_code, r.json()["error"]) == (401, "invalid_client")


async def test_missing_credentials_are_invalid_client(gateway):
    r = await gateway.post(TOKEN, data={"grant_type": "client_credentials"})
    assert (r.status_code, r.json()["error"]) == (401, "invalid_client")


async def test_another_grant_type_is_unsupported_grant_type_400(gateway):
    r = await gateway.post(TOKEN, data=form(grant_type="password"))
    assert r.status_code == 400
    assert r.json()["error"] == "unsupported_grant_type"


async def test_a_missing_grant_type_is_invalid_request(gateway):
    r = await gateway.post(TOKEN, data={"client_id": "dept-fgw", "client_secret": "dept-fgw-secret"})
    assert (r.status_code, r.json()["error"]) == (400, "invalid_request")


async def test_two_authentication_methods_at_once_are_invalid_request(gateway):
    r = await gateway.post(TOKEN, data=form(), headers=basic("dept-fgw", "dept-fgw-secret"))
    assert (r.status_code, r.json()["error"]) == (400, "invalid_request")


async def test_a_requested_scope_narrows_the_token(gateway):
    r = await gateway.post(TOKEN, data=form(scope="credit.report"))
    assert r.status_code == 200
    assert r.json()["scope"] == "credit.report"
    assert decode(r.json()["access_token"]).scopes == ["credit.report"]


async def test_a_scope_the_client_lacks_is_invalid_scope(gateway):
    r = await gateway.post(TOKEN, data=form(scope="credit.report housing.admin"))
    assert (r.status_code, r.json()["error"]) == (400, "invalid_scope")
    assert "housing.admin" in r.json()["error_description"]


async def test_error_descriptions_follow_accept_language(gateway):
    zh = await gateway.post(TOKEN, data=form(secret="x"))
    en = await gateway.post(TOKEN, data=form(secret="x"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "客户端认证失败" in zh.json()["error_description"]
    assert en.json()["error_description"].startswith("Client authentication failed")


async def test_clients_with_a_sha256_secret_authenticate(tmp_path, transport):
    digest = hashlib.sha256(b"s3cret-value").hexdigest()
    path = tmp_path / "clients.yaml"
    path.write_text(f"""clients:
  - client_id: prod-client
    secret_sha256: {digest}
    description: a production-style client
    principal: {{kind: enterprise, org: 91410500MA44GT012H, scopes: []}}
""", encoding="utf-8")
    async with running_gateway(make_settings(clients_file=path), transport) as gateway:
        ok = await gateway.post(TOKEN, data=form("prod-client", "s3cret-value"))
        bad = await gateway.post(TOKEN, data=form("prod-client", "s3cret-valuE"))
    assert ok.status_code == 200 and decode(ok.json()["access_token"]).kind == "enterprise"
    assert bad.status_code == 401


def test_plain_text_secrets_are_refused_when_not_allowed(tmp_path):
    path = tmp_path / "clients.yaml"
    path.write_text("clients:\n  - {client_id: a, secret: a-secret, principal: {kind: public}}\n")
    with pytest.raises(ValueError, match="plain-text secret"):
        ClientRegistry.load(path, allow_plain_secrets=False)
