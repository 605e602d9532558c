"""Schemathesis against every service's own OpenAPI document: no generated input gets a 500
(README: bad input always gets a clear 4xx). Each service runs under uvicorn on a fresh database."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from govkit.testing import bearer, free_port

# the strongest principal of each service, so that the fuzzing gets past authorisation
PRINCIPALS = {
    "credit": ("department", "fgw", ["credit.admin", "credit.report", "credit.list", "credit.review",
                                     "credit.draw", "ops"]),
    "hydrogen": ("department", "cgj", ["hydrogen.regulator", "ops"]),
    "awards": ("department", "gxj", ["awards.office", "ops"]),
    "tasks": ("department", "dcs", ["tasks.supervisor", "ops"]),
    "housing": ("department", "zjj", ["housing.admin", "ops"]),
}


@pytest.mark.timeout(900)  # a few thousand requests per service; minutes on a loaded 2-core machine
@pytest.mark.parametrize("name", sorted(PRINCIPALS))
def test_no_generated_request_gets_a_server_error(name, databases, tmp_path):
    spec = importlib.import_module(f"anyang_{name}.app").spec
    url = databases.fresh(name, spec.migrations_dir)
    port = free_port()
    env = os.environ | {f"{name.upper()}_DATABASE_URL": url, "BACKGROUND": "false", "MIGRATE_ON_STARTUP": "false",
                        "LOG_JSON": "false", "ENV": "test"}
    with open(tmp_path / "server.log", "w") as log:  # the child keeps its own handle
        server = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", f"anyang_{name}.app:create",
                                   "--port", str(port), "--log-level", "warning"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=log)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120  # generous for a loaded machine; the poll ends at the first answer
        while True:
            try:
                urllib.request.urlopen(base + "/health", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise AssertionError((tmp_path / "server.log").read_text()) from None
                time.sleep(0.1)
        kind, org, scopes = PRINCIPALS[name]
        token = bearer(kind, org, scopes=scopes)["Authorization"]
        run = subprocess.run(
            [str(Path(sys.executable).parent / "st"), "run", base + "/openapi.json", "--checks", "not_a_server_error",
             "--max-examples", "6", "--seed", "20230113", "--generation-deterministic", "--phases",
             "examples,coverage,fuzzing", "--no-color", "--request-timeout", "20", "-H", f"Authorization: {token}"],
            cwd=tmp_path, capture_output=True, text=True, timeout=840)
        assert run.returncode == 0, run.stdout[-6000:] + (tmp_path / "server.log").read_text()[-4000:]
    finally:
        server.terminate()
        server.wait(10)
