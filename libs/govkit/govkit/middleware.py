"""ASGI middleware: request context (id, trace, language, caller), body size limit, metrics, access log."""

from __future__ import annotations

import logging
import re
import time

from govkit import context
from govkit.errors import problem_response
from govkit.i18n import set_language, t
from govkit.tracing import child_traceparent, new_request_id

log = logging.getLogger("govkit.access")
_PREFIX = re.compile(r"^/[a-z][a-z0-9-]{0,30}$")


class RequestContextMiddleware:
    def __init__(self, app, *, max_body_bytes: int, metrics=None) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.metrics = metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        prefix = headers.get("x-forwarded-prefix", "")
        if _PREFIX.match(prefix) and not scope.get("root_path"):
            # Behind the gateway (/docs must load /<service>/openapi.json). Starlette expects `path` to
            # include `root_path` and strips it once, so the prefix goes in front of both: a route that
            # begins with the service's own name (/tasks under /tasks) stays reachable.
            raw = scope.get("raw_path") or scope["path"].encode()
            scope = {**scope, "root_path": prefix, "path": prefix + scope["path"],
                     "raw_path": prefix.encode("latin-1") + raw}
        set_language(headers.get("accept-language"))
        rid = headers.get("x-request-id") or new_request_id()
        ctx = context.RequestContext(
            request_id=rid[:64], traceparent=child_traceparent(headers.get("traceparent")),
            caller_system=headers.get("x-road-client", "")[:200],
            caller_message=headers.get("x-road-id", "")[:200],
            caller_case=headers.get("x-road-issue", "")[:200])
        token = context.bind(ctx)
        started = time.perf_counter()
        status_holder = {"status": 500}
        extra = [(b"x-request-id", ctx.request_id.encode()), (b"traceparent", ctx.traceparent.encode())]

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        try:
            declared = headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.max_body_bytes:
                resp = problem_response(413, t(f"请求体超过上限 {self.max_body_bytes} 字节",
                                               f"Request body exceeds {self.max_body_bytes} bytes"))
                return await resp(scope, receive, send_wrapper)
            received = 0

            async def limited_receive():
                nonlocal received
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > self.max_body_bytes:
                        raise BodyTooLarge
                return message

            try:
                await self.app(scope, limited_receive, send_wrapper)
            except BodyTooLarge:
                resp = problem_response(413, t(f"请求体超过上限 {self.max_body_bytes} 字节",
                                               f"Request body exceeds {self.max_body_bytes} bytes"))
                await resp(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - started
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            if self.metrics is not None:
                self.metrics.observe_request(scope["method"], template, status_holder["status"], elapsed)
            log.info("%s %s %s %.1fms", scope["method"], scope["path"], status_holder["status"],
                     elapsed * 1000, extra={"method": scope["method"], "path": scope["path"],
                                       "status": status_holder["status"], "ms": round(elapsed * 1000, 2)})
            context.reset(token)


class BodyTooLarge(Exception):
    pass
