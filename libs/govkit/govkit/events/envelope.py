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
    # who caused it (govkit.audit.actor_of: sub, kind, org with a person's ID masked): the consumer's audit
    # rows name them with the request id
    actor: dict[str, str] = field(default_factory=dict)
    # Order of effects (spec: Events): events under one ordering key (by default the aggregate and subject,
    # e.g. credit.blacklist:<USCC>) are numbered 1, 2, … in the producer's transactions; `preceding` gives the
    # last number of each event type under the key before this one. 0: unordered (events from before).
    order_key: str = ""
    sequence: int = 0
    preceding: dict[str, int] = field(default_factory=dict)

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

    def waits_for(self, types: frozenset[str] | set[str]) -> int:
        """The sequence a consumer of `types` must have applied under this key before this event."""
        return max((n for t, n in self.preceding.items() if t in types), default=0)


def default_order_key(event_type: str, subject: str) -> str:
    return f"{event_type.rsplit('.', 1)[0]}:{subject}"


def nats_subject(prefix: str, event_type: str) -> str:
    return f"{prefix}.{event_type}"


def stream_name(prefix: str, producer: str) -> str:
    return f"{prefix}_{producer}".upper().replace("-", "_")


def durable_name(prefix: str, service: str, event_type: str) -> str:
    """The durable JetStream consumer through which `service` receives `event_type`."""
    return f"{prefix}_{service}_{event_type}".replace(".", "_").replace("-", "_")
