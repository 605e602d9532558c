"""Asymmetric tokens: the gateway signs with a private key and publishes the public half (JWKS); a
service verifies with keys fetched from there, chosen by kid, so keys rotate without a restart."""

from __future__ import annotations

import time
from types import SimpleNamespace

import httpx
import jwt
import pytest
from gateway_testkit import credit_app, make_settings, uvicorn_server

from anyang_gateway.main import create_app
from govkit.auth import AUDIENCE, ISSUER, Principal, SigningKey, TokenVerifier, issue_token
from govkit.errors import Unauthorized
from govkit.testing import bearer, running
from govkit.testing.keys import TEST_KEY, TEST_PRIVATE_KEY_PEM

FORM = {"grant_type": "client_credentials", "client_id": "dept-fgw", "client_secret": "dept-fgw-secret"}


def key_file(tmp_path, key: SigningKey, name: str):
    path = tmp_path / f"{name}.pem"
    path.write_text(key.private_pem())
    return path


def service_trusting(jwks_url: str | None, env: str = "development"):
    app = credit_app()
    app.state.settings = SimpleNamespace(env=env, jwks_url=jwks_url)
    return app


async def whoami(app, headers: dict[str, str]) -> httpx.Response:
    async with running(app) as client:
        return await client.get("/whoami", headers=headers)


async def token_from(gateway_url: str) -> str:
    async with httpx.AsyncClient() as client:
        r = await client.post(gateway_url + "/auth/token", data=FORM)
    assert r.status_code == 200, r.text
    return r.json()["access_token"]


async def test_a_service_verifies_gateway_tokens_with_the_published_public_keys(tmp_path):
    key = SigningKey.generate()
    gateway = create_app(make_settings(env="development", signing_key_files=[key_file(tmp_path, key, "k")]))
    with uvicorn_server(gateway) as url:
        async with httpx.AsyncClient() as client:
            published = (await client.get(url + "/.well-known/jwks.json")).json()
        token = await token_from(url)
        service = service_trusting(url + "/.well-known/jwks.json")
        r = await whoami(service, {"Authorization": f"Bearer {token}"})
    assert [k["kid"] for k in published["keys"]] == [key.kid]
    assert all("d" not in k for k in published["keys"])  # never the private part
    assert jwt.get_unverified_header(token) == {"alg": "EdDSA", "kid": key.kid, "typ": "JWT"}
    assert r.status_code == 200 and r.json()["sub"] == "dept-fgw"


async def test_keys_rotate_without_restarting_the_services(tmp_path):
    old, new = SigningKey.generate(), SigningKey.generate()
    service = service_trusting(None)
    async with running(service) as client:
        with uvicorn_server(create_app(make_settings(
                env="development", signing_key_files=[key_file(tmp_path, old, "old")]))) as url:
            service.state.token_verifier = TokenVerifier(url + "/.well-known/jwks.json", min_refetch_seconds=0)
            old_token = await token_from(url)
            assert (await client.get("/whoami", headers={"Authorization": f"Bearer {old_token}"})).status_code == 200
            service.state.token_verifier.jwks_url = "http://127.0.0.1:9/unreachable"  # the old gateway goes away
        with uvicorn_server(create_app(make_settings(
                env="development", signing_key_files=[key_file(tmp_path, new, "new"),
                                                      key_file(tmp_path, old, "old")]))) as url:
            service.state.token_verifier.jwks_url = url + "/.well-known/jwks.json"
            new_token = await token_from(url)
            with_new = await client.get("/whoami", headers={"Authorization": f"Bearer {new_token}"})
            with_old = await client.get("/whoami", headers={"Authorization": f"Bearer {old_token}"})
    assert jwt.get_unverified_header(new_token)["kid"] == new.kid
    assert with_new.status_code == 200  # an unknown kid made the service fetch the keys again
    assert with_old.status_code == 200  # tokens of the previous key live out their time


def claims(**overrides) -> dict:
    now = int(time.time())
    base = {"sub": "dept-fgw", "kind": "department", "org": "fgw", "scopes": ["credit.admin"],
            "iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 600}
    return {k: v for k, v in (base | overrides).items() if v is not None}


@pytest.mark.parametrize("missing", ["exp", "iat", "iss", "aud"])
async def test_a_token_without_a_required_claim_is_refused(missing):
    token = jwt.encode(claims(**{missing: None}), TEST_KEY.private_key, algorithm="EdDSA",
                       headers={"kid": TEST_KEY.kid})
    r = await whoami(service_trusting(None, env="test"), {"Authorization": f"Bearer {token}"})
    assert r.status_code == 401 and missing in r.json()["detail"]


async def test_tokens_a_service_could_mint_itself_are_refused():
    shared_secret = jwt.encode(claims(), "dev-only-secret-change-me-in-production", algorithm="HS256",
                               headers={"kid": TEST_KEY.kid})  # the old HS256 scheme, same kid
    stranger = issue_token(SigningKey.generate(), Principal(sub="dept-fgw", kind="department", org="fgw"))
    service = service_trusting(None, env="test")
    for token in (shared_secret, stranger):
        r = await whoami(service, {"Authorization": f"Bearer {token}"})
        assert r.status_code == 401, token


async def test_the_test_key_is_trusted_only_when_env_is_test():
    headers = bearer("department", "fgw", scopes=["credit.admin"])
    assert (await whoami(service_trusting(None, env="test"), headers)).status_code == 200
    for env in ("development", "production"):
        assert (await whoami(service_trusting(None, env=env), headers)).status_code == 401


def test_a_gateway_outside_test_refuses_to_sign_with_the_test_key(tmp_path):
    path, clients = tmp_path / "test.pem", tmp_path / "clients.yaml"
    path.write_text(TEST_PRIVATE_KEY_PEM)
    clients.write_text("clients: []\n")
    for env in ("development", "production"):
        with pytest.raises(ValueError, match="test signing key"):
            create_app(make_settings(env=env, signing_key_files=[path], clients_file=clients))
    assert create_app(make_settings(env="test", signing_key_files=[path])).state.token_keys.signing.kid == TEST_KEY.kid


async def test_a_verifier_refuses_a_token_without_a_key_id():
    token = jwt.encode(claims(), TEST_KEY.private_key, algorithm="EdDSA")
    with pytest.raises(Unauthorized, match="kid"):
        await TokenVerifier(None).verify(token)
