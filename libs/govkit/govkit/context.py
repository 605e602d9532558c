"""Per-request context carried into logs, the audit log and event headers."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field

from govkit.auth import ANONYMOUS, Principal


@dataclass
class RequestContext:
    request_id: str = ""
    traceparent: str = ""
    caller_system: str = ""   # X-Road-Client
    caller_message: str = ""  # X-Road-Id
    caller_case: str = ""     # X-Road-Issue
    principal: Principal = field(default_factory=lambda: ANONYMOUS)


_ctx: ContextVar[RequestContext | None] = ContextVar("request_context", default=None)


def current() -> RequestContext:
    ctx = _ctx.get()
    if ctx is None:
        ctx = RequestContext()
        _ctx.set(ctx)
    return ctx


def bind(ctx: RequestContext):
    return _ctx.set(ctx)


def reset(token) -> None:
    _ctx.reset(token)
