"""Fixtures: the gateway in-process, with upstream services mounted by host name or served by uvicorn."""

from __future__ import annotations

import importlib.util
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
