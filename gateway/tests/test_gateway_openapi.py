"""The merged OpenAPI document: valid 3.1, namespaced, every $ref resolving, no collisions."""

from __future__ import annotations

from typing import Any

import pytest
from gateway_testkit import closed_port, credit_app, hydrogen_app, make_settings, running_gateway
from openapi_spec_validator import validate

from anyang_gateway.openapi_merge import SHARED_SCHEMAS, merge_openapi, namespace_service


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for k, v in node.items() if k != "$ref" for r in refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in refs(v)]
    return []


def resolve(doc: dict, ref: str) -> Any:
    assert ref.startswith("#/"), ref
    node: Any = doc
    for token in ref[2:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        assert token in node, f"unresolved {ref}"
        node = node[token]
    return node


@pytest.fixture
async def merged(gateway) -> dict:
    r = await gateway.get("/openapi.json")
    assert r.status_code == 200
    return r.json()


async def test_the_merged_document_is_valid_openapi_3_1(merged):
    assert merged["openapi"] == "3.1.0"
    validate(merged)


async def test_every_ref_resolves(merged):
    all_refs = refs(merged)
    assert len(all_refs) > 10
    for ref in all_refs:
        resolve(merged, ref)


async def test_same_named_schemas_of_two_services_do_not_collide(merged):
    schemas = merged["components"]["schemas"]
    assert "RecordOut" not in schemas
    assert set(schemas["Credit_RecordOut"]["properties"]) == {"id", "subject", "kind", "basis"}
    assert set(schemas["Hydrogen_RecordOut"]["properties"]) == {"station", "pressure_mpa"}
    credit_ok = merged["paths"]["/credit/records/{record_id}"]["get"]["responses"]["200"]
    hydrogen_ok = merged["paths"]["/hydrogen/records/{station}"]["get"]["responses"]["200"]
    assert credit_ok["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Credit_RecordOut"}
    assert hydrogen_ok["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Hydrogen_RecordOut"}
    nested = schemas["Credit_RecordOut"]["properties"]["basis"]["$ref"]
    assert nested == "#/components/schemas/Credit_Basis"


async def test_paths_operation_ids_and_tags_are_prefixed_with_the_service(merged):
    service_paths = [p for p in merged["paths"] if p not in ("/auth/token", "/health", "/livez")
                     and not p.startswith("/calendar/")]
    assert service_paths and all(p.startswith(("/credit/", "/hydrogen/")) for p in service_paths)
    ops = [(p, op) for p, item in merged["paths"].items() for m, op in item.items()
           if m in ("get", "post", "put", "patch", "delete")]
    ids = [op["operationId"] for _, op in ops]
    assert len(ids) == len(set(ids))
    for path, op in ops:
        service = path.split("/")[1]
        if service in ("credit", "hydrogen"):
            assert op["operationId"].startswith(f"{service}-")
            assert all(t == service or t.startswith(f"{service}/") for t in op["tags"])
    assert merged["paths"]["/hydrogen/records"]["post"]["tags"] == ["hydrogen/records"]


async def test_one_security_scheme_per_oauth2_flow_replaces_the_services_bearer_schemes(merged):
    schemes = merged["components"]["securitySchemes"]
    assert set(schemes) == {"clientCredentials"}  # one Authorize box, not one per service
    flow = schemes["clientCredentials"]["flows"]["clientCredentials"]
    assert flow["tokenUrl"] == "/auth/token"
    assert flow["scopes"]["credit.admin"].startswith("信用牵头部门")
    assert not any("dept-" in text for text in flow["scopes"].values())  # what a scope allows, not who has it
    assert merged["paths"]["/hydrogen/records"]["post"]["security"] == [{"clientCredentials": []}]
    # a public operation reads a token when sent but needs none
    assert merged["paths"]["/credit/records/{record_id}"]["get"]["security"] == [{"clientCredentials": []}, {}]
    for item in merged["paths"].values():
        for op in item.values():
            for requirement in op.get("security", []) if isinstance(op, dict) else []:
                assert set(requirement) <= set(schemes)


async def test_the_gateways_own_paths_are_documented(merged):
    token = merged["paths"]["/auth/token"]["post"]
    assert "application/x-www-form-urlencoded" in token["requestBody"]["content"]
    assert "/health" in merged["paths"]
    assert merged["x-unavailable-services"] == []


async def test_a_down_service_is_skipped_and_listed(transport):
    settings = make_settings(services={"credit": "http://credit.test",
                                       "awards": f"http://127.0.0.1:{closed_port()}"})
    async with running_gateway(settings, transport) as gateway:
        doc = (await gateway.get("/openapi.json")).json()
    assert doc["x-unavailable-services"] == ["awards"]
    assert not any(p.startswith("/awards/") for p in doc["paths"])
    validate(doc)


async def test_service_documents_are_cached_between_requests(gateway, transport):
    await gateway.get("/openapi.json")
    await gateway.get("/openapi.json")
    fetches = [c for c in transport.calls if c.url.path == "/openapi.json"]
    assert len(fetches) == 2  # one per service, not one per request


async def test_swagger_ui_points_at_the_merged_document(gateway):
    r = await gateway.get("/docs")
    assert r.status_code == 200
    assert "swagger-ui" in r.text
    assert "'/openapi.json'" in r.text or '"/openapi.json"' in r.text


def test_refs_in_discriminators_path_items_and_security_are_rewritten_but_examples_are_not():
    doc = {
        "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
        "security": [{"Bearer": []}],
        "paths": {
            "/pets": {"get": {"operationId": "list",
                              "responses": {"200": {"$ref": "#/components/responses/Ok"}}}},
            "/alias": {"$ref": "#/paths/~1pets"},
            "/feed": {"$ref": "#/components/pathItems/Feed"},
        },
        "components": {
            "securitySchemes": {"Bearer": {"type": "http", "scheme": "bearer"}},
            "pathItems": {"Feed": {"get": {"operationId": "feed",
                                           "responses": {"200": {"description": "ok"}}}}},
            "responses": {"Ok": {"description": "ok", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Pet"}}}}},
            "schemas": {
                "Pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}],
                        "discriminator": {"propertyName": "kind",
                                          "mapping": {"cat": "#/components/schemas/Cat"}}},
                "Cat": {"type": "object", "example": {"$ref": "#/components/schemas/NotARef"},
                        "examples": [{"$ref": "literal"}]},
            },
        },
    }
    out = namespace_service("zoo", doc)
    assert out["paths"]["/zoo/alias"]["$ref"] == "#/paths/~1zoo~1pets"
    assert out["paths"]["/zoo/feed"]["$ref"] == "#/components/pathItems/Zoo_Feed"
    assert out["paths"]["/zoo/pets"]["get"]["responses"]["200"]["$ref"] == "#/components/responses/Zoo_Ok"
    assert out["paths"]["/zoo/pets"]["get"]["security"] == [{"clientCredentials": []}]
    assert "securitySchemes" not in out["components"]
    pet = out["components"]["schemas"]["Zoo_Pet"]
    assert pet["discriminator"]["mapping"] == {"cat": "#/components/schemas/Zoo_Cat"}
    assert out["components"]["schemas"]["Zoo_Cat"]["example"] == {"$ref": "#/components/schemas/NotARef"}
    assert out["components"]["schemas"]["Zoo_Cat"]["examples"] == [{"$ref": "literal"}]
    del doc["paths"]["/alias"]  # an alias repeats its target's operationId: not valid on its own
    merged = merge_openapi({"openapi": "3.1.0", "info": {"title": "g", "version": "1"}, "paths": {}},
                           {"zoo": doc}, unavailable=[])
    validate(merged)
    for ref in refs(merged):
        if ref != "literal" and "NotARef" not in ref:
            resolve(merged, ref)


def test_two_real_service_documents_merge_without_collision_and_validate():
    docs = {"credit": credit_app().openapi(), "hydrogen": hydrogen_app().openapi()}
    assert "RecordOut" in docs["credit"]["components"]["schemas"]
    assert "RecordOut" in docs["hydrogen"]["components"]["schemas"]
    merged = merge_openapi({"openapi": "3.1.0", "info": {"title": "g", "version": "1"}, "paths": {}},
                           docs, unavailable=[])
    validate(merged)
    assert merged["components"]["schemas"]["Credit_RecordOut"] != merged["components"]["schemas"][
        "Hydrogen_RecordOut"]


@pytest.mark.parametrize("services", [("credit", "hydrogen", "awards", "tasks", "housing")])
def test_the_real_services_documents_merge_into_a_valid_document(services):
    """The five services share kit schemas (AuditEntry, Health, …): the merge must keep them apart."""
    docs = {}
    for name in services:
        module = pytest.importorskip(f"anyang_{name}.app")
        docs[name] = module.create().openapi()
    merged = merge_openapi({"openapi": "3.1.0", "info": {"title": "g", "version": "1"}, "paths": {}},
                           docs, unavailable=[])
    validate(merged)
    for ref in refs(merged):
        resolve(merged, ref)
    shared = set.intersection(*(set(d.get("components", {}).get("schemas", {})) for d in docs.values()))
    for name in shared - SHARED_SCHEMAS:
        assert all(f"{s.capitalize()}_{name}" in merged["components"]["schemas"] for s in services)
    schemas = merged["components"]["schemas"]
    assert set(schemas) >= SHARED_SCHEMAS  # govkit's Problem once, not once per service
    assert all(schema.get("title", name) == name for name, schema in schemas.items())  # generators name by title

