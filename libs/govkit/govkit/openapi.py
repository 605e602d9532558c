"""A truthful OpenAPI document for every service, derived from its routes.

FastAPI alone declares a 422 in its own `{detail: [...]}` shape and a bearer token on every operation that
reads one. Here each operation declares the RFC 9457 problem+json answers it can give, with the real
`Problem` schema:

- 401 (with `WWW-Authenticate: Bearer`) and 403 where a token is read;
- 404 where the input names something; 409 on writes (state conflicts, uniqueness races, an
  Idempotency-Key in flight); 400 and 413 where a body is accepted; 422 where there is any input or a rule;
- 429 everywhere (the gateway's rate limit);

public operations (a token is optional) list `{}` as an alternative security requirement, every POST
documents `Idempotency-Key`, and a 201 declares its `Location` header. A route may add or describe more
answers with `responses=problems(...)`.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, routing
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import get_flat_params
from fastapi.openapi.utils import _get_api_route_for_openapi
from fastapi.routing import APIRoute

from govkit.errors import PROBLEM_JSON

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}

PROBLEM_SCHEMAS: dict[str, dict[str, Any]] = {
    "Problem": {
        "title": "Problem",
        "type": "object",
        "description": "RFC 9457 问题详情：所有错误的统一格式 / Problem details, the one error shape of every "
                       "service. `detail` is for a person, in the caller's language (Accept-Language).",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string", "format": "uri-reference",
                     "description": "问题类型（稳定标识） / problem type, a stable URI per kind of refusal",
                     "examples": ["https://anyang.gov.cn/problems/validation"]},
            "title": {"type": "string", "description": "问题类别名称 / short name of the kind of problem"},
            "status": {"type": "integer", "description": "HTTP 状态码 / HTTP status code"},
            "detail": {"type": "string", "description": "说明，可据以改正 / what went wrong, actionable"},
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/FieldProblem"},
                       "description": "逐字段的问题 / one entry per field problem"},
            "basis": {"type": "string", "description": "所依据的条款 / the article the refusal rests on"},
            "facts": {"type": "object", "additionalProperties": True,
                      "description": "判断所用的事实 / the facts the decision used"},
        },
        "additionalProperties": True,
    },
    "FieldProblem": {
        "title": "FieldProblem",
        "type": "object",
        "required": ["field", "code", "message"],
        "properties": {
            "field": {"type": "string", "description": "字段路径，如 items.0.amount / dotted field path"},
            "code": {"type": "string", "description": "稳定的问题代码 / stable problem code"},
            "message": {"type": "string", "description": "说明（按调用方语言） / message in the caller's language"},
            "location": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                         "description": "在请求中的位置 / location in the request (body, query, path, header)"},
            "basis": {"type": "string", "description": "所依据的条款 / the article the field rule rests on"},
        },
        "additionalProperties": True,
    },
}

DESCRIPTIONS: dict[int, str] = {
    400: "请求有误 / Bad request",
    401: "未认证：缺少、无效或过期的令牌 / Unauthenticated: token missing, invalid or expired",
    403: "无权操作 / Forbidden: the principal may not do this",
    404: "未找到 / Not found",
    409: "状态冲突，未作更改 / Conflict with the current state; nothing was changed",
    413: "请求体过大 / Request body too large",
    422: "数据不符合规则，未作更改 / Invalid input or refused by a rule; nothing was changed",
    429: "请求过于频繁（网关限流），见 Retry-After / Too many requests (gateway rate limit), see Retry-After",
}
WWW_AUTHENTICATE = {"WWW-Authenticate": {"description": "Bearer", "schema": {"type": "string"}}}
RETRY_AFTER = {"Retry-After": {"description": "秒 / seconds", "schema": {"type": "integer"}}}
LOCATION = {"Location": {"description": "新建资源的地址 / where the created resource is",
                         "schema": {"type": "string", "format": "uri-reference"}}}
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "description": "重试安全：同一键与同一请求体重复提交时返回首次的答复且不再更改；同一键配另一请求体为 422 / "
                   "A retry with the same key and body returns the first answer and changes nothing; "
                   "the same key with another body is a 422",
    "schema": {"type": "string", "maxLength": 200}}
WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})


def problem_response(status: int, description: str | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {"description": description or DESCRIPTIONS.get(status, str(status)),
                                "content": {PROBLEM_JSON: {"schema": dict(PROBLEM_REF)}}}
    if status == 401:
        response["headers"] = dict(WWW_AUTHENTICATE)
    elif status == 429:
        response["headers"] = dict(RETRY_AFTER)
    return response


def problems(*statuses: int, **described: str) -> dict[int | str, dict[str, Any]]:
    """For a route's `responses=`: more problem answers than the route's shape implies, e.g.
    `problems(409)` on a GET that refuses in some state; `problems(**{"409": "已公示，不能撤回"})`."""
    out: dict[int | str, dict[str, Any]] = {s: {"description": DESCRIPTIONS.get(s, str(s))} for s in statuses}
    out.update({int(s): {"description": text} for s, text in described.items()})
    return out


def _calls(dependant: Dependant) -> set:
    found = {dependant.call}
    for sub in dependant.dependencies:
        found |= _calls(sub)
    return found


def token_use(route: APIRoute) -> str | None:
    """"required", "optional" or None: how the route reads the caller's token."""
    from govkit.auth import current_principal, optional_principal

    calls = _calls(route.dependant)
    if current_principal in calls:
        return "required"
    return "optional" if optional_principal in calls else None


def problem_statuses(route: APIRoute, method: str, has_input: bool) -> list[int]:
    token = token_use(route)
    statuses = {429}
    if token:  # a public read may still refuse a signed-in caller what is not theirs
        statuses |= {401, 403}
    if has_input:  # what the path, query or body names may not exist
        statuses.add(404)
    if method in WRITE_METHODS:
        statuses.add(409)
    if route.body_field is not None:  # 400: a body that is not even JSON text
        statuses |= {400, 413}
    if has_input or token:
        statuses.add(422)
    return sorted(statuses)


def _routes(app: FastAPI) -> dict[tuple[str, str], APIRoute]:
    found = {}
    for context in routing.iter_route_contexts(app.routes):
        route = _get_api_route_for_openapi(context)
        if route is not None and route.include_in_schema:
            found.update({(method.lower(), route.path_format): route for method in route.methods})
    return found


def _untyped(response: dict[str, Any]) -> bool:
    """A declared error answer without a model of its own: it is a problem+json answer."""
    schemas = [media.get("schema") for media in (response.get("content") or {}).values()]
    return all(not schema or "HTTPValidationError" in str(schema) for schema in schemas)


def describe_operation(op: dict[str, Any], route: APIRoute, method: str, scheme: str | None, *,
                       idempotency: bool = True) -> None:
    responses = op.setdefault("responses", {})
    has_input = bool(get_flat_params(route.dependant) or route.body_field is not None)
    for status in problem_statuses(route, method, has_input):
        declared = responses.get(str(status)) or {}
        response = problem_response(status, declared.get("description")
                                    if declared.get("description") not in (None, "Validation Error") else None)
        responses[str(status)] = response
    for status, declared in list(responses.items()):
        if status.isdigit() and int(status) >= 400 and _untyped(declared):
            responses[status] = {**problem_response(int(status), declared.get("description")),
                                 **{k: v for k, v in declared.items() if k not in ("content", "description")}}
    op["responses"] = responses = dict(sorted(responses.items()))
    if "201" in responses:
        responses["201"].setdefault("headers", {}).update(LOCATION)
    named = {p.get("name") for p in op.get("parameters", [])}
    if idempotency and method == "post" and IDEMPOTENCY_KEY["name"] not in named:
        op.setdefault("parameters", []).append(dict(IDEMPOTENCY_KEY))
    token = token_use(route)
    if scheme and token:
        op["security"] = [{scheme: []}] + ([{}] if token == "optional" else [])


def declare_page_cap(op: dict[str, Any], cap: int) -> None:
    """The page size's cap is a setting (govkit.pagination answers 422 above it): declare it as the
    `limit` parameter's maximum, so that the document says what the service accepts."""
    for param in op.get("parameters", []):
        if param.get("in") == "query" and param.get("name") == "limit":
            schema = param.get("schema", {})
            for branch in schema.get("anyOf", [schema]):
                if branch.get("type") == "integer":
                    branch["maximum"] = cap


# A decimal in JSON: a number, or a string pydantic reads as one (it declares any string since pydantic 2.12)
DECIMAL_STRING = r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$"


def declare_decimal_strings(node: Any) -> None:
    """Give the string branch of every decimal (`anyOf: [number (bounds), string]`, pydantic's Decimal) the form it
    must have, so that the document does not promise that any string is a number."""
    if isinstance(node, dict):
        branches = node.get("anyOf")
        if isinstance(branches, list) and {"type": "string"} in branches and any(
                isinstance(b, dict) and b.get("type") == "number" for b in branches):
            branches[branches.index({"type": "string"})] = {"type": "string", "pattern": DECIMAL_STRING}
        for value in node.values():
            declare_decimal_strings(value)
    elif isinstance(node, list):
        for value in node:
            declare_decimal_strings(value)


def document(app: FastAPI, *, idempotency: bool = True) -> dict[str, Any]:
    """The app's OpenAPI document with the problem answers, security and headers described above
    (`idempotency`: the app honours Idempotency-Key on POST, as every service does)."""
    if app.openapi_schema:
        return app.openapi_schema
    doc = FastAPI.openapi(app)  # FastAPI's own document (it caches it), then described here
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemes = [name for name, s in (components.get("securitySchemes") or {}).items()
               if s.get("type") == "http" and str(s.get("scheme", "")).lower() == "bearer"]
    routes = _routes(app)
    page_cap = getattr(getattr(app.state, "settings", None), "page_size_max", None)
    for path, item in doc.get("paths", {}).items():
        for method, op in item.items():
            route = routes.get((method, path))
            if route is not None:
                describe_operation(op, route, method, schemes[0] if schemes else None, idempotency=idempotency)
                if page_cap:
                    declare_page_cap(op, page_cap)
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    declare_decimal_strings(doc)
    schemas.update(PROBLEM_SCHEMAS)
    return doc


def install(app: FastAPI, *, idempotency: bool = True) -> None:
    app.openapi = lambda: document(app, idempotency=idempotency)  # type: ignore[method-assign]
