"""httpx's transport interface over aiohttp's connection pool, for the gateway's upstream calls.

httpcore's pool walks every pooled connection on every request (`_assign_requests_to_connections`,
`has_expired` polling each socket): at 64 concurrent callers the gateway spent ~60 % of its CPU there and
passed 0.07–0.35× of its services' throughput (`bench/bench_gateway.py`). aiohttp's `TCPConnector` keeps
idle connections per host in a deque. The rest of the gateway (and its tests, which mount the services
with another transport) keep using `httpx.AsyncClient`.
"""

from __future__ import annotations

from typing import NamedTuple

import aiohttp
import httpx

from anyang_gateway.settings import GatewaySettings


class Answer(NamedTuple):
    """An upstream's whole answer: status, headers as received (bytes), body (still encoded)."""

    status: int
    headers: list[tuple[bytes, bytes]]
    content: bytes
    reason: str = ""


class AiohttpTransport(httpx.AsyncBaseTransport):
    """Sends each request on a pooled keep-alive connection and returns the whole body (the proxy buffers
    it anyway). Errors map to httpx's: a refused or timed-out connect is `ConnectError`/`ConnectTimeout`
    (the request never reached the service), a slow answer `ReadTimeout`, a dropped one `ReadError`."""

    def __init__(self, settings: GatewaySettings) -> None:
        self.session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=settings.max_connections,
                                           limit_per_host=settings.max_connections_per_upstream,
                                           keepalive_timeout=settings.keepalive_seconds),
            cookie_jar=aiohttp.DummyCookieJar(),  # one caller's cookies must never reach the next
            auto_decompress=False, trust_env=False,
            skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding", "Content-Type"))
        self.timeout = _timeout({"pool": settings.pool_timeout_seconds, "connect": settings.connect_timeout_seconds,
                                 "read": settings.read_timeout_seconds})

    async def send(self, method: str, url: str, headers: list[tuple[bytes, bytes]], body: bytes,
                   timeout: aiohttp.ClientTimeout | None = None) -> Answer:
        """The proxy's call: no httpx request or response built (they cost as much as aiohttp's own work)."""
        try:
            async with self.session.request(
                    method, url, headers=[(k.decode("latin-1"), _text(v)) for k, v in headers], data=body or None,
                    allow_redirects=False, timeout=timeout or self.timeout) as response:
                return Answer(response.status, list(response.raw_headers), await response.read(), response.reason or "")
        except aiohttp.ConnectionTimeoutError as e:
            raise httpx.ConnectTimeout(str(e) or "connect timeout") from e
        except aiohttp.ClientConnectorError as e:
            raise httpx.ConnectError(str(e)) from e
        except (aiohttp.SocketTimeoutError, aiohttp.ServerTimeoutError) as e:
            raise httpx.ReadTimeout(str(e) or "read timeout") from e
        except aiohttp.ClientError as e:
            raise httpx.ReadError(f"{type(e).__name__}: {e}") from e

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """httpx's interface (health checks and the OpenAPI documents), with the request's own timeouts."""
        try:
            answer = await self.send(request.method, str(request.url), request.headers.raw, request.content,
                                     _timeout(request.extensions.get("timeout", {})))
        except httpx.TransportError as e:
            e.request = request
            raise
        return httpx.Response(answer.status, headers=answer.headers, stream=httpx.ByteStream(answer.content),
                              request=request,
                              extensions={"http_version": b"HTTP/1.1", "reason_phrase": answer.reason.encode()})

    async def aclose(self) -> None:
        await self.session.close()


def _timeout(timeout: dict[str, float | None]) -> aiohttp.ClientTimeout:
    return aiohttp.ClientTimeout(connect=_sum(timeout.get("pool"), timeout.get("connect")),
                                 sock_connect=timeout.get("connect"), sock_read=timeout.get("read"))


def _sum(a: float | None, b: float | None) -> float | None:
    """aiohttp's `connect` covers the wait for a pooled connection and the connect itself."""
    return None if a is None or b is None else a + b


def _text(value: bytes) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")
