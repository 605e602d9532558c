"""Reverse proxy `/{service}/{path}` → one of the service's base URLs (round-robin over its replicas), through
one pooled upstream client (httpx's interface over aiohttp's pool: `upstream.py`)."""

from __future__ import annotations

import http.cookiejar
import itertools
import logging
import time
from urllib.parse import quote

import httpx
from fastapi import APIRouter, Request, Response

from anyang_gateway.context import REQUEST_ID, TRACEPARENT, log_event, trace_id_of
from anyang_gateway.settings import GatewaySettings
from anyang_gateway.upstream import AiohttpTransport
from govkit.errors import problem_response
from govkit.i18n import t

router = APIRouter()

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# RFC 9110 §7.6.1 hop-by-hop fields, plus the ones the gateway sets itself.
HOP_BY_HOP = frozenset({
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
    "te", "trailer", "trailers", "transfer-encoding", "upgrade",
})
NOT_FORWARDED_UP = HOP_BY_HOP | {"host", "content-length", REQUEST_ID, TRACEPARENT,
                                 "x-forwarded-prefix", "x-forwarded-host", "x-forwarded-proto"}
# date and server: the gateway's own server sets them; forwarding the upstream's would send each twice
NOT_FORWARDED_DOWN = HOP_BY_HOP | {"content-length", "date", "server", REQUEST_ID, TRACEPARENT}
CALLER_CONTEXT = ("x-road-client", "x-road-id", "x-road-issue")


class UpstreamClient(httpx.AsyncClient):
    """The one upstream pool: an httpx client (health and OpenAPI use it as such) whose `forward` hands the
    proxied request straight to the transport, skipping the client's cookie, auth and redirect layers the
    proxy does not use (they were a tenth of the gateway's CPU under load)."""

    def __init__(self, transport: httpx.AsyncBaseTransport, timeout: httpx.Timeout, **kwargs) -> None:
        super().__init__(transport=transport, timeout=timeout, **kwargs)
        self.transport = transport
        self.timeouts = timeout.as_dict()

    async def forward(self, method: str, url: str, headers: list[tuple[bytes, bytes]], body: bytes
                      ) -> httpx.Response:
        request = httpx.Request(method, url, headers=headers, content=body,
                                extensions={"timeout": self.timeouts})
        return await self.transport.handle_async_request(request)


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


def _connection_tokens(values: list[str]) -> set[str]:
    """Fields named in Connection are hop-by-hop too (RFC 9110 §7.6.1)."""
    return {tok.strip().lower() for v in values for tok in v.split(",") if tok.strip()}


def upstream_headers(request: Request, service: str) -> list[tuple[str, str]]:
    dropped = NOT_FORWARDED_UP | _connection_tokens(request.headers.getlist("connection"))
    out = [(k, v) for k, v in request.headers.items() if k.lower() not in dropped]
    if "accept-encoding" not in request.headers:
        out.append(("accept-encoding", "identity"))  # else httpx asks for gzip the caller never asked for
    client_ip = request.client.host if request.client else None
    if client_ip:
        previous = request.headers.get("x-forwarded-for")
        out = [(k, v) for k, v in out if k.lower() != "x-forwarded-for"]
        out.append(("x-forwarded-for", f"{previous}, {client_ip}" if previous else client_ip))
    out += [(REQUEST_ID, request.state.request_id), (TRACEPARENT, request.state.traceparent),
            ("x-forwarded-prefix", f"{request.scope.get('root_path', '')}/{service}"),
            ("x-forwarded-host", request.headers.get("host", "")),
            ("x-forwarded-proto", request.url.scheme)]
    return out


def upstream_target(request: Request, service: str, path: str) -> str:
    """The path after `/{service}`, kept byte for byte (percent-escapes included), plus the query."""
    raw = request.scope.get("raw_path")
    prefix = (request.scope.get("root_path", "") + f"/{service}").encode()
    if raw and raw.split(b"?")[0].startswith(prefix):
        rest = raw.split(b"?")[0][len(prefix):].decode("latin-1")
    else:
        rest = "/" + quote(path, safe="/:@!$&'()*+,;=-._~")
    query = request.scope.get("query_string", b"").decode("latin-1")
    return (rest or "/") + (f"?{query}" if query else "")


class BodyTooLarge(Exception):
    pass


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused as soon as it passes `limit` bytes (declared or streamed)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _caller_context(request: Request) -> dict[str, str]:
    return {h.replace("-", "_"): request.headers[h] for h in CALLER_CONTEXT if h in request.headers}


async def proxy(request: Request) -> Response:
    """A plain Starlette endpoint (no FastAPI parameter solving on the hot path)."""
    service, path = request.path_params["service"], request.path_params["path"]
    settings: GatewaySettings = request.app.state.settings
    bases = upstreams_of(request).order(service)
    if bases is None:
        return problem_response(404, t(f"没有名为 {service} 的服务", f"No service named {service}"),
                                extra={"service": service})
    if any(segment in (".", "..") for segment in path.split("/")):
        return problem_response(400, t("路径中不能含有 . 或 .. 段",
                                       "The path must not contain . or .. segments"))
    try:
        body = await read_body(request, settings.max_body_bytes)
    except BodyTooLarge:
        limit_mib = settings.max_body_bytes / (1024 * 1024)
        return problem_response(413, t(f"请求体超过上限 {limit_mib:g} MiB",
                                       f"Body exceeds {limit_mib:g} MiB"),
                                extra={"max_body_bytes": settings.max_body_bytes})

    client: UpstreamClient = request.app.state.http
    target = upstream_target(request, service, path)
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in upstream_headers(request, service)]
    started = time.perf_counter()
    context = {"service": service, "method": request.method, "path": request.url.path,
               "request_id": request.state.request_id, "trace_id": trace_id_of(request.state.traceparent),
               **_caller_context(request)}
    for attempt, base in enumerate(bases, start=1):
        try:
            upstream = await client.forward(request.method, base + target, headers, body)
            try:
                content = b"".join([chunk async for chunk in upstream.aiter_raw()])  # still encoded
            finally:
                await upstream.aclose()
            break
        except (httpx.ConnectError, httpx.ConnectTimeout) as e:
            if attempt == len(bases):  # every replica refused the connection
                return _unreachable(service, context, e)
            log_event("upstream_replica_skipped", logging.WARNING, upstream=base,
                      error=f"{type(e).__name__}: {e}", **context)
        except httpx.TimeoutException as e:
            log_event("upstream_timeout", logging.WARNING, error=type(e).__name__, **context)
            return problem_response(504, t(f"服务 {service} 未在规定时间内响应",
                                           f"Service {service} did not answer in time"),
                                    extra={"service": service})
        except httpx.TransportError as e:
            return _unreachable(service, context, e)

    elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
    log_event("proxied", status=upstream.status_code, elapsed_ms=elapsed_ms, **context)
    if upstream.status_code == 401:
        log_event("refused", logging.WARNING, status=401, reason="upstream_unauthorized",
                  ip=request.client.host if request.client else None, **context)
    dropped = NOT_FORWARDED_DOWN | _connection_tokens(upstream.headers.get_list("connection"))
    response = Response(content=content, status_code=upstream.status_code)
    raw = [(k.lower(), v) for k, v in upstream.headers.raw  # bytes as sent (UTF-8 file names included)
           if k.decode("latin-1").lower() not in dropped]
    length = upstream.headers.get("content-length") if request.method == "HEAD" else str(len(content))
    if length is not None and upstream.status_code not in (204, 304):
        raw.append((b"content-length", length.encode()))
    response.raw_headers = raw
    return response


router.add_route("/{service}/{path:path}", proxy, methods=METHODS, include_in_schema=False)


def upstreams_of(request: Request) -> Upstreams:
    app = request.app
    if getattr(app.state, "upstreams", None) is None:
        app.state.upstreams = Upstreams(app.state.settings.upstreams)
    return app.state.upstreams


def _unreachable(service: str, context: dict, error: Exception) -> Response:
    log_event("upstream_unreachable", logging.WARNING, error=f"{type(error).__name__}: {error}", **context)
    return problem_response(502, t(f"服务 {service} 暂时无法连接", f"Service {service} is unreachable"),
                            extra={"service": service})
