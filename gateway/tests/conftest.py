"""Fixtures: the gateway in-process, with upstream services mounted by host name or served by uvicorn."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

# The kit is loaded by path so the suite runs under any import mode (the workspace uses importlib).
if "gateway_testkit" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("gateway_testkit",
                                                   Path(__file__).with_name("gateway_testkit.py"))
    sys.modules["gateway_testkit"] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules["gateway_testkit"])

from gateway_testkit import (
    HostRoutingTransport,
    credit_app,
    hydrogen_app,
    make_settings,
    running_gateway,
    uvicorn_server,
)


@pytest.fixture
def upstream_state() -> dict[str, dict]:
    return {"credit": {}, "hydrogen": {}}


@pytest.fixture
def transport(upstream_state) -> HostRoutingTransport:
    return HostRoutingTransport({"credit.test": credit_app(upstream_state["credit"]),
                                 "hydrogen.test": hydrogen_app(upstream_state["hydrogen"])})


@pytest.fixture
async def gateway(transport) -> AsyncIterator[httpx.AsyncClient]:
    async with running_gateway(make_settings(), transport) as client:
        yield client


@pytest.fixture(scope="session")
def real_credit() -> str:
    with uvicorn_server(credit_app()) as url:
        yield url


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory) -> str:
    """TEST_REDIS_URL when set (tests keep to key prefixes of their own and never flush), else a
    redis-server of our own on a free port, without persistence."""
    if os.environ.get("TEST_REDIS_URL"):
        yield "async+" + os.environ["TEST_REDIS_URL"].removeprefix("async+")
        return
    from govkit.testing import free_port, wait_listening

    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    port = free_port()
    proc = subprocess.Popen([binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path_factory.mktemp("redis"))], stdout=subprocess.DEVNULL)
    try:
        wait_listening(port, proc)
        yield f"async+redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)
