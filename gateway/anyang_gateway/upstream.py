"""httpx's transport interface over aiohttp's connection pool, for the gateway's upstream calls.

httpcore's pool walks every pooled connection on every request (`_assign_requests_to_connections`,
`has_expired` polling each socket): at 64 concurrent callers the gateway spent ~60 % of its CPU there and
passed 0.07–0.35× of its services' throughput (`bench/bench_gateway.py`). aiohttp's `TCPConnector` keeps
idle connections per host in a deque. The rest of the gateway (and its tests, which mount the services
with another transport) keep using `httpx.AsyncClient`.
"""

from __future__ import annotations

import aiohttp
import httpx

from anyang_gateway.settings import GatewaySettings


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

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeout = request.extensions.get("timeout", {})
        # header values as received; aiohttp writes str values as UTF-8, so valid UTF-8 round-trips
        headers = [(k.decode("latin-1"), _text(v)) for k, v in request.headers.raw]
        body = request.content or None
        try:
            async with self.session.request(
                    request.method, str(request.url), headers=headers, data=body, allow_redirects=False,
                    timeout=aiohttp.ClientTimeout(connect=_sum(timeout.get("pool"), timeout.get("connect")),
                                                  sock_connect=timeout.get("connect"),
                                                  sock_read=timeout.get("read"))) as response:
                content = await response.read()
                raw = list(response.raw_headers)
                status, reason = response.status, response.reason
        except aiohttp.ConnectionTimeoutError as e:
            raise httpx.ConnectTimeout(str(e) or "connect timeout", request=request) from e
        except aiohttp.ClientConnectorError as e:
            raise httpx.ConnectError(str(e), request=request) from e
        except (aiohttp.SocketTimeoutError, aiohttp.ServerTimeoutError) as e:
            raise httpx.ReadTimeout(str(e) or "read timeout", request=request) from e
        except aiohttp.ClientError as e:
            raise httpx.ReadError(f"{type(e).__name__}: {e}", request=request) from e
        return httpx.Response(status, headers=raw, stream=httpx.ByteStream(content), request=request,
                              extensions={"http_version": b"HTTP/1.1", "reason_phrase": (reason or "").encode()})

    async def aclose(self) -> None:
        await self.session.close()


def _sum(a: float | None, b: float | None) -> float | None:
    """aiohttp's `connect` covers the wait for a pooled connection and the connect itself."""
    return None if a is None or b is None else a + b


def _text(value: bytes) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")
