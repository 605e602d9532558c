"""Per-request context: request id, W3C trace context, caller language, structured log lines."""

from __future__ import annotations

import json
import logging
import re
import uuid
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govkit.i18n import set_language
from govkit.tracing import child_traceparent

log = logging.getLogger("gateway")

REQUEST_ID = "x-request-id"
TRACEPARENT = "traceparent"
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:\-]{1,64}$")  # the services keep at most 64 characters


def log_event(event: str, level: int = logging.INFO, **fields: Any) -> None:
    """One JSON object per line on the "gateway" logger (not even built when its level is off)."""
    if not log.isEnabledFor(level):
        return
    record = {"event": event, **{k: v for k, v in fields.items() if v is not None}}
    log.log(level, json.dumps(record, ensure_ascii=False, default=str))


def request_id_from(incoming: str | None) -> str:
    """Keep a well-formed caller request id; otherwise a new uuid4 hex (never echo junk into logs)."""
    if incoming and _REQUEST_ID_RE.match(incoming):
        return incoming
    return uuid.uuid4().hex


def trace_id_of(traceparent: str) -> str:
    return traceparent.split("-")[1]


class RequestContextMiddleware:
    """Sets request id, traceparent and language for the request and returns both ids to the caller."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        request_id = request_id_from(headers.get(REQUEST_ID))
        # W3C Trace Context: the caller's trace id and flags, a new parent id (the gateway's span).
        traceparent = child_traceparent(headers.get(TRACEPARENT))
        state = scope.setdefault("state", {})
        state["request_id"], state["traceparent"] = request_id, traceparent
        set_language(headers.get("accept-language"))

        async def send_with_ids(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out[REQUEST_ID] = request_id
                out[TRACEPARENT] = traceparent
            await send(message)

        await self.app(scope, receive, send_with_ids)
