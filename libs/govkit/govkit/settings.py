"""One settings class per service, read from the environment; unsafe defaults fail fast in production.

Every field `x` is read from `<SERVICE>_X`, else from `X` (shared values such as JWKS_URL, NATS_URL).
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from typing import Self

from pydantic import BaseModel, Field, model_validator

# Dev keys: urlsafe base64 of 32 bytes; production must set its own.
DEV_ENCRYPTION_KEY = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM="
DEV_HASH_KEY = "ZGV2LW9ubHktbG9va3VwLWhhc2gta2V5LTMyLWJ5dGU="
DEV_PERSON_REF_KEY = "ZGV2LW9ubHktcGVyc29uLXJlZi1rZXktMzItYnl0ZXM="


class ServiceSettings(BaseModel):
    service_name: str
    env: str = Field("development", description="development | test | production")
    database_url: str = ""
    nats_url: str = Field("nats://127.0.0.1:4222",
                          description="one NATS URL, or a comma-separated list of a cluster's servers")
    event_prefix: str = Field("anyang", pattern=r"^[A-Za-z0-9_-]+$",
                              description="deployment prefix of NATS subjects, streams and consumers")
    stream_replicas: int = Field(1, ge=1, le=5,
                                 description="JetStream replicas of this service's stream (3 in a cluster)")
    stream_max_age_days: float = Field(
        30.0, gt=0, description="retention of this service's stream: events older than this are removed from "
                                "JetStream (a consumer down for longer misses them; the outbox keeps every event)")
    nats_nkey_seed_file: str = Field(
        "", description="file holding this service's NKEY seed (SU…), made by `python -m govkit.events.access`; "
                        "empty: connect without credentials (a development NATS)")
    nats_tls_ca_file: str = Field("", description="CA bundle that verifies the NATS servers (tls:// URLs, "
                                                  "deployments across hosts)")
    nats_tls_cert_file: str = Field("", description="client certificate, when the NATS servers verify clients")
    nats_tls_key_file: str = Field("", description="the client certificate's private key")
    jwks_url: str = Field("http://127.0.0.1:8000/.well-known/jwks.json",
                          description="the gateway's public signing keys (JWKS) that tokens are verified with")
    id_encryption_keys: list[str] = Field(default_factory=lambda: [DEV_ENCRYPTION_KEY])
    id_hash_keys: list[str] = Field(default_factory=lambda: [DEV_HASH_KEY])
    person_ref_keys: list[str] = Field(
        default_factory=lambda: [DEV_PERSON_REF_KEY],
        description="platform-wide keys (first current) of the person reference used in events: "
                    "the same in every service")
    migrate_on_startup: bool = True
    db_pool_size: int = Field(10, ge=1, description="PostgreSQL connections kept open by one process")
    db_max_overflow: int = Field(20, ge=0, description="connections opened beyond the pool under load")
    background: bool = Field(True, description="run the event relay, consumers and scheduler")
    max_body_bytes: int = 10 * 1024 * 1024
    idempotency_lease_seconds: float = Field(
        120.0, gt=0, description="an in-progress Idempotency-Key is held this long (longer than any request "
                                 "may take: the gateway's read timeout is 30 s); a retry after it runs again")
    idempotency_retention_hours: float = Field(24.0, gt=0, description="answered Idempotency-Keys are "
                                                                       "replayed this long, then purged")
    page_size_default: int = 50
    page_size_max: int = 500
    relay_interval_seconds: float = 0.2
    consumer_max_deliver: int = Field(5, ge=1, description="deliveries before a message is dead-lettered")
    consumer_ack_wait_seconds: float = 30.0
    consumer_nak_delay_seconds: float = 1.0
    consumer_hold_max_seconds: float = Field(
        3600.0, gt=0, description="an event whose predecessor (same ordering key) is not applied yet is held and "
                                  "delivered again; held longer than this, it is dead-lettered")
    scheduler_interval_seconds: float = 60.0
    instance_id: str = Field(default_factory=lambda: f"{os.uname().nodename}-{os.getpid()}")
    log_json: bool = True
    debug_loggers: list[str] = Field(
        default_factory=list, description="loggers logged at DEBUG, e.g. govkit.events.timing (each event's "
                                          "commit and application instants: bench/bench_events.py)")
    demo_data: bool = Field(False, description="load the service's demo data at start-up (make run)")
    clock_override: datetime | None = Field(
        None, description="tests only: the service clock starts at this instant (refused in production)")

    @property
    def nats_servers(self) -> list[str]:
        return nats_servers(self.nats_url)

    @model_validator(mode="after")
    def _defaults(self) -> Self:
        nats_servers(self.nats_url)  # an unusable NATS URL fails the start, not the first publish
        if not self.database_url:
            self.database_url = f"sqlite+aiosqlite:///var/{self.service_name}.db"
        if self.env == "production":
            unsafe = [name for name, bad in (
                ("id_encryption_keys", DEV_ENCRYPTION_KEY in self.id_encryption_keys),
                ("id_hash_keys", DEV_HASH_KEY in self.id_hash_keys),
                ("person_ref_keys", DEV_PERSON_REF_KEY in self.person_ref_keys),
                ("database_url", self.database_url.startswith("sqlite")),
                ("clock_override", self.clock_override is not None),
            ) if bad]
            if unsafe:
                raise ValueError(f"unsafe development defaults in production: {', '.join(unsafe)}")
        return self

    @classmethod
    def from_env(cls, service: str, **overrides) -> Self:
        values: dict[str, object] = {}
        for name, info in cls.model_fields.items():
            if name == "service_name":
                continue
            for key in (f"{service}_{name}".upper(), name.upper()):
                if key in os.environ:
                    values[name] = _parse(os.environ[key], info.annotation)
                    break
        values.update(overrides)
        return cls(service_name=service, **values)


NATS_SCHEMES = ("nats", "tls", "ws", "wss")


def nats_servers(value: str) -> list[str]:
    """The servers of a NATS URL setting, each one that nats-py accepts (scheme, host, numeric port)."""
    from urllib.parse import urlsplit

    servers = [part.strip() for part in value.split(",") if part.strip()]
    if not servers:
        raise ValueError("nats_url is empty")
    for server in servers:
        try:
            parts = urlsplit(server)
            port = parts.port
        except ValueError as exc:
            raise ValueError(f"nats_url: {server!r} is not a usable NATS URL ({exc})") from None
        if parts.scheme not in NATS_SCHEMES or not parts.hostname or (port is None and "://" not in server):
            raise ValueError(f"nats_url: {server!r} is not a usable NATS URL "
                             f"(expected {'|'.join(NATS_SCHEMES)}://host:port, several separated by commas)")
    return servers


def _parse(raw: str, annotation) -> object:
    """Lists come as JSON or comma-separated; everything else is left to pydantic."""
    if getattr(annotation, "__origin__", None) is list:
        raw = raw.strip()
        return json.loads(raw) if raw.startswith("[") else [p.strip() for p in raw.split(",") if p.strip()]
    return raw
