"""The plumbing tables every service carries in its own database (defined on its own metadata)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import JSON, BigInteger, Column, Index, Integer, MetaData, String, Table, Text

from govkit.db import UtcDateTime

# BIGINT on PostgreSQL, INTEGER (rowid alias, autoincrement) on SQLite
BigId = BigInteger().with_variant(Integer(), "sqlite")


@dataclass(frozen=True)
class KitTables:
    outbox: Table
    inbox: Table
    dead_letters: Table
    audit_log: Table
    idempotency_keys: Table
    job_leases: Table
    event_sequences: Table
    inbox_sequences: Table


def define_kit_tables(metadata: MetaData) -> KitTables:
    outbox = Table(
        "outbox", metadata,
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("type", String(120), nullable=False),
        Column("subject", String(120), nullable=False),
        Column("payload", JSON, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("published_at", UtcDateTime),
        Column("attempts", Integer, nullable=False, default=0),
        Column("last_error", Text),
    )
    Index("ix_outbox_pending", outbox.c.published_at, outbox.c.id)
    inbox = Table(
        "inbox", metadata,
        Column("consumer", String(120), primary_key=True),
        Column("event_id", String(36), primary_key=True),
        Column("type", String(120), nullable=False),
        Column("handled_at", UtcDateTime, nullable=False),
    )
    dead_letters = Table(
        "dead_letters", metadata,
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("consumer", String(120), nullable=False),
        Column("event_id", String(64), nullable=False),
        Column("type", String(120), nullable=False),
        Column("payload", Text, nullable=False),
        Column("error", Text, nullable=False),
        Column("deliveries", Integer, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("resolved_at", UtcDateTime),
        Column("resolution", String(200)),
    )
    audit_log = Table(
        "audit_log", metadata,
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("at", UtcDateTime, nullable=False),
        Column("principal", String(120), nullable=False),
        Column("principal_kind", String(40), nullable=False),
        Column("organisation", String(64), nullable=False),
        Column("action", String(120), nullable=False),
        Column("object_type", String(60), nullable=False),
        Column("object_id", String(120), nullable=False),
        Column("outcome", String(20), nullable=False),  # accepted | refused | event
        Column("status", Integer),
        Column("detail", JSON),
        Column("request_id", String(64), nullable=False),
        Column("caller_system", String(200)),
        Column("caller_case", String(200)),
        # tamper evidence: sha256 of the previous row's hash and this row (govkit.audit.row_hash)
        Column("prev_hash", String(64)),
        Column("row_hash", String(64)),
    )
    Index("ix_audit_object", audit_log.c.object_type, audit_log.c.object_id, audit_log.c.id)
    idempotency_keys = Table(
        "idempotency_keys", metadata,
        Column("principal", String(120), primary_key=True),
        Column("key", String(200), primary_key=True),
        Column("request_hash", String(64), nullable=False),
        Column("status", Integer),  # NULL while the first request is in progress
        Column("content_type", String(100)),
        Column("body", Text),
        Column("created_at", UtcDateTime, nullable=False),
        Column("lease_until", UtcDateTime),  # while in progress: a retry after it runs again
    )
    Index("ix_idempotency_created", idempotency_keys.c.created_at)
    job_leases = Table(
        "job_leases", metadata,
        Column("name", String(120), primary_key=True),
        Column("holder", String(120), nullable=False),
        Column("lease_until", UtcDateTime, nullable=False),
        Column("last_run_at", UtcDateTime),
        Column("last_result", Text),
    )
    # producer side: the last sequence number given per ordering key, and per event type under that key
    event_sequences = Table(
        "event_sequences", metadata,
        Column("order_key", String(200), primary_key=True),
        Column("last", BigInteger, nullable=False),
        Column("last_by_type", JSON, nullable=False),
    )
    # consumer side: the highest sequence applied per ordering key (all of this service's consumers)
    inbox_sequences = Table(
        "inbox_sequences", metadata,
        Column("order_key", String(200), primary_key=True),
        Column("applied", BigInteger, nullable=False),
        Column("applied_at", UtcDateTime, nullable=False),
    )
    return KitTables(outbox, inbox, dead_letters, audit_log, idempotency_keys, job_leases, event_sequences,
                     inbox_sequences)
