"""W3C trace context: keep the caller's trace id, start a new span for this hop."""

from __future__ import annotations

import re
import secrets

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


def child_traceparent(incoming: str | None) -> str:
    m = _TRACEPARENT.match((incoming or "").strip().lower())
    trace_id = m.group(1) if m and m.group(1) != "0" * 32 else secrets.token_hex(16)
    flags = m.group(3) if m else "01"
    return f"00-{trace_id}-{secrets.token_hex(8)}-{flags}"


def new_request_id() -> str:
    return secrets.token_hex(16)
