"""Schemathesis through the gateway on the real platform, every check, each service's operations as the
demo principal that may do most there (heavy: minutes per service). Each run prints schemathesis' own
summary (operations, generated cases, failures) into the test output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.heavy

# service → the demo client (gateway/clients.dev.yaml) whose token the fuzzer sends
CALLERS = {"credit": "dept-fgw", "hydrogen": "dept-cgj", "awards": "dept-gxj", "tasks": "dept-dcs",
           "housing": "dept-zjj"}


@pytest.mark.parametrize("service", sorted(CALLERS))
def test_no_check_fails_through_the_gateway(platform, service, tmp_path):
    token = platform.token(CALLERS[service])
    run = subprocess.run(
        [str(Path(sys.executable).parent / "st"), "run", f"{platform.url}/openapi.json",
         "--include-path-regex", f"^/{service}/", "--checks", "all", "--max-examples", "5",
         "--seed", "20230113", "--generation-deterministic", "--phases", "examples,coverage,fuzzing",
         "--no-color", "--request-timeout", "20", "-H", f"Authorization: Bearer {token}"],
        cwd=tmp_path, capture_output=True, text=True, timeout=1800)
    print(run.stdout[-3000:])
    assert run.returncode == 0, run.stdout[-8000:]
