"""The merged OpenAPI document of a running platform, whole.

A service builds its document on first request; on a loaded machine that can outlast the gateway's fetch
timeout, and the gateway then serves a partial document (`x-unavailable-services`) for a few seconds."""

from __future__ import annotations

import time

import httpx


def merged_document(client: httpx.Client, *, timeout: float = 120.0) -> dict:
    """GET /openapi.json until every service is in it; fail naming the missing ones after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        r = client.get("/openapi.json")
        assert r.status_code == 200, r.text
        doc = r.json()
        missing = doc.get("x-unavailable-services") or []
        if not missing:
            return doc
        if time.monotonic() > deadline:
            raise AssertionError(f"services missing from the merged document: {missing}")
        time.sleep(1.0)  # the gateway keeps a partial document for a few seconds
