"""Docs that load on an intranet: Swagger UI and ReDoc assets come from the gateway itself, and `/` links
docs, health and the services."""

from __future__ import annotations

import re

import pytest
from gateway_testkit import HostRoutingTransport, credit_app, hydrogen_app, make_settings

from anyang_gateway.main import create_app
from govkit.testing.browser import serve_app

_EXTERNAL = re.compile(r"""(?:src|href)=["']https?://""")


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_docs_pages_load_nothing_from_outside(gateway, page):
    r = await gateway.get(page)
    assert r.status_code == 200
    assert not _EXTERNAL.search(r.text), r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assets = re.findall(r"""["'](/docs/assets/[^"']+)["']""", r.text)
    assert assets
    for asset in assets:
        served = await gateway.get(asset)
        assert served.status_code == 200, asset
        assert len(served.content) > 1000


async def test_swagger_ui_sends_the_document_to_no_outside_validator(gateway):
    assert '"validatorUrl": null' in (await gateway.get("/docs")).text


async def test_the_landing_page_links_docs_health_and_every_service(gateway):
    page = await gateway.get("/", headers={"accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for link in ("/docs", "/redoc", "/openapi.json", "/health", "/credit/health", "/hydrogen/health"):
        assert f'href="{link}' in page.text, link
    links = (await gateway.get("/", headers={"accept": "application/json"})).json()
    assert links["docs"]["swagger_ui"] == "/docs"
    assert set(links["services"]) == {"credit", "hydrogen"}
    assert (await gateway.get(links["services"]["credit"]["health"])).status_code == 200


@pytest.mark.heavy
async def test_swagger_ui_renders_the_operations_in_chromium_with_no_outside_network(browser_page):
    transport = HostRoutingTransport({"credit.test": credit_app(), "hydrogen.test": hydrogen_app()})
    with serve_app(create_app(make_settings(), transport=transport)) as url:
        await browser_page.goto(f"{url}/docs")
        await browser_page.wait_for_selector(".opblock", timeout=20_000)
        paths = await browser_page.locator(".opblock-summary-path").all_inner_texts()
        assert any("/credit/records/{record_id}" in p.replace("\u200b", "") for p in paths), paths
        assert await browser_page.locator(".auth-wrapper .authorize").count() == 1
        await browser_page.goto(f"{url}/redoc")
        await browser_page.wait_for_selector("[data-section-id]", timeout=20_000)
    assert not browser_page.blocked_requests, browser_page.blocked_requests
    assert not browser_page.page_errors, browser_page.page_errors
