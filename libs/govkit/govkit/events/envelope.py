"""The event envelope every service publishes (spec: Events)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Event:
    id: str            # unique; the Nats-Msg-Id used for de-duplication
    type: str          # <service>.<aggregate>.<verb>
    version: int       # consumers accept the versions they know
    occurred_at: str   # ISO 8601 UTC
    source: str        # producing service
    subject: str       # the entity the event is about (e.g. a USCC)
    data: dict[str, Any] = field(default_factory=dict)
    request_id: str = ""
    traceparent: str = ""

    @property
    def producer(self) -> str:
        return self.type.split(".", 1)[0]

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, raw: bytes | str) -> Event:
        body = json.loads(raw)
        if not isinstance(body, dict):
            raise ValueError("event payload is not an object")
        known = {k: body[k] for k in cls.__dataclass_fields__ if k in body}
        missing = {"id", "type", "version", "occurred_at", "source", "subject"} - known.keys()
        if missing:
            raise ValueError(f"event lacks {', '.join(sorted(missing))}")
        return cls(**known)

    def occurred(self) -> datetime:
        return datetime.fromisoformat(self.occurred_at)


def nats_subject(prefix: str, event_type: str) -> str:
    return f"{prefix}.{event_type}"


def stream_name(prefix: str, producer: str) -> str:
    return f"{prefix}_{producer}".upper().replace("-", "_")
