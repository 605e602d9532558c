"""Pages checked in a real headless browser: Debian's chromium driven by Playwright (from PyPI; no browser is
ever downloaded), with the outside network blocked as on a government intranet.

    @pytest.mark.heavy
    async def test_docs_render(browser_page):
        with serve_app(app) as url:
            await browser_page.goto(f"{url}/docs")
            ...
            assert not browser_page.blocked_requests   # nothing tried to reach the internet

Every request whose host is not 127.0.0.1/localhost is aborted and recorded in `page.blocked_requests`;
uncaught page errors are recorded in `page.page_errors`.
"""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def is_local(url: str) -> bool:
    """data:/blob:/about: URLs and loopback hosts stay inside the machine."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


@pytest.fixture
async def browser_page() -> AsyncIterator:
    """A fresh Playwright page (async API) in chromium, locale zh-CN, outside network blocked."""
    from playwright.async_api import async_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (listed in .ci/apt-packages)")
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = await browser.new_context(locale="zh-CN")
            blocked: list[str] = []

            async def guard(route) -> None:
                if is_local(route.request.url):
                    await route.continue_()
                else:
                    blocked.append(route.request.url)
                    await route.abort("blockedbyclient")

            await context.route("**/*", guard)
            page = await context.new_page()
            page.blocked_requests = blocked
            page.page_errors = []
            page.on("pageerror", lambda error: page.page_errors.append(str(error)))
            yield page
        finally:
            await browser.close()


@contextmanager
def serve_app(app, *, lifespan: str = "on") -> Iterator[str]:
    """Serve an ASGI app over real HTTP on a free loopback port, in a thread; yields its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan=lifespan))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise RuntimeError("the app did not start serving")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
