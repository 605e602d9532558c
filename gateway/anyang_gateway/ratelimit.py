"""Rate limits per caller, with the `limits` library: at most N requests in any 60 s (moving window).

The caller is the verified token's subject (`client:<sub>`, with its own limit from the clients file or
the gateway's), else the client address (`ip:<address>`). The address is the TCP peer unless that peer is a
configured proxy (`GATEWAY_TRUSTED_PROXIES`): only then is `X-Forwarded-For` read (its right-most
address not itself a proxy). Counters live in memory (per replica) or, with
`GATEWAY_RATE_LIMIT_STORAGE_URL=async+redis://…`, in Redis shared by every replica.

In memory, each caller's hits are a deque of timestamps, oldest first (`HitLog`): a hit appends, hits older
than the window leave from the left. `limits`' own `MemoryStorage` keeps a list it grows at the front
(a copy per hit) and prunes in a thread on every pass: about 30 % of the gateway's CPU at a few hundred
requests a second from one client (py-spy, issue 13). The semantics (a moving window, `Retry-After` when
the oldest hit leaves it) are `limits`' own.
"""

from __future__ import annotations

import logging
import math
import time
from collections import deque

import jwt
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


class HitLog(MemoryStorage):
    """`limits`' moving-window storage interface over one deque of hit times per key (O(1) a hit)."""

    def __init__(self) -> None:
        super().__init__()
        self.hits: dict[str, deque[float]] = {}
        self.swept = time.time()

    def _window(self, key: str, expiry: float, now: float) -> deque[float]:
        """The key's hits within the window ending now."""
        cutoff = now - expiry
        if now - self.swept > expiry:  # once a window: forget callers with no hit left in it
            self.swept = now
            for k in [k for k, v in self.hits.items() if not v or v[-1] < cutoff]:
                del self.hits[k]
        hits = self.hits.setdefault(key, deque())
        while hits and hits[0] < cutoff:
            hits.popleft()
        return hits

    async def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        now = time.time()
        hits = self._window(key, expiry, now)
        if amount > limit or len(hits) + amount > limit:
            return False
        hits.extend([now] * amount)
        return True

    async def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        now = time.time()
        hits = self._window(key, expiry, now)
        return (hits[0], len(hits)) if hits else (now, 0)

    async def clear(self, key: str) -> None:
        self.hits.pop(key, None)

    async def reset(self) -> int | None:
        count = len(self.hits)
        self.hits.clear()
        return count


def storage_for(url: str | None, key_prefix: str) -> Storage:
    return RedisStorage(url, key_prefix=key_prefix) if url else HitLog()


class RateLimiter:
    """`per_minute` requests in any 60 s per key; some keys (clients) have limits of their own."""

    def __init__(self, storage: Storage, per_minute: int, per_key: dict[str, int] | None = None) -> None:
        self.limiter = MovingWindowRateLimiter(storage)
        self.per_minute = per_minute
        self.per_key = per_key or {}
        self._items: dict[int, RateLimitItemPerMinute] = {}

    def limit_of(self, key: str) -> int:
        return self.per_key.get(key, self.per_minute)

    async def hit(self, key: str) -> float | None:
        """Count one request: None when allowed, else the seconds until one is allowed again."""
        item = self._items.get(limit := self.limit_of(key)) or self._items.setdefault(
            limit, RateLimitItemPerMinute(limit))
        if await self.limiter.hit(item, key):
            return None
        stats = await self.limiter.get_window_stats(item, key)
        return max(0.0, stats.reset_time - time.time())


class CallerKeys:
    """`client:<sub>` for a bearer token that verifies with the gateway's keys, else `ip:<address>`.

    A verified token's subject is remembered until the token expires (at most `size` tokens, forgotten all
    at once when full): a client sends the same token for an hour, and verifying its signature on every
    request was a tenth of the gateway's CPU (py-spy, issue 13). Only the bucket is decided here; the
    service verifies the token itself."""

    def __init__(self, keys: KeySet, size: int = 10_000) -> None:
        self.keys, self.size = keys, size
        self.subjects: dict[str, tuple[str, float]] = {}  # token → (sub, expiry)

    def __call__(self, scope: Scope) -> str:
        auth = Headers(scope=scope).get("authorization", "")
        scheme, _, token = auth.partition(" ")
        token = token.strip()
        if scheme.lower() == "bearer" and token:
            sub = self._subject(token)
            if sub:
                return f"client:{sub}"
        client = scope.get("client")  # the real client when a trusted proxy forwarded the request
        return f"ip:{client[0] if client else 'unknown'}"

    def _subject(self, token: str) -> str | None:
        known = self.subjects.get(token)
        if known is not None and known[1] > time.time():
            return known[0]
        try:
            principal = self.keys.verify(token)
        except ProblemError:
            return None  # the service will refuse it; until then it counts as anonymous
        if principal.sub:
            if len(self.subjects) >= self.size:
                self.subjects.clear()
            expiry = jwt.decode(token, options={"verify_signature": False}).get("exp")
            self.subjects[token] = (principal.sub, float(expiry or 0))
        return principal.sub or None


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, *, limiter: RateLimiter, keys: KeySet) -> None:
        self.app = app
        self.limiter = limiter
        self.caller_key = CallerKeys(keys)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        key = self.caller_key(scope)
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
