"""What the kit makes every service's OpenAPI document promise, and that the answers keep the promise:
problem+json refusals with the real schema, optional security on public reads, Location on 201,
WWW-Authenticate on 401, validation messages in the caller's language."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from govkit.errors import PROBLEM_JSON
from govkit.testing import bearer, running

_spec = importlib.util.spec_from_file_location("pingsvc", Path(__file__).with_name("pingsvc.py"))
ping = sys.modules.get("pingsvc") or importlib.util.module_from_spec(_spec)
if "pingsvc" not in sys.modules:
    sys.modules["pingsvc"] = ping
    _spec.loader.exec_module(ping)

PROBLEM = {"$ref": "#/components/schemas/Problem"}


@pytest.fixture
async def client(tmp_path):
    app = ping.make_app(ping.settings(f"sqlite+aiosqlite:///{tmp_path}/s.db", background=False))
    async with running(app) as c:
        yield c


@pytest.fixture
async def doc(client) -> dict:
    return (await client.get("/openapi.json")).json()


def _problem_statuses(op: dict) -> set[int]:
    return {int(s) for s, r in op["responses"].items() if (r.get("content") or {}).get(PROBLEM_JSON) == {
        "schema": PROBLEM}}


async def test_operations_declare_the_problem_answers_they_can_give(doc):
    create = doc["paths"]["/pings"]["post"]
    assert _problem_statuses(create) == {400, 401, 403, 404, 409, 413, 422, 429}
    read = doc["paths"]["/pings/{ping_id}"]["get"]
    assert _problem_statuses(read) == {401, 403, 404, 422, 429}
    assert _problem_statuses(doc["paths"]["/health"]["get"]) == {429}
    assert create["responses"]["401"]["headers"]["WWW-Authenticate"]
    assert create["responses"]["429"]["headers"]["Retry-After"]


async def test_the_validation_shape_of_fastapi_is_replaced_by_the_problem_schema(doc):
    schemas = doc["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    assert schemas["Problem"]["required"] == ["type", "title", "status", "detail"]
    assert "HTTPValidationError" not in str(doc)


async def test_public_reads_take_a_token_optionally_and_writes_require_one(doc):
    assert doc["paths"]["/pings/{ping_id}"]["get"]["security"] == [{"HTTPBearer": []}, {}]
    assert doc["paths"]["/pings"]["post"]["security"] == [{"HTTPBearer": []}]


async def test_a_201_declares_and_sends_location_and_a_post_documents_idempotency_key(client, doc):
    create = doc["paths"]["/pings"]["post"]
    assert "Location" in create["responses"]["201"]["headers"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in create["parameters"])
    r = await client.post("/pings", json={"id": "a1"}, headers=bearer("department", "fgw"))
    assert r.status_code == 201
    assert r.headers["location"] == "/pings/a1"
    behind_gateway = await client.post("/pings", json={"id": "a2"},
                                       headers={**bearer("department", "fgw"), "X-Forwarded-Prefix": "/ping"})
    assert behind_gateway.headers["location"] == "/ping/pings/a2"


async def test_a_401_says_how_to_authenticate(client):
    r = await client.post("/pings", json={"id": "x"})
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert r.headers["content-type"] == PROBLEM_JSON


async def test_validation_messages_are_chinese_by_default_and_english_on_request(client):
    body = {"level": 9, "name": "x"}
    zh = (await client.post("/levels", json=body)).json()
    assert zh["status"] == 422
    messages = {e["field"]: e["message"] for e in zh["errors"]}
    assert messages == {"level": "应不大于 5", "name": "至少 2 个字符"}
    assert {e["code"] for e in zh["errors"]} == {"less_than_equal", "string_too_short"}
    en = (await client.post("/levels", json=body, headers={"Accept-Language": "en"})).json()
    assert {e["field"]: e["message"] for e in en["errors"]} == {
        "level": "Input should be less than or equal to 5", "name": "String should have at least 2 characters"}
    missing = (await client.post("/levels", json={})).json()
    assert {e["message"] for e in missing["errors"]} == {"缺少必填项"}


def test_a_field_problem_without_a_code_gets_one():
    from govkit.errors import problem_body

    body = problem_body(422, "x", errors=[{"field": "a", "message": "m"}, {"field": "b", "code": "c", "message": "m"}])
    assert [e["code"] for e in body["errors"]] == ["invalid", "c"]


@pytest.mark.parametrize("value", ["1", "-1.5", " 2 ", ".5", "1e3", "1.", "", "abc", "+", ".", "NaN", "1.2.3"])
def test_a_decimal_string_is_declared_with_the_form_pydantic_reads(value):
    from decimal import Decimal

    from pydantic import TypeAdapter, ValidationError

    from govkit.openapi import declare_decimal_strings

    schema = {"properties": {"amount": TypeAdapter(Decimal).json_schema()}}
    declare_decimal_strings(schema)
    (string,) = [b for b in schema["properties"]["amount"]["anyOf"] if b["type"] == "string"]
    try:
        accepted = TypeAdapter(Decimal).validate_python(value) is not None
    except ValidationError:
        accepted = False
    assert bool(re.search(string["pattern"], value)) == accepted
