"""Idempotency-Key on POST (spec: Retries): a repeat with the same key and body returns the first
answer and changes nothing; the same key with another body is a 422."""

from __future__ import annotations

import hashlib

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from govkit.auth import token_verifier
from govkit.clock import utcnow
from govkit.errors import ProblemError, problem_response
from govkit.i18n import t


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
        try:
            async with state.sessionmaker() as session, session.begin():
                row = (await session.execute(select(table).where(*where))).mappings().first()
                if row is None:
                    await session.execute(table.insert().values(
                        principal=principal, key=key, request_hash=digest, created_at=utcnow()))
        except IntegrityError:  # a concurrent twin inserted first
            async with state.sessionmaker() as session:
                row = (await session.execute(select(table).where(*where))).mappings().first()
        if row is not None:
            if row["request_hash"] != digest:
                return await problem_response(422, t("同一 Idempotency-Key 已用于另一个请求体",
                                                     "This Idempotency-Key was used with another body"),
                                              code="idempotency-key-reused")(scope, receive, send)
            if row["status"] is None:
                return await problem_response(409, t("同一 Idempotency-Key 的请求正在处理，请稍后重试",
                                                     "A request with this Idempotency-Key is in progress"),
                                              headers={"Retry-After": "1"})(scope, receive, send)
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

        captured = {"status": 500, "content_type": "application/json", "body": []}

        async def capture_send(message):
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                for k, v in message.get("headers", []):
                    if k.lower() == b"content-type":
                        captured["content_type"] = v.decode("latin-1")
            elif message["type"] == "http.response.body":
                captured["body"].append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, replay_receive, capture_send)
        finally:
            async with state.sessionmaker() as session, session.begin():
                if captured["status"] >= 500:  # not an answer: let the client retry for real
                    await session.execute(delete(table).where(*where))
                else:
                    await session.execute(update(table).where(*where).values(
                        status=captured["status"], content_type=captured["content_type"],
                        body=b"".join(captured["body"]).decode("utf-8", "replace")))


async def _principal_of(app, authorization: str) -> str:
    token = authorization[7:] if authorization.lower().startswith("bearer ") else ""
    if not token:
        return "anonymous"
    try:
        return (await token_verifier(app).verify(token)).sub
    except ProblemError:
        return "invalid:" + hashlib.sha256(token.encode()).hexdigest()[:16]

