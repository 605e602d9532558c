"""Per-client rate limiting: a token bucket per verified token subject, or per IP for anonymous callers.

The limit is per gateway replica (in memory); with N replicas a client gets at most N × the limit.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from anyang_gateway.context import log_event, trace_id_of
from govkit.auth import KeySet
from govkit.errors import ProblemError, problem_response
from govkit.i18n import t

EXEMPT_PATHS = frozenset({"/health", "/livez"})  # probes must never be throttled


class TokenBucketLimiter:
    """`per_minute` requests a minute per key (or the key's own limit in `per_key`), refilled continuously,
    bursts up to the limit."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 100_000, per_key: dict[str, int] | None = None) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.clock = clock
        self.max_keys = max_keys
        self.per_key = dict(per_key or {})
        self._buckets: dict[str, tuple[float, float]] = {}  # key → (tokens, last update)

    def limit(self, key: str) -> int:
        return self.per_key.get(key, int(self.capacity))

    def hit(self, key: str) -> float | None:
        """Take one token: None when allowed, else the seconds until the next one is available."""
        now = self.clock()
        capacity = float(self.per_key.get(key, self.capacity))
        rate = capacity / 60.0
        tokens, last = self._buckets.get(key, (capacity, now))
        tokens = min(capacity, tokens + (now - last) * rate)
        if tokens >= 1.0:
            self._buckets[key] = (tokens - 1.0, now)
            if len(self._buckets) > self.max_keys:
                self._prune(now)
            return None
        self._buckets[key] = (tokens, now)
        return (1.0 - tokens) / rate

    def _prune(self, now: float) -> None:
        full_after = self.capacity / self.rate
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full_after}


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
    client = scope.get("client")
    return f"ip:{client[0] if client else 'unknown'}"


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, *, limiter: TokenBucketLimiter, keys: KeySet) -> None:
        self.app = app
        self.limiter = limiter
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        key = caller_key(scope, self.keys)
        wait = self.limiter.hit(key)
        if wait is None:
            await self.app(scope, receive, send)
            return
        retry_after = max(1, math.ceil(wait))
        state = scope.get("state", {})
        log_event("refused", logging.WARNING, status=429, reason="rate_limited", caller=key,
                  method=scope["method"], path=scope["path"], request_id=state.get("request_id"),
                  trace_id=trace_id_of(state["traceparent"]) if "traceparent" in state else None)
        response = problem_response(
            429,
            t(f"请求过于频繁：每分钟最多 {self.limiter.limit(key)} 次，请 {retry_after} 秒后重试",
              f"Too many requests: at most {self.limiter.limit(key)} a minute; "
              f"retry in {retry_after} s"),
            headers={"Retry-After": str(retry_after)})
        await response(scope, receive, send)
