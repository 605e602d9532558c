"""Rate limits per caller, with the `limits` library: at most N requests in any 60 s (moving window).

The caller is the verified token's subject (`client:<sub>`, with its own limit from the clients file or
the gateway's), else the client address (`ip:<address>`). The address is the TCP peer unless that peer is a
configured proxy (`GATEWAY_TRUSTED_PROXIES`): only then is `X-Forwarded-For` read (its right-most
address not itself a proxy). Counters live in memory (per replica) or, with
`GATEWAY_RATE_LIMIT_STORAGE_URL=async+redis://…`, in Redis shared by every replica.
"""

from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from anyang_gateway.context import log_event, trace_id_of
from govkit.auth import KeySet
from govkit.errors import ProblemError, problem_response
from govkit.i18n import t

EXEMPT_PATHS = frozenset({"/health", "/livez"})  # probes must never be throttled


def storage_for(url: str | None, key_prefix: str) -> Storage:
    return RedisStorage(url, key_prefix=key_prefix) if url else MemoryStorage()


class RateLimiter:
    """`per_minute` requests in any 60 s per key; some keys (clients) have limits of their own."""

    def __init__(self, storage: Storage, per_minute: int, per_key: dict[str, int] | None = None) -> None:
        self.limiter = MovingWindowRateLimiter(storage)
        self.per_minute = per_minute
        self.per_key = per_key or {}

    def limit_of(self, key: str) -> int:
        return self.per_key.get(key, self.per_minute)

    async def hit(self, key: str) -> float | None:
        """Count one request: None when allowed, else the seconds until one is allowed again."""
        item = RateLimitItemPerMinute(self.limit_of(key))
        if await self.limiter.hit(item, key):
            return None
        stats = await self.limiter.get_window_stats(item, key)
        return max(0.0, stats.reset_time - time.time())


def caller_key(scope: Scope, keys: KeySet) -> str:
    """`client:<sub>` for a bearer token that verifies with the gateway's keys, else `ip:<address>`."""
    auth = Headers(scope=scope).get("authorization", "")
    scheme, _, token = auth.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        try:
            principal = keys.verify(token.strip())
        except ProblemError:
            principal = None  # the service will refuse it; until then it counts as anonymous
        if principal is not None and principal.sub:
            return f"client:{principal.sub}"
    client = scope.get("client")  # the real client when a trusted proxy forwarded the request
    return f"ip:{client[0] if client else 'unknown'}"


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, *, limiter: RateLimiter, keys: KeySet) -> None:
        self.app = app
        self.limiter = limiter
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        key = caller_key(scope, self.keys)
        wait = await self.limiter.hit(key)
        if wait is None:
            await self.app(scope, receive, send)
            return
        retry_after = max(1, math.ceil(wait))
        limit = self.limiter.limit_of(key)
        state = scope.get("state", {})
        log_event("refused", logging.WARNING, status=429, reason="rate_limited", caller=key,
                  method=scope["method"], path=scope["path"], request_id=state.get("request_id"),
                  trace_id=trace_id_of(state["traceparent"]) if "traceparent" in state else None)
        response = problem_response(
            429,
            t(f"请求过于频繁：每分钟最多 {limit} 次，请 {retry_after} 秒后重试",
              f"Too many requests: at most {limit} a minute; retry in {retry_after} s"),
            headers={"Retry-After": str(retry_after)})
        await response(scope, receive, send)
