"""Two replicas of every service behind the gateway (what `make replicas` runs), on the machine's PostgreSQL
and NATS with databases and an event prefix of their own. PostgreSQL pass only."""

from __future__ import annotations

import os
import re

import httpx
import pytest

from govkit.testing.platform import SERVICES, run_platform

pytestmark = pytest.mark.skipif(
    not (os.environ.get("TEST_POSTGRES_URL") and os.environ.get("TEST_NATS_URL")),
    reason="two replicas: PostgreSQL + NATS (TEST_POSTGRES_URL, TEST_NATS_URL)")


def _served(metrics: str, route: str) -> int:
    return sum(int(float(m)) for m in re.findall(
        rf'http_requests_total{{[^}}]*route="{re.escape(route)}"[^}}]*}} ([0-9.e+]+)', metrics))


def test_the_gateway_spreads_requests_over_both_replicas_of_every_service(databases, nats_url, tmp_path):
    with run_platform(databases, nats_url, tmp_path / "logs", replicas=2) as platform:
        for service in SERVICES:
            for _ in range(8):
                assert platform.client.get(f"/{service}/health").status_code == 200
        with httpx.Client(timeout=10) as direct:
            for service, urls in platform.replicas.items():
                assert len(urls) == 2
                served = [_served(direct.get(f"{url}/metrics").text, "/health") for url in urls]
                assert all(n >= 1 for n in served), f"{service}: {served}"
