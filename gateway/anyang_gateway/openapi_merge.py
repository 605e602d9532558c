"""One OpenAPI 3.1 document for the whole platform, merged from each service's /openapi.json.

Every service's paths get the prefix `/{service}`, every component (schemas, responses, parameters,
securitySchemes, …) is renamed `{Service}_{Name}` with every `$ref` rewritten, so two services may
both define `RecordOut` without colliding. operationIds get `{service}-`, tags `{service}/`.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx

from anyang_gateway.context import log_event

COMPONENT_SECTIONS = ("schemas", "responses", "parameters", "examples", "requestBodies", "headers",
                      "securitySchemes", "links", "callbacks", "pathItems")
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
TOKEN_URL = "/auth/token"
# One security scheme per OAuth2 flow the gateway offers; a token of any of them satisfies every service.
GATEWAY_SCHEMES = ("clientCredentials",)
SCOPE_DESCRIPTIONS = {
    "awards.county_review": "县（市、区）初审评选申报 / County first review of award applications",
    "awards.department_review": "行业主管部门审核评选申报 / Sector department review of award applications",
    "awards.office": "评选办公室：评选轮次、公示、授予与撤销 / Awards office: rounds, notice, honours",
    "credit.admin": "信用牵头部门：目录、评价规则、政务诚信 / Credit lead: catalogue, rule sets, government "
                    "integrity",
    "credit.draw": "双随机抽查 / Random inspection draws",
    "credit.finance_query": "金融机构经主体授权查询信用档案 / Credit files for lenders, with the subject's "
                            "authorisation",
    "credit.list": "名单认定：列入、移出失信惩戒名单 / List authority: add and remove list entries",
    "credit.report": "出具信用报告 / Issue credit reports",
    "credit.review": "审核信用修复与异议 / Decide repairs and objections",
    "housing.admin": "住房保障主管部门 / Affordable-housing authority",
    "housing.region": "区县政府（管委会）：本辖区保障性租赁住房 / District or county government: housing in its area",
    "hydrogen.cylinders": "市场监管部门：车载氢气瓶登记 / Market regulator: vehicle cylinder registrations",
    "hydrogen.inspect": "消防、市场监管、应急等部门在职责内检查加氢站 / Fire, market and emergency departments: "
                        "inspections in their field",
    "hydrogen.penalty": "城市管理部门：行政处罚 / City management bureau: administrative penalties",
    "audit.read": "查阅审计记录 / Read audit trails",
    "hydrogen.county": "县级燃气主管部门：核验本县加氢站备案 / County gas authority: verify the county's filings",
    "hydrogen.regulator": "市城镇燃气主管部门：全市加氢站监管、市区规划 / City gas authority: all stations, city plan",
    "ops": "运维：死信与定时任务 / Operations: dead letters and scheduled jobs",
    "tasks.read_all": "查阅全部重点任务 / Read every key task",
    "tasks.supervisor": "督查：重点任务与督办事项 / Supervision of key tasks and items",
}


def gateway_security_schemes(scopes: dict[str, str]) -> dict[str, dict]:
    """The gateway's OAuth2 flows, each its own scheme, with what each scope allows (never who holds it)."""
    return {"clientCredentials": {
        "type": "oauth2",
        "description": "OAuth2 客户端凭据（机器对机器） / client credentials, machine to machine. Send the token "
                       "as `Authorization: Bearer <token>`.",
        "flows": {"clientCredentials": {"tokenUrl": TOKEN_URL, "scopes": dict(sorted(scopes.items()))}},
    }}


def gateway_security(requirements: list[dict], token_schemes: set[str]) -> list[dict]:
    """A service's requirements with its own bearer scheme replaced by the gateway's flows; `{}` (no token
    needed) stays."""
    out: list[dict] = []
    for requirement in requirements:
        reqs = ([{name: []} for name in GATEWAY_SCHEMES] if set(requirement) & token_schemes
                else [requirement])
        out += [r for r in reqs if r not in out]
    return out
_LITERAL_KEYS = frozenset({"example", "default", "const", "enum"})  # data, never references


# govkit's schemas, the same in every service: one copy in the merged document
SHARED_SCHEMAS = frozenset({"Problem", "FieldProblem"})


def component_name(service: str, name: str) -> str:
    return f"{service.capitalize()}_{name}"


def _member_name(service: str, section: str, name: str) -> str:
    return name if section == "schemas" and name in SHARED_SCHEMAS else component_name(service, name)


def _titled(section: str, name: str, obj: Any) -> Any:
    """A schema's title is its component name: client generators name their classes by title, and two
    services' `DeadlineOut` must not become one class."""
    if section == "schemas" and isinstance(obj, dict):
        obj = {**obj, "title": name}
    return obj


def _escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _unescape_pointer(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


class _Namespace:
    """Renames one document's components and paths and rewrites its references."""

    def __init__(self, service: str, *, path_prefix: str) -> None:
        self.service = service
        self.path_prefix = path_prefix

    def path(self, path: str) -> str:
        return f"{self.path_prefix}{path}"  # "/" becomes "/credit/", which the proxy serves

    def ref(self, ref: str) -> str:
        if ref.startswith("#/components/"):
            parts = ref[len("#/components/"):].split("/")
            if len(parts) >= 2 and parts[0] == "schemas" and parts[1] in SHARED_SCHEMAS:
                return ref
            if len(parts) >= 2 and parts[0] in COMPONENT_SECTIONS:
                parts[1] = _escape_pointer(component_name(self.service, _unescape_pointer(parts[1])))
                return "#/components/" + "/".join(parts)
        elif ref.startswith("#/paths/"):
            head, _, rest = ref[len("#/paths/"):].partition("/")
            new = "#/paths/" + _escape_pointer(self.path(_unescape_pointer(head)))
            return new + (f"/{rest}" if rest else "")
        return ref

    def walk(self, node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    out[key] = self.ref(value)
                elif key in _LITERAL_KEYS or (key == "examples" and isinstance(value, list)):
                    out[key] = copy.deepcopy(value)
                elif key == "discriminator" and isinstance(value, dict):
                    out[key] = self.walk(value)
                    if isinstance(value.get("mapping"), dict):
                        out[key]["mapping"] = {k: self.ref(v) for k, v in value["mapping"].items()}
                else:
                    out[key] = self.walk(value)
            return out
        if isinstance(node, list):
            return [self.walk(v) for v in node]
        return node

    def security(self, requirements: list[dict]) -> list[dict]:
        return [{component_name(self.service, k): v for k, v in req.items()} for req in requirements]


def _token_schemes(components: dict) -> set[str]:
    """Security schemes a gateway token satisfies: HTTP bearer and OAuth2."""
    schemes = components.get("securitySchemes") or {}
    return {name for name, s in schemes.items()
            if isinstance(s, dict) and (s.get("type") == "oauth2"
                                        or (s.get("type") == "http" and str(s.get("scheme", "")).lower()
                                            == "bearer"))}


def namespace_service(service: str, doc: dict, *, path_prefix: str | None = None) -> dict:
    """A service document with paths, components, refs, security, operationIds and tags namespaced
    (paths under `/{service}` unless `path_prefix` says otherwise)."""
    ns = _Namespace(service, path_prefix=f"/{service}" if path_prefix is None else path_prefix)
    components = doc.get("components") or {}
    token_schemes = {component_name(service, n) for n in _token_schemes(components)}
    default_security = ns.security(doc.get("security") or [])
    tag_map: dict[str, str] = {}

    def tag(name: str) -> str:
        return tag_map.setdefault(name, f"{service}/{name}")

    seen_ids: set[str] = set()

    def operation(op: dict, method: str) -> dict:
        op = ns.walk(op)
        if op.get("operationId"):
            op_id = op["operationId"]
            op_id = op_id if op_id.startswith(f"{service}-") else f"{service}-{op_id}"
            if op_id in seen_ids:  # e.g. FastAPI's api_route with several methods repeats one id
                op_id = f"{op_id}-{method}"
            seen_ids.add(op_id)
            op["operationId"] = op_id
        op["tags"] = [tag(t) for t in op.get("tags") or []] or [service]
        security = ns.security(op["security"]) if "security" in op else default_security
        if security or "security" in op:
            op["security"] = gateway_security(security, token_schemes)
        return op

    def path_item(item: dict) -> dict:
        ops = {key: operation(value, key) for key, value in item.items()
               if key in HTTP_METHODS and isinstance(value, dict)}
        rest = ns.walk({key: value for key, value in item.items() if key not in ops})  # $ref, parameters…
        return {key: ops.get(key, rest.get(key)) for key in item}

    paths = {ns.path(p): path_item(item) for p, item in (doc.get("paths") or {}).items()}
    webhooks = {f"{service}-{name}": path_item(item) for name, item in (doc.get("webhooks") or {}).items()}
    out_components = {
        section: {_member_name(service, section, name): _titled(section, _member_name(service, section, name),
                                                               ns.walk(obj))
                  for name, obj in members.items()
                  if not (section == "securitySchemes" and component_name(service, name) in token_schemes)}
        for section, members in components.items() if section in COMPONENT_SECTIONS and members}
    out_components = {section: members for section, members in out_components.items() if members}
    tags = [{**ns.walk(t), "name": tag(t["name"])} for t in doc.get("tags") or [] if "name" in t]
    used = [t for t in tag_map.values() if t not in {x["name"] for x in tags}]
    tags += [{"name": name} for name in used]
    if any(service in (op.get("tags") or []) for item in paths.values() for op in item.values()
           if isinstance(op, dict)):
        tags.append({"name": service})
    info = doc.get("info") or {}
    return {"paths": paths, "webhooks": webhooks, "components": out_components, "tags": tags,
            "info": {"title": info.get("title", service), "version": info.get("version", "")}}


def merge_openapi(gateway_doc: dict, service_docs: dict[str, dict], *, unavailable: list[str],
                  scopes: dict[str, str] | None = None, title: str = "安阳市政务服务平台 API",
                  version: str = "0.1.0", servers: list[dict] | None = None) -> dict:
    """Pure merge: the gateway's own document plus each service's namespaced document."""
    gateway = namespace_service("gateway", gateway_doc, path_prefix="")  # its paths stay as they are
    for item in gateway["paths"].values():
        for op in item.values():
            if isinstance(op, dict):
                op["tags"] = ["gateway"]
    paths = dict(gateway["paths"])
    components: dict[str, dict] = {s: dict(m) for s, m in gateway["components"].items()}
    tags: list[dict] = [{"name": "gateway", "description": "令牌与健康检查 (tokens and health)"}]
    webhooks: dict = {}
    tag_groups = [{"name": "gateway", "tags": ["gateway"]}]
    services_info = {}
    for service, doc in service_docs.items():
        part = namespace_service(service, doc)
        paths.update(part["paths"])
        webhooks.update(part["webhooks"])
        for section, members in part["components"].items():
            components.setdefault(section, {}).update(members)
        tags += part["tags"]
        tag_groups.append({"name": service, "tags": [t["name"] for t in part["tags"]]})
        services_info[service] = part["info"]
    components.setdefault("securitySchemes", {}).update(gateway_security_schemes(scopes or {}))
    merged: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": title, "version": version,
                 "description": "安阳市政务服务平台的统一接口文档：各服务路径以服务名为前缀。"
                                "Merged API of the Anyang e-government services; each service's paths are "
                                "prefixed with its name. Get a token at POST /auth/token."},
        "paths": paths,
        "components": components,
        "tags": tags,
        "x-tagGroups": tag_groups,
        "x-services": services_info,
        "x-unavailable-services": sorted(unavailable),
    }
    if webhooks:
        merged["webhooks"] = webhooks
    if servers:
        merged["servers"] = servers
    return merged


class OpenAPIAggregator:
    """Fetches the services' documents concurrently and caches the merged one for a short while."""

    def __init__(self, *, services: dict[str, str], client: Callable[[], httpx.AsyncClient],
                 ttl_seconds: float, timeout_seconds: float, clock: Callable[[], float] = time.monotonic):
        self.services = services
        self.client = client
        self.ttl = ttl_seconds
        self.timeout = timeout_seconds
        self.clock = clock
        self._lock = asyncio.Lock()
        self._cached: tuple[float, tuple[dict[str, dict], list[str]]] | None = None

    async def _fetch(self, service: str, base: str) -> dict | None:
        try:
            r = await self.client().get(f"{base}/openapi.json", timeout=self.timeout,
                                        headers={"accept": "application/json"})
            doc = r.json() if r.status_code == 200 else None
            if isinstance(doc, dict) and isinstance(doc.get("paths"), dict):
                return doc
            log_event("openapi_unavailable", logging.WARNING, service=service, status=r.status_code)
        except (httpx.HTTPError, ValueError) as e:
            log_event("openapi_unavailable", logging.WARNING, service=service, error=type(e).__name__)
        return None

    async def service_documents(self) -> tuple[dict[str, dict], list[str]]:
        """({service: document}, [unavailable services]); a partial result is kept 5 s at most."""
        async with self._lock:
            now = self.clock()
            if self._cached and now < self._cached[0]:
                return self._cached[1]
            names = list(self.services)
            results = await asyncio.gather(*(self._fetch(n, self.services[n]) for n in names))
            docs = {n: d for n, d in zip(names, results, strict=True) if d is not None}
            unavailable = [n for n, d in zip(names, results, strict=True) if d is None]
            ttl = min(self.ttl, 5.0) if unavailable else self.ttl
            self._cached = (now + ttl, (docs, unavailable))
            return docs, unavailable
