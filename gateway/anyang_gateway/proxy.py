"""Reverse proxy `/{service}/{path}` → one of the service's base URLs (round-robin over its replicas), through
one pooled upstream client (aiohttp's pool: `upstream.py`).

The proxy is a plain ASGI app. `ProxyRoutes`, the innermost middleware, hands it every `/{service}/…`
request whose first segment is none of the gateway's own routes, past FastAPI's routing (each included
router matched in turn), its per-route exception wrappers and the exit-stack middleware: at c=1 those and
building httpx's request and response objects were about half of the gateway's CPU per proxied request
(cProfile of the stack with the upstream stubbed; issue 13). The same app stays the router's last route,
so any other path it would have matched still reaches it.
"""

from __future__ import annotations

import http.cookiejar
import itertools
import logging
import time
from collections.abc import Iterable
from urllib.parse import quote

import httpx
from fastapi import APIRouter
from starlette._utils import get_route_path  # how Starlette's own router reads the path under root_path
from starlette.requests import ClientDisconnect
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from anyang_gateway.context import log, log_event, trace_id_of
from anyang_gateway.settings import GatewaySettings
from anyang_gateway.upstream import AiohttpTransport, Answer
from govkit.errors import problem_response
from govkit.i18n import t

router = APIRouter()

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# RFC 9110 §7.6.1 hop-by-hop fields, plus the ones the gateway sets itself (the ids: context.py).
HOP_BY_HOP = frozenset({
    b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"proxy-connection",
    b"te", b"trailer", b"trailers", b"transfer-encoding", b"upgrade",
})
NOT_FORWARDED_UP = HOP_BY_HOP | {b"host", b"content-length", b"x-request-id", b"traceparent",
                                 b"x-forwarded-prefix", b"x-forwarded-host", b"x-forwarded-proto"}
# date and server: the gateway's own server sets them; forwarding the upstream's would send each twice
NOT_FORWARDED_DOWN = HOP_BY_HOP | {b"content-length", b"date", b"server", b"x-request-id", b"traceparent"}
CALLER_CONTEXT = (b"x-road-client", b"x-road-id", b"x-road-issue")


class UpstreamClient(httpx.AsyncClient):
    """The one upstream pool: an httpx client (health and OpenAPI use it as such) whose `forward` hands the
    proxied request straight to the transport. The aiohttp transport takes it as it is; another transport
    (the tests mount the services with httpx's ASGI transport) gets an httpx request."""

    def __init__(self, transport: httpx.AsyncBaseTransport, timeout: httpx.Timeout, **kwargs) -> None:
        super().__init__(transport=transport, timeout=timeout, **kwargs)
        self.transport = transport
        self.timeouts = timeout.as_dict()

    async def forward(self, method: str, url: str, headers: list[tuple[bytes, bytes]], body: bytes) -> Answer:
        if isinstance(self.transport, AiohttpTransport):
            return await self.transport.send(method, url, headers, body)
        request = httpx.Request(method, url, headers=headers, content=body, extensions={"timeout": self.timeouts})
        response = await self.transport.handle_async_request(request)
        try:
            content = b"".join([chunk async for chunk in response.aiter_raw()])  # still encoded
        finally:
            await response.aclose()
        return Answer(response.status_code, response.headers.raw, content)


def build_client(settings: GatewaySettings, transport: httpx.AsyncBaseTransport | None = None
                 ) -> UpstreamClient:
    """Built inside the running event loop. Cookies are never kept: a shared jar would leak one caller's
    cookies to the next, so the jar's policy refuses every domain (and the aiohttp transport keeps none)."""
    no_cookies = http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
    return UpstreamClient(
        transport or AiohttpTransport(settings),
        httpx.Timeout(connect=settings.connect_timeout_seconds, read=settings.read_timeout_seconds,
                      write=settings.read_timeout_seconds, pool=settings.pool_timeout_seconds),
        cookies=no_cookies, follow_redirects=False, trust_env=False)


class Upstreams:
    """Round-robin over each service's base URLs; `order(service)` gives this request's turn first, then
    the others (tried only when a replica refuses the connection: the request never reached it)."""

    def __init__(self, upstreams: dict[str, tuple[str, ...]]) -> None:
        self.upstreams = upstreams
        self._turns = {name: itertools.count() for name in upstreams}

    def order(self, service: str) -> tuple[str, ...] | None:
        bases = self.upstreams.get(service)
        if bases is None or len(bases) == 1:
            return bases
        k = next(self._turns[service]) % len(bases)
        return bases[k:] + bases[:k]


def _connection_tokens(values: Iterable[bytes]) -> set[bytes]:
    """Fields named in Connection are hop-by-hop too (RFC 9110 §7.6.1)."""
    return {tok.strip().lower() for v in values for tok in v.split(b",") if tok.strip()}


def _first(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    return next((v for k, v in headers if k == name), None)


def upstream_headers(scope: Scope, service: str) -> list[tuple[bytes, bytes]]:
    """The caller's headers less hop-by-hop ones, plus the ids and X-Forwarded-* (ASGI names are lowercase)."""
    headers: list[tuple[bytes, bytes]] = scope["headers"]
    dropped = NOT_FORWARDED_UP | _connection_tokens(v for k, v in headers if k == b"connection")
    out = [(k, v) for k, v in headers if k not in dropped]
    if _first(headers, b"accept-encoding") is None:
        out.append((b"accept-encoding", b"identity"))  # else the client asks for gzip the caller never asked for
    client = scope.get("client")
    if client:
        previous = _first(headers, b"x-forwarded-for")
        out = [(k, v) for k, v in out if k != b"x-forwarded-for"]
        address = client[0].encode("latin-1")
        out.append((b"x-forwarded-for", previous + b", " + address if previous else address))
    state = scope["state"]
    out += [(b"x-request-id", state["request_id"].encode()), (b"traceparent", state["traceparent"].encode()),
            (b"x-forwarded-prefix", f"{scope.get('root_path', '')}/{service}".encode("latin-1")),
            (b"x-forwarded-host", _first(headers, b"host") or b""),
            (b"x-forwarded-proto", scope["scheme"].encode("latin-1"))]
    return out


def upstream_target(scope: Scope, service: str, path: str) -> str:
    """The path after `/{service}`, kept byte for byte (percent-escapes included), plus the query."""
    raw = scope.get("raw_path")
    prefix = (scope.get("root_path", "") + f"/{service}").encode()
    if raw and raw.split(b"?")[0].startswith(prefix):
        rest = raw.split(b"?")[0][len(prefix):].decode("latin-1")
    else:
        rest = "/" + quote(path, safe="/:@!$&'()*+,;=-._~")
    query = scope.get("query_string", b"").decode("latin-1")
    return (rest or "/") + (f"?{query}" if query else "")


class BodyTooLarge(Exception):
    pass


async def read_body(scope: Scope, receive: Receive, limit: int) -> bytes:
    """The request body, refused as soon as it passes `limit` bytes (declared or streamed)."""
    declared = _first(scope["headers"], b"content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks, size, more = [], 0, True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect
        chunk, more = message.get("body", b""), message.get("more_body", False)
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def service_and_path(scope: Scope) -> tuple[str, str] | None:
    """`/{service}/{path}` as the router's route reads it (service: one segment; path: the rest, maybe empty)."""
    service, slash, path = get_route_path(scope)[1:].partition("/")
    return (service, path) if slash and service else None


def _context(scope: Scope, service: str) -> dict:
    """What the proxy's log lines say about the request (built only for a line that is written)."""
    state, headers = scope["state"], scope["headers"]
    caller = {k.decode().replace("-", "_"): v.decode("latin-1") for k, v in headers if k in CALLER_CONTEXT}
    return {"service": service, "method": scope["method"], "path": scope["path"],
            "request_id": state["request_id"], "trace_id": trace_id_of(state["traceparent"]), **caller}


async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
    """ASGI app for `/{service}/{path}` (the request context middleware has set the ids in scope["state"])."""
    service, path = service_and_path(scope)
    app = scope["app"]
    settings: GatewaySettings = app.state.settings
    bases = upstreams_of(app).order(service)
    if bases is None:
        response = problem_response(404, t(f"没有名为 {service} 的服务", f"No service named {service}"),
                                    extra={"service": service})
        return await response(scope, receive, send)
    if any(segment in (".", "..") for segment in path.split("/")):
        response = problem_response(400, t("路径中不能含有 . 或 .. 段", "The path must not contain . or .. segments"))
        return await response(scope, receive, send)
    try:
        body = await read_body(scope, receive, settings.max_body_bytes)
    except BodyTooLarge:
        limit_mib = settings.max_body_bytes / (1024 * 1024)
        response = problem_response(413, t(f"请求体超过上限 {limit_mib:g} MiB", f"Body exceeds {limit_mib:g} MiB"),
                                    extra={"max_body_bytes": settings.max_body_bytes})
        return await response(scope, receive, send)

    client: UpstreamClient = app.state.http
    target = upstream_target(scope, service, path)
    headers = upstream_headers(scope, service)
    method = scope["method"]
    started = time.perf_counter()
    for attempt, base in enumerate(bases, start=1):
        try:
            upstream = await client.forward(method, base + target, headers, body)
            break
        except (httpx.ConnectError, httpx.ConnectTimeout) as e:
            if attempt == len(bases):  # every replica refused the connection
                return await _unreachable(service, _context(scope, service), e)(scope, receive, send)
            log_event("upstream_replica_skipped", logging.WARNING, upstream=base,
                      error=f"{type(e).__name__}: {e}", **_context(scope, service))
        except httpx.TimeoutException as e:
            log_event("upstream_timeout", logging.WARNING, error=type(e).__name__, **_context(scope, service))
            response = problem_response(504, t(f"服务 {service} 未在规定时间内响应",
                                               f"Service {service} did not answer in time"), extra={"service": service})
            return await response(scope, receive, send)
        except httpx.TransportError as e:
            return await _unreachable(service, _context(scope, service), e)(scope, receive, send)

    status, content = upstream.status, upstream.content
    if log.isEnabledFor(logging.INFO):
        log_event("proxied", status=status, elapsed_ms=round((time.perf_counter() - started) * 1000, 1),
                  **_context(scope, service))
    if status == 401:
        client_address = scope.get("client")
        log_event("refused", logging.WARNING, status=401, reason="upstream_unauthorized",
                  ip=client_address[0] if client_address else None, **_context(scope, service))
    received = [(k.lower(), v) for k, v in upstream.headers]  # values: bytes as sent (UTF-8 file names too)
    dropped = NOT_FORWARDED_DOWN | _connection_tokens(v for k, v in received if k == b"connection")
    raw = [(k, v) for k, v in received if k not in dropped]
    length = _first(received, b"content-length") if method == "HEAD" else str(len(content)).encode()
    if length is not None and status not in (204, 304):
        raw.append((b"content-length", length))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": content})


class ProxyRoutes:
    """The innermost middleware: `/{service}/{path}` goes straight to `proxy` unless `service` is the first
    segment of one of the gateway's own routes (those go through the router as before)."""

    def __init__(self, app: ASGIApp, *, routes: list[BaseRoute]) -> None:
        self.app = app
        self.routes = routes  # the app's route list, read once the app is complete (at the first request)
        self.own: frozenset[str] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in METHODS:
            if self.own is None:
                self.own = frozenset(_first_segments(self.routes))
            found = service_and_path(scope)
            if found and found[0] not in self.own:
                await proxy(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _first_segments(routes: Iterable[BaseRoute]) -> Iterable[str]:
    """The literal first path segment of every route (FastAPI keeps included routers as nested routes)."""
    for route in routes:
        nested = getattr(route, "original_router", None)
        if nested is not None:
            yield from _first_segments(nested.routes)
        elif (path := getattr(route, "path", None)) and not path.startswith("/{"):
            yield path[1:].split("/", 1)[0]


class _AsASGI:
    """An object, not a function: Starlette's Route calls it as an ASGI app (a function it would call with a
    Request)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await proxy(scope, receive, send)


router.add_route("/{service}/{path:path}", _AsASGI(), methods=METHODS, include_in_schema=False)


def upstreams_of(app) -> Upstreams:
    if getattr(app.state, "upstreams", None) is None:
        app.state.upstreams = Upstreams(app.state.settings.upstreams)
    return app.state.upstreams


def _unreachable(service: str, context: dict, error: Exception):
    log_event("upstream_unreachable", logging.WARNING, error=f"{type(error).__name__}: {error}", **context)
    return problem_response(502, t(f"服务 {service} 暂时无法连接", f"Service {service} is unreachable"),
                            extra={"service": service})
