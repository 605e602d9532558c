"""Schemathesis through the gateway against the merged document: every answer conforms to what the document
declares (status code, content type, headers, body schema), and none is a server error. Per service, with
that service's own demo authority, on a demo platform of its own (the generated writes touch no other test).

Heavy: a few thousand generated requests."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from govkit.testing.documents import merged_document

pytestmark = pytest.mark.heavy
# one worker: with threads, hypothesis parsing lambdas hits a CPython 3.11 AST recursion-depth bug
CHECKS = ("response_schema_conformance,status_code_conformance,content_type_conformance,"
          "response_headers_conformance,not_a_server_error")
CALLERS = {"credit": "dept-fgw", "hydrogen": "dept-cgj", "awards": "dept-gxj", "tasks": "dept-dcs",
           "housing": "dept-zjj", "calendar": None}


@pytest.fixture(scope="module")
def fuzzed_platform(databases, nats_url, tmp_path_factory) -> Iterator:
    from govkit.testing.platform import run_platform

    with run_platform(databases, nats_url, tmp_path_factory.mktemp("conformance"), demo_data=True) as platform:
        merged_document(platform.client)  # every service has built its document
        yield platform


@pytest.mark.parametrize("area", sorted(CALLERS))
def test_every_answer_conforms_to_the_merged_document(area, fuzzed_platform, tmp_path):
    caller = CALLERS[area]
    auth = ["-H", f"Authorization: Bearer {fuzzed_platform.token(caller)}"] if caller else []
    run = subprocess.run(
        [str(Path(sys.executable).parent / "st"), "run", f"{fuzzed_platform.url}/openapi.json", "--checks", CHECKS,
         "--include-path-regex", f"^/{area}/", "--max-examples", "3", "--generation-deterministic",
         "--phases", "examples,coverage,fuzzing", "--no-color", "--request-timeout", "30",
         *auth],
        cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-8000:]
