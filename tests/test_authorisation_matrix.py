"""The authorisation matrix, generated from the gateway's merged OpenAPI so that no write is forgotten:
every write that requires a token answers 401 without one, and 403 (or 404 for an object it will not
show) to a principal of no role at all, through the gateway on the real platform. A write added later
joins the matrix by itself.

The no-role caller sends the operation's request example. Where an operation documents none (or its
example does not pass its own schema), the body is refused first — 422: FastAPI validates the body
before the route checks the role — which writes nothing either; those are counted apart. A violation
is any other answer: above all a 2xx, a write by a caller of no role."""

from __future__ import annotations

import time
import uuid
from collections import Counter

from govkit.testing import bearer

WRITES = ("post", "put", "patch", "delete")
# a token that verifies but holds no role: kind `public`, no organisation, no scopes
NO_ROLE = bearer("public", "", sub="test-no-role")


def _resolve(doc: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _example_body(doc: dict, op: dict):
    content = (op.get("requestBody") or {}).get("content", {})
    if "application/json" not in content:
        return None
    media = content["application/json"]
    schema = _resolve(doc, media.get("schema", {}))
    examples = media.get("examples") or {}
    if examples:
        return next(iter(examples.values())).get("value", {})
    return (schema.get("examples") or [media.get("example")])[0]


def _url(path: str, op: dict) -> str:
    for p in op.get("parameters", []):
        if p["in"] == "path":
            value = "987654321" if p.get("schema", {}).get("type") == "integer" else str(uuid.uuid4())
            path = path.replace("{" + p["name"] + "}", value)
    return path


def _requires_token(op: dict) -> bool:
    security = op.get("security")
    return bool(security) and {} not in security


def _complete(doc: dict) -> dict | None:
    """The merged document once every service has answered (it leaves out one that is slow to start)."""
    return None if doc.get("x-unavailable-services") else doc


def eventually_sync(check, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while (found := check()) is None:
        assert time.monotonic() < deadline, "a service never served its OpenAPI document"
        time.sleep(1)
    return found


def secured_writes(doc: dict) -> list[tuple[str, str, dict]]:
    return sorted((method, path, op) for path, item in doc["paths"].items() for method, op in item.items()
                  if method in WRITES and not path.startswith("/auth/") and _requires_token(op))


def test_every_secured_write_refuses_no_token_and_a_principal_of_no_role(platform):
    doc = eventually_sync(lambda: _complete(platform.client.get("/openapi.json").json()))
    writes = secured_writes(doc)
    assert {path.split("/")[1] for _, path, _ in writes} == {"credit", "hydrogen", "awards", "tasks", "housing"}
    violations, answers = [], Counter()
    for method, path, op in writes:
        url, body = _url(path, op), _example_body(doc, op)
        anonymous = platform.client.request(method.upper(), url, json=body)
        if anonymous.status_code != 401:
            violations.append(f"{method.upper()} {path} without a token: {anonymous.status_code}")
        no_role = platform.client.request(method.upper(), url, json=body, headers=NO_ROLE)
        answers[no_role.status_code] += 1
        if no_role.status_code not in (403, 404, 422):
            violations.append(f"{method.upper()} {path} with no role: {no_role.status_code} {no_role.text[:160]}")
    print(f"authorisation matrix: {len(writes)} secured writes x 2 callers = {2 * len(writes)} requests; "
          f"no-role answers {dict(sorted(answers.items()))}")
    assert not violations, "\n".join(violations)
