"""The merged OpenAPI document as a contract integrators build on, read from the running platform's gateway.

Every operation: a bilingual "中文 / English" summary; its refusals declared as problem+json; a request body
with an example that a fresh demo platform (what `make run` serves) accepts from the demo client its
description names. Every coded value: an enum, and beside it in answers a `<name>_label`; no `{code, label}`
objects. Every collection: the page envelope (`items, total, limit, offset`) with `limit`/`offset`.

Services did not all conform when this test came: what they still break is listed, per service, in
`contract_allowlist.txt` beside this file. The list only shrinks: a violation not in it fails; a line that no
longer names a violation is reported (remove it). `CONTRACT_ALLOWLIST=write` rewrites the file.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from govkit.testing.documents import merged_document

ALLOWLIST = Path(__file__).with_name("contract_allowlist.txt")
CLIENTS_FILE = Path(__file__).parents[1] / "gateway" / "clients.dev.yaml"
PROBLEM_JSON = "application/problem+json"
METHODS = ("get", "put", "post", "patch", "delete")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]{2}")
# names of properties that hold a code from a closed vocabulary
CODED = re.compile(r"(^|_)(status|state|kind|category|type|severity|stage|outcome|level|grade|role|channel|"
                   r"mode|decision|result|reason_code|source_kind)$")
NOT_CODED = frozenset({"content_type", "media_type", "token_type"})
# open vocabularies (named elsewhere, free text): no enum expected. An industry grade is on the scale of that
# industry's own evaluation (行业信用评价, CP 二（五）2: 纳税信用 A/B/M/C/D, 劳动保障 A/B/C, …), not the platform's.
OPEN_VOCABULARY = frozenset({"DeadLetterOut.type", "AuditEntry.object_type", "JobStatus.last_result",
                             "IndustryGradeIn.grade", "IndustryGradeOut.grade"})
# machine-read probes: an enum, but no label for a person
PROBES = frozenset({"Health", "Readiness", "HealthOut", "ServiceHealth"})


def demo_clients() -> list[str]:
    return [c["client_id"] for c in yaml.safe_load(CLIENTS_FILE.read_text())["clients"]]


# ------------------------------------------------------------------ reading the document


def operations(doc: dict) -> Iterator[tuple[str, str, dict]]:
    for path, item in doc["paths"].items():
        for method in METHODS:
            if isinstance(item.get(method), dict):
                yield method, path, item[method]


def local_name(schema: str) -> str:
    """Credit_RecordOut → RecordOut (the name in the service's own document)."""
    head, sep, rest = schema.partition("_")
    return rest if sep and owner(schema) != "gateway" or head == "Gateway" else schema


def owner(path_or_schema: str) -> str:
    """The service a path (/credit/...) or a component (Credit_RecordOut) belongs to; else the gateway."""
    if path_or_schema.startswith("/"):
        head = path_or_schema.strip("/").split("/")[0]
    else:
        head = path_or_schema.split("_", 1)[0].lower() if "_" in path_or_schema else "gateway"
    return head if head in ("credit", "hydrogen", "awards", "tasks", "housing") else "gateway"


def deref(doc: dict, node: Any) -> Any:
    seen = 0
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and seen < 20:
        target: Any = doc
        for token in node["$ref"][2:].split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        node, seen = target, seen + 1
    return node


def variants(doc: dict, schema: dict) -> list[dict]:
    """The non-null alternatives of a schema (`X | None` is anyOf [X, null])."""
    schema = deref(doc, schema)
    alternatives = schema.get("anyOf") or schema.get("oneOf")
    if alternatives:
        return [deref(doc, s) for s in alternatives if deref(doc, s).get("type") != "null"]
    return [schema]


def refs_in(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from refs_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs_in(value)


def reachable_schemas(doc: dict, roots: list[Any]) -> set[str]:
    """Names of the component schemas reachable from `roots` (responses, or request bodies)."""
    names: set[str] = set()
    stack = [r for root in roots for r in refs_in(root)]
    while stack:
        ref = stack.pop()
        if not ref.startswith("#/components/schemas/"):
            continue
        name = ref.rsplit("/", 1)[1]
        if name not in names:
            names.add(name)
            stack.extend(refs_in(doc["components"]["schemas"].get(name, {})))
    return names


# ------------------------------------------------------------------ the checks


def summary_violations(doc: dict) -> Iterator[tuple[str, str, str]]:
    for method, path, op in operations(doc):
        summary = op.get("summary") or ""
        zh, sep, en = summary.partition(" / ")
        if not (sep and _CJK.search(zh) and _LATIN.search(en)):
            yield owner(path), "summary", f"{method.upper()} {path}"


def error_violations(doc: dict) -> Iterator[tuple[str, str, str]]:
    for method, path, op in operations(doc):
        declared = {int(s) for s, r in op.get("responses", {}).items() if s.isdigit() and int(s) >= 400
                    and PROBLEM_JSON in (deref(doc, r).get("content") or {})}
        needed = {429}
        if op.get("parameters") or op.get("requestBody"):
            needed.add(422)
        if any(req for req in op.get("security", [])):
            needed.add(401)
        if "400" in op.get("responses", {}):  # OAuth2's token endpoint answers bad input as RFC 6749 §5.2
            needed.discard(422)
        if needed - declared:
            yield owner(path), "errors", f"{method.upper()} {path}"


def body_schema(doc: dict, op: dict) -> tuple[dict, dict] | None:
    media = ((op.get("requestBody") or {}).get("content") or {}).get("application/json")
    return (media, deref(doc, media.get("schema") or {})) if media is not None else None


def request_example(doc: dict, op: dict) -> Any:
    found = body_schema(doc, op)
    if found is None:
        return None
    media, schema = found
    if "example" in media:
        return media["example"]
    if media.get("examples"):
        first = next(iter(media["examples"].values()))
        return first.get("value")
    if schema.get("examples"):
        return schema["examples"][0]
    if "example" in schema:
        return schema["example"]
    return None


def example_violations(doc: dict) -> Iterator[tuple[str, str, str]]:
    for method, path, op in operations(doc):
        if body_schema(doc, op) is not None and request_example(doc, op) is None:
            yield owner(path), "example", f"{method.upper()} {path}"


def coded_value_violations(doc: dict) -> Iterator[tuple[str, str, str]]:
    schemas = doc["components"]["schemas"]
    answers = reachable_schemas(doc, [r for _, _, op in operations(doc) for s, r in op.get("responses", {}).items()
                                      if s.startswith("2")])
    for name, schema in sorted(schemas.items()):
        if name.endswith(("Problem", "FieldProblem")) or name in ("Problem", "FieldProblem"):
            continue
        props = schema.get("properties") or {}
        for prop, prop_schema in props.items():
            where = f"{name}.{prop}"
            if f"{local_name(name)}.{prop}" in OPEN_VOCABULARY:
                continue
            alternatives = variants(doc, prop_schema)
            if any(set(alt.get("properties") or {}) == {"code", "label"} for alt in alternatives):
                yield owner(name), "flat", where
                continue
            strings = [alt for alt in alternatives if alt.get("type") == "string" or "enum" in alt]
            if not strings or prop.endswith("_label"):
                continue
            has_enum = any("enum" in alt or "const" in alt for alt in strings)
            if not has_enum and CODED.search(prop) and prop not in NOT_CODED \
                    and not any(alt.get("format") for alt in strings):
                yield owner(name), "enum", where
            elif has_enum and name in answers and not _labelled(prop, props) and local_name(name) not in PROBES:
                yield owner(name), "label", where


def _labelled(prop: str, props: dict) -> bool:
    """`x` has `x_label` beside it; a vocabulary entry's `code` may have its `label`."""
    return f"{prop}_label" in props or (prop == "code" and "label" in props)


def _array_answer(doc: dict, op: dict) -> bool:
    ok = (op.get("responses") or {}).get("200") or {}
    schema = ((deref(doc, ok).get("content") or {}).get("application/json") or {}).get("schema")
    return schema is not None and any(alt.get("type") == "array" for alt in variants(doc, schema))


def _page_answer(doc: dict, op: dict) -> bool:
    ok = (op.get("responses") or {}).get("200") or {}
    schema = ((deref(doc, ok).get("content") or {}).get("application/json") or {}).get("schema")
    props = deref(doc, schema or {}).get("properties") or {}
    return {"items", "total", "limit", "offset"} <= set(props)


def envelope_violations(doc: dict) -> Iterator[tuple[str, str, str]]:
    for method, path, op in operations(doc):
        if method != "get":
            continue
        where = f"{method.upper()} {path}"
        if _array_answer(doc, op):
            yield owner(path), "envelope", where
        elif _page_answer(doc, op):
            names = {p.get("name") for p in op.get("parameters", [])}
            if not {"limit", "offset"} <= names:
                yield owner(path), "paging", where


DOCUMENT_CHECKS = (summary_violations, error_violations, example_violations, coded_value_violations,
                   envelope_violations)


def demo_caller(op: dict, clients: list[str]) -> str | None:
    """The demo client the operation's description (or summary) names as the example's caller."""
    text = f"{op.get('description') or ''} {op.get('summary') or ''}"
    named = [c for c in clients if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text)]
    return named[0] if named else None


def path_with_examples(path: str, op: dict) -> str | None:
    for param in op.get("parameters", []):
        if param.get("in") != "path":
            continue
        schema = param.get("schema") or {}
        value = param.get("example", (param.get("examples") or schema.get("examples") or [None])[0]
                          if not isinstance(param.get("examples"), dict) else None)
        if value is None:
            return None
        path = path.replace("{" + param["name"] + "}", str(value))
    return path


def tried_example_violations(doc: dict, platform) -> Iterator[tuple[str, str, str]]:
    """Each request-body example, sent as its demo caller to a fresh demo platform, is accepted (2xx)."""
    clients = demo_clients()
    for method, path, op in operations(doc):
        example = request_example(doc, op)
        if example is None:
            continue
        where = f"{method.upper()} {path}"
        caller = demo_caller(op, clients)
        if caller is None:
            yield owner(path), "example-caller", where
            continue
        url = path_with_examples(path, op)
        if url is None:
            continue  # a path naming a resource the example cannot know in advance
        r = platform.client.request(method.upper(), url, json=example, headers=platform.auth(caller))
        if not 200 <= r.status_code < 300:
            yield owner(path), "example-refused", where


# ------------------------------------------------------------------ allowlist


def read_allowlist() -> set[tuple[str, str, str]]:
    if not ALLOWLIST.exists():
        return set()
    lines = [ln.rstrip("\n") for ln in ALLOWLIST.read_text(encoding="utf-8").splitlines()]
    return {tuple(ln.split("\t", 2)) for ln in lines if ln and not ln.startswith("#")}  # type: ignore[misc]


def write_allowlist(found: set[tuple[str, str, str]], kinds: set[str]) -> None:
    kept = {v for v in read_allowlist() if v[1] not in kinds}
    rows = sorted(kept | found)
    header = ("# Contract violations still to fix, per service (tests/test_contract_document.py).\n"
              "# service<TAB>check<TAB>where. Only ever remove lines: fix the violation, then delete its line.\n")
    ALLOWLIST.write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")


def judge(found: set[tuple[str, str, str]], kinds: set[str]) -> None:
    if os.environ.get("CONTRACT_ALLOWLIST") == "write":
        write_allowlist(found, kinds)
        return
    allowed = {v for v in read_allowlist() if v[1] in kinds}
    new, fixed = found - allowed, allowed - found
    report = []
    by_service: dict[str, list[str]] = defaultdict(list)
    for service, check, where in sorted(new):
        by_service[service].append(f"  {check}: {where}")
    for service, lines in sorted(by_service.items()):
        report.append(f"{service} ({len(lines)}):\n" + "\n".join(lines))
    if fixed:  # a warning, not a failure: another engineer's fix must not turn main red
        warnings.warn("fixed — remove from tests/contract_allowlist.txt:\n" + "\n".join(
            "  " + "\t".join(v) for v in sorted(fixed)), stacklevel=2)
    assert not report, "contract violations:\n" + "\n".join(report)


# ------------------------------------------------------------------ tests


@pytest.fixture(scope="module")
def merged(demo_platform) -> dict:
    return merged_document(demo_platform.client)


def test_the_document_keeps_the_contract_summaries_errors_examples_enums_labels_envelopes(merged):
    found = {v for check in DOCUMENT_CHECKS for v in check(merged)}
    judge(found, {"summary", "errors", "example", "enum", "label", "flat", "envelope", "paging"})


def test_every_request_example_is_accepted_from_the_demo_caller_its_description_names(
        databases, nats_url, tmp_path_factory):
    """On a platform of its own (fresh demo data, as `make run`), so the examples' writes touch no other test."""
    from govkit.testing.platform import run_platform

    with run_platform(databases, nats_url, tmp_path_factory.mktemp("examples"), demo_data=True) as platform:
        found = set(tried_example_violations(merged_document(platform.client), platform))
    judge(found, {"example-caller", "example-refused"})


def test_the_checks_catch_what_they_are_for():
    """The checks themselves, on a small document with one violation of each kind."""
    doc = json.loads(json.dumps({
        "paths": {"/credit/things": {
            "get": {"summary": "List things", "responses": {"200": {"content": {"application/json": {
                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Credit_ThingOut"}}}}}}},
            "post": {"summary": "新建 / Create", "requestBody": {"content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Credit_ThingIn"}}}},
                "responses": {"201": {"content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Credit_ThingOut"}}}}}}}},
        "components": {"schemas": {
            "Credit_ThingIn": {"type": "object", "properties": {"name": {"type": "string"}}},
            "Credit_ThingOut": {"type": "object", "properties": {
                "status": {"type": "string"},
                "kind": {"type": "string", "enum": ["a", "b"]},
                "grade": {"type": "object", "properties": {"code": {"type": "string"},
                                                           "label": {"type": "string"}}}}}}},
    }))
    found = {(check, where) for c in DOCUMENT_CHECKS for _, check, where in c(doc)}
    assert found == {("summary", "GET /credit/things"), ("errors", "GET /credit/things"),
                     ("errors", "POST /credit/things"), ("example", "POST /credit/things"),
                     ("envelope", "GET /credit/things"), ("enum", "Credit_ThingOut.status"),
                     ("label", "Credit_ThingOut.kind"), ("flat", "Credit_ThingOut.grade")}
