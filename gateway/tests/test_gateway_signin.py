"""Sign-in for people: authorization code + PKCE at the gateway against a real OpenID Connect provider
(the certified `oidc-provider` package from npm, run on the machine's Node), its verified claims mapped
to principals by the documented table."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from gateway_testkit import decode, make_settings, running_gateway

from govkit.testing import free_port, wait_listening

pytestmark = pytest.mark.heavy  # installs the provider from npm and runs it under Node

PACKAGE = Path(__file__).resolve().parents[2] / "tests" / "oidc"
CALLBACK = "http://gateway.test/auth/signin/callback"
CLIENT = {"client_id": "anyang-gateway", "client_secret": "test-only-client-secret", "redirect_uri": CALLBACK}
ACCOUNTS = {
    "citizen": {"name": "示范市民", "resident_id": "410502198506150026", "roles": ["citizen"], "region": "410502"},
    "staff": {"name": "企业经办人", "resident_id": "410502198506150026", "uscc": "91410500MA44GT012H",
              "roles": ["enterprise_staff", "supply_chain_core", "root"]},
    "nobody": {"name": "无证件"},
}


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    work = tmp_path_factory.mktemp("oidc")
    for name in ("package.json", "provider.mjs"):
        shutil.copy(PACKAGE / name, work / name)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=work, check=True, timeout=600)
    port = free_port()
    proc = subprocess.Popen([node, "provider.mjs", str(port), json.dumps(CLIENT | {"accounts": ACCOUNTS})],
                            cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_listening(port, proc, timeout=30)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


def settings(issuer: str):
    return make_settings(oidc_issuer=issuer, oidc_client_id=CLIENT["client_id"],
                         oidc_client_secret=CLIENT["client_secret"], oidc_redirect_uri=CALLBACK)


async def sign_in(gateway: httpx.AsyncClient, login: str) -> httpx.Response:
    """A browser: to the provider, through its login form, back to the gateway's callback."""
    start = await gateway.get("/auth/signin")
    assert start.status_code == 302, start.text
    query = parse_qs(urlsplit(start.headers["location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    async with httpx.AsyncClient(follow_redirects=False, timeout=30) as browser:
        r = await browser.get(start.headers["location"])
        while not r.headers.get("location", "").startswith(CALLBACK):
            if r.status_code in (302, 303):
                r = await browser.get(httpx.URL(str(r.url)).join(r.headers["location"]))
                continue
            form = r.text[r.text.index("<form"):]  # the package's development login form
            action = re.search(r'action="([^"]+)"', form).group(1)
            fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
            r = await browser.post(httpx.URL(str(r.url)).join(action),
                                   data=fields | {"login": login, "password": "any"})
    callback = urlsplit(r.headers["location"])
    return await gateway.get(f"{callback.path}?{callback.query}")


async def test_a_citizen_signs_in_and_acts_as_a_person(provider, transport):
    async with running_gateway(settings(provider), transport) as gateway:
        r = await sign_in(gateway, "citizen")
        assert r.status_code == 200, r.text
        token = r.json()["access_token"]
        whoami = await gateway.get("/credit/whoami", headers={"Authorization": f"Bearer {token}"})
    principal = decode(token)
    assert (principal.kind, principal.org, principal.region) == ("person", "410502198506150026", "410502")
    assert principal.sub.startswith("oidc:") and "410502198506150026" not in principal.sub
    assert whoami.status_code == 200 and whoami.json()["kind"] == "person"


async def test_enterprise_staff_act_for_their_enterprise_with_the_scopes_of_known_roles_only(provider, transport):
    async with running_gateway(settings(provider), transport) as gateway:
        r = await sign_in(gateway, "staff")
    principal = decode(r.json()["access_token"])
    assert (principal.kind, principal.org) == ("enterprise", "91410500MA44GT012H")
    assert principal.scopes == ["credit.finance_query"]  # "root" is no role of the table


async def test_an_account_without_a_known_identity_is_refused(provider, transport):
    async with running_gateway(settings(provider), transport) as gateway:
        r = await sign_in(gateway, "nobody")
    assert r.status_code == 403 and r.json()["error"] == "access_denied"


async def test_a_callback_without_its_sign_in_session_or_with_a_used_code_is_refused(provider, transport):
    async with running_gateway(settings(provider), transport) as gateway:
        first = await sign_in(gateway, "citizen")
        assert first.status_code == 200
        start = await gateway.get("/auth/signin")
        state = parse_qs(urlsplit(start.headers["location"]).query)["state"][0]
        forged = await gateway.get("/auth/signin/callback", params={"code": "made-up", "state": "other"})
        used = await gateway.get("/auth/signin/callback", params={"code": "made-up", "state": state})
    assert forged.status_code == 400 and forged.json()["error"] == "invalid_request"
    assert used.status_code == 400 and used.json()["error"] == "invalid_grant"
