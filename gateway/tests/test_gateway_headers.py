"""Headers an HTTP client sees through the gateway, both ends real uvicorn servers."""

from __future__ import annotations

import httpx
from gateway_testkit import bearer, make_settings

from anyang_gateway.main import create_app
from govkit.testing.browser import serve_app


async def test_date_and_server_come_once_and_a_401_says_bearer(real_credit):
    gateway = create_app(make_settings(services={"credit": real_credit}))
    with serve_app(gateway) as url:
        async with httpx.AsyncClient(base_url=url) as client:
            ok = await client.get("/credit/records/7", headers=bearer())
            refused = await client.get("/credit/whoami")
    assert ok.status_code == 200
    for response in (ok, refused):
        assert len(response.headers.get_list("date")) == 1
        assert len(response.headers.get_list("server")) <= 1
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"] == "Bearer"
    assert refused.headers["content-type"] == "application/problem+json"
