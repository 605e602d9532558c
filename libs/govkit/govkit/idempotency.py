"""Idempotency-Key on POST (spec: Retries): a repeat with the same key and body returns the first
answer and changes nothing; the same key with another body is a 422.

A request in progress holds its key for a lease (`idempotency_lease_seconds`, 120 s by default: longer
than the gateway's 30 s read timeout, so a live request is never run twice). A retry within the lease
gets 409 with `Retry-After` = the lease's remaining seconds; after it (the first request's process
died: its transaction was never committed) the retry takes the key over and runs. Answered keys are
kept `idempotency_retention_hours` (24 h) and then purged by the `purge-idempotency-keys` job.
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from govkit.auth import token_verifier
from govkit.clock import utcnow
from govkit.errors import ProblemError, problem_response
from govkit.i18n import t
from govkit.scheduler import Job
from govkit.tables import KitTables


class IdempotencyMiddleware:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        key = headers.get("idempotency-key")
        if not key:
            return await self.app(scope, receive, send)
        state = scope["app"].state
        if len(key) > 200:
            return await problem_response(422, t("Idempotency-Key 最长 200 个字符",
                                                 "Idempotency-Key is at most 200 characters"))(scope, receive, send)
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        principal = await _principal_of(scope["app"], headers.get("authorization", ""))
        digest = hashlib.sha256(b"\0".join([scope["path"].encode(), scope.get("query_string", b""),
                                            body])).hexdigest()
        table = state.kit.idempotency_keys
        where = (table.c.principal == principal, table.c.key == key)
        now = utcnow()
        lease_until = now + timedelta(seconds=state.settings.idempotency_lease_seconds)
        try:
            async with state.sessionmaker() as session, session.begin():
                row = (await session.execute(select(table).where(*where))).mappings().first()
                if row is None:
                    await session.execute(table.insert().values(
                        principal=principal, key=key, request_hash=digest, created_at=now,
                        lease_until=lease_until))
                elif row["status"] is None and row["request_hash"] == digest and _expired(row, now):
                    # the lease of a request whose process died has run out: this retry takes it over
                    taken = await session.execute(update(table).where(
                        *where, table.c.status.is_(None),
                        or_(table.c.lease_until.is_(None), table.c.lease_until <= now),
                    ).values(lease_until=lease_until))
                    if taken.rowcount:
                        row = None
        except IntegrityError:  # a concurrent twin inserted first
            async with state.sessionmaker() as session:
                row = (await session.execute(select(table).where(*where))).mappings().first()
        if row is not None:
            if row["request_hash"] != digest:
                return await problem_response(422, t("同一 Idempotency-Key 已用于另一个请求体",
                                                     "This Idempotency-Key was used with another body"),
                                              code="idempotency-key-reused")(scope, receive, send)
            if row["status"] is None:
                wait = _seconds_left(row["lease_until"], now)
                return await problem_response(
                    409, t(f"同一 Idempotency-Key 的请求正在处理，请 {wait} 秒后重试",
                           f"A request with this Idempotency-Key is in progress; retry in {wait} s"),
                    headers={"Retry-After": str(wait)})(scope, receive, send)
            replay_headers = [(b"content-type", (row["content_type"] or "application/json").encode()),
                              (b"idempotent-replayed", b"true")]
            await send({"type": "http.response.start", "status": row["status"], "headers": replay_headers})
            await send({"type": "http.response.body", "body": (row["body"] or "").encode()})
            return

        sent_body = False

        async def replay_receive():
            nonlocal sent_body
            if not sent_body:
                sent_body = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        captured = {"status": 500, "content_type": "application/json", "body": [], "start": None}
        stored = False

        async def store() -> None:
            async with state.sessionmaker() as session, session.begin():
                if captured["status"] >= 500:  # not an answer: let the client retry for real
                    await session.execute(delete(table).where(*where))
                else:
                    await session.execute(update(table).where(*where).values(
                        status=captured["status"], content_type=captured["content_type"],
                        body=b"".join(captured["body"]).decode("utf-8", "replace")))

        async def capture_send(message):
            # the answer is held until stored, so a retry that follows it at once is replayed
            nonlocal stored
            if message["type"] == "http.response.start":
                captured["start"] = message
                captured["status"] = message["status"]
                for k, v in message.get("headers", []):
                    if k.lower() == b"content-type":
                        captured["content_type"] = v.decode("latin-1")
                return
            if message["type"] == "http.response.body":
                captured["body"].append(message.get("body", b""))
                if message.get("more_body"):
                    return
                await store()
                stored = True
                await send(captured["start"])
                await send({"type": "http.response.body", "body": b"".join(captured["body"])})
                return
            await send(message)

        try:
            await self.app(scope, replay_receive, capture_send)
        finally:
            if not stored:  # failed before answering: the key is free again
                captured["status"] = 500
                await store()


def _expired(row, now: datetime) -> bool:
    return row["lease_until"] is None or row["lease_until"] <= now


def _seconds_left(lease_until: datetime | None, now: datetime) -> int:
    return max(1, math.ceil((lease_until - now).total_seconds())) if lease_until else 1


def purge_job(kit: KitTables, retention_hours: float) -> Job:
    """Delete answered keys older than the retention, and abandoned leases as old (a client that never
    retried)."""
    async def purge(session: AsyncSession, now: datetime) -> str:
        table = kit.idempotency_keys
        result = await session.execute(delete(table).where(
            table.c.created_at < now - timedelta(hours=retention_hours)))
        return f"purged {result.rowcount} keys"

    return Job("purge-idempotency-keys", purge, every_seconds=3600)


async def _principal_of(app, authorization: str) -> str:
    token = authorization[7:] if authorization.lower().startswith("bearer ") else ""
    if not token:
        return "anonymous"
    try:
        return (await token_verifier(app).verify(token)).sub
    except ProblemError:
        return "invalid:" + hashlib.sha256(token.encode()).hexdigest()[:16]

