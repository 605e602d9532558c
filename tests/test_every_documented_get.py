"""Every GET documented in the gateway's merged OpenAPI is reachable through the gateway: a parameterless
GET never answers 404, and a GET of an unknown id answers that resource's own not-found problem
(problem+json naming what is missing), never the router's "没有这个地址" (no such path)."""

from __future__ import annotations

import uuid

import pytest

ROUTER_NOT_FOUND = {"没有这个地址", "No such path"}
# Who may read what: the service's own authority first, then the operator, then the other principals
# (an enterprise, a person, a bank) for the self-service views; the first that is not refused (401/403) counts.
READERS = {
    "credit": ["dept-fgw"], "hydrogen": ["dept-cgj"], "awards": ["dept-gxj"], "tasks": ["dept-dcs"],
    "housing": ["dept-zjj"],
}
EVERYONE_ELSE = ["ops-admin", "ent-demo1", "person-demo", "bank-demo"]


def _documented_gets(doc: dict) -> list[tuple[str, dict]]:
    return sorted((path, item["get"]) for path, item in doc["paths"].items() if "get" in item)


def _unknown(param: dict) -> str:
    schema = param.get("schema", {})
    if schema.get("type") == "integer":
        return "987654321"
    if schema.get("format") == "uuid":
        return str(uuid.uuid4())
    if "enum" in schema:
        return schema["enum"][0]
    return "unknown-" + uuid.uuid4().hex[:8]


def _get(platform, path: str):
    service = path.strip("/").split("/")[0]
    response = None
    for client_id in [*READERS.get(service, []), *EVERYONE_ELSE]:
        response = platform.client.get(path, headers=platform.auth(client_id))
        if response.status_code not in (401, 403):
            return client_id, response
    return None, response


def test_every_documented_get_is_routed_and_an_unknown_id_is_the_resources_own_not_found(demo_platform):
    """On the demo data (as `make run`), so the callers' own views (my credit file, ...) exist."""
    platform = demo_platform
    doc = platform.client.get("/openapi.json").json()
    gets = _documented_gets(doc)
    assert len(gets) > 50
    failures = []
    for path, op in gets:
        params = [p for p in op.get("parameters", []) if p["in"] == "path"]
        url = path
        for p in params:
            url = url.replace("{" + p["name"] + "}", _unknown(p))
        who, r = _get(platform, url)
        seen = f"GET {url} as {who}: {r.status_code} {r.text[:160]}"
        if r.status_code >= 500:
            failures.append(seen)
        elif r.status_code == 404:
            body = r.json() if r.headers.get("content-type", "").startswith("application/problem+json") else {}
            if not params or not body or body.get("detail") in ROUTER_NOT_FOUND:
                failures.append(seen)
        elif params and any(p["name"].endswith("_id") for p in params) and r.status_code not in (401, 403, 422):
            failures.append(seen + " (an unknown id must not be found)")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", ["/tasks/tasks", "/tasks/supervision-items"])
def test_a_route_named_like_its_service_is_reachable_through_the_gateway(platform, path):
    r = platform.client.get(path, headers=platform.auth("dept-dcs"))
    assert r.status_code == 200 and "items" in r.json()
