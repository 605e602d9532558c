"""Append-only audit log (spec: Audit): who, when, what, per object, with the request id.

Tamper-evident: every row carries the sha256 of the previous row's hash and its own content
(`row_hash`), linked in the writing transaction (one look-up of the last hash per transaction, however
many rows a batch writes); `verify` walks the chain. The organisation of a person is kept masked
(first 6 and last 4): never a full ID number in an audit row.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import OrderedDict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from govkit import context
from govkit.auth import Principal, PrincipalKind
from govkit.clock import utcnow
from govkit.ids import mask_id
from govkit.tables import KitTables

GENESIS = "0" * 64
VERIFY_PAGE_ROWS = 1000  # rows read per page by `verify`
VERIFY_RECENT_HASHES = 10_000  # hashes `verify` remembers; a link further back is looked up in the table
_RESIDENT_ID = re.compile(r"^\d{17}[\dXx]$")
CHAINED = ("at", "principal", "principal_kind", "organisation", "action", "object_type", "object_id", "outcome",
           "status", "detail", "request_id", "caller_system", "caller_case")


def organisation_of(p: Principal) -> str:
    """The principal's organisation as audit rows and events keep it: a person's ID number masked."""
    return mask_id(p.org) if p.kind == PrincipalKind.person or _RESIDENT_ID.match(p.org or "") else p.org


def actor_of(p: Principal) -> dict[str, str]:
    """Who caused an event, carried in its envelope so the consumer's audit rows name them."""
    return {} if p.is_anonymous else {"sub": p.sub, "kind": p.kind.value, "org": organisation_of(p)}


def row_hash(prev: str, row: dict[str, Any]) -> str:
    content = {k: row.get(k) for k in CHAINED} | {"at": row["at"].isoformat()}
    content["detail"] = json.loads(json.dumps(content["detail"], default=str))  # as the JSON column returns it
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((prev + canonical).encode()).hexdigest()


async def _chained(session: AsyncSession, kit: KitTables, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    t = kit.audit_log
    prev = (await session.execute(select(t.c.row_hash).where(t.c.row_hash.is_not(None))
                                  .order_by(t.c.id.desc()).limit(1))).scalar() or GENESIS
    for row in rows:
        row["prev_hash"] = prev
        row["row_hash"] = prev = row_hash(prev, row)
    return rows


def _row(action: str, object_type: str, object_id: str, outcome: str, status: int | None,
         detail: dict[str, Any] | None) -> dict[str, Any]:
    ctx = context.current()
    p = ctx.principal
    return dict(at=utcnow(), principal=p.sub or "anonymous", principal_kind=p.kind.value,
                organisation=organisation_of(p), action=action, object_type=object_type, object_id=str(object_id),
                outcome=outcome, status=status, detail=detail, request_id=ctx.request_id,
                caller_system=ctx.caller_system or None, caller_case=ctx.caller_case or None)


async def record(session: AsyncSession, kit: KitTables, action: str, object_type: str, object_id: str,
                 detail: dict[str, Any] | None = None, *, outcome: str = "accepted") -> None:
    """Audit an accepted write inside the caller's transaction (both commit or neither)."""
    await session.execute(kit.audit_log.insert(), await _chained(session, kit, [
        _row(action, object_type, object_id, outcome, None, detail)]))


async def record_many(session: AsyncSession, kit: KitTables, action: str, object_type: str,
                      items: list[tuple[str, dict[str, Any] | None]]) -> None:
    """Audit many accepted writes of one kind (a batch) in one statement, in the caller's transaction."""
    if items:
        await session.execute(kit.audit_log.insert(), await _chained(session, kit, [
            _row(action, object_type, object_id, "accepted", None, detail) for object_id, detail in items]))


async def record_refusal(sessionmaker, kit: KitTables, action: str, object_type: str, object_id: str,
                         status: int, detail: str) -> None:
    """Audit a refusal in its own transaction: the refused work itself was rolled back."""
    async with sessionmaker() as session, session.begin():
        await session.execute(kit.audit_log.insert(), await _chained(session, kit, [
            _row(action, object_type, object_id, "refused", status, {"detail": detail})]))


async def history(session: AsyncSession, kit: KitTables, object_type: str, object_id: str,
                  *, limit: int = 500, offset: int = 0) -> list[dict[str, Any]]:
    t = kit.audit_log
    rows = (await session.execute(
        select(t).where(*_of_object(t, object_type, object_id))
        .order_by(t.c.id).limit(limit).offset(offset))).mappings().all()
    return [dict(r) for r in rows]


async def count(session: AsyncSession, kit: KitTables, object_type: str, object_id: str) -> int:
    t = kit.audit_log
    return (await session.execute(select(func.count()).select_from(t).where(
        *_of_object(t, object_type, object_id)))).scalar_one()


def _of_object(t, object_type: str, object_id: str) -> tuple:
    """The rows of one object; `request` + a request id: every row written by that request."""
    if object_type == "request":
        return (t.c.request_id == object_id,)
    return (t.c.object_type == object_type, t.c.object_id == object_id)


async def _links_to_an_earlier_row(session: AsyncSession, t, prev_hash: str, row_id: int) -> bool:
    return (await session.execute(select(t.c.id).where(t.c.row_hash == prev_hash, t.c.id < row_id)
                                  .limit(1))).first() is not None


async def verify(session: AsyncSession, kit: KitTables, *, page_rows: int = VERIFY_PAGE_ROWS,
                 recent_hashes: int = VERIFY_RECENT_HASHES) -> dict[str, Any]:
    """Walk the chain oldest first: each row's hash must match its content and link to an earlier row's
    hash (two transactions writing at once may both link to the same row). Rows from before the chain
    (no hash) are counted, not checked.

    The log is read in keyset pages of `page_rows` (by id), never whole; the last `recent_hashes` hashes
    are remembered, and a link to an older row (rare: only concurrent writers fork the chain) is looked up
    in the table, so memory stays bounded however long the log."""
    t = kit.audit_log
    recent: OrderedDict[str, None] = OrderedDict()
    rows, chained, after = 0, 0, None
    while True:
        query = select(t).order_by(t.c.id).limit(page_rows)
        page = (await session.execute(query if after is None else query.where(t.c.id > after))).mappings().all()
        for row in page:
            rows += 1
            if row["row_hash"] is None:
                continue
            chained += 1
            prev = row["prev_hash"]
            if prev not in recent and prev != GENESIS and not await _links_to_an_earlier_row(session, t, prev,
                                                                                               row["id"]):
                return {"rows": rows, "chained": chained, "intact": False, "first_broken_id": row["id"],
                        "reason": "the row it follows was removed or altered"}
            if row_hash(prev, dict(row)) != row["row_hash"]:
                return {"rows": rows, "chained": chained, "intact": False, "first_broken_id": row["id"],
                        "reason": "the row was altered"}
            recent[row["row_hash"]] = None
            if len(recent) > recent_hashes:
                recent.popitem(last=False)
        if len(page) < page_rows:
            return {"rows": rows, "chained": chained, "intact": True, "first_broken_id": None, "reason": None}
        after = page[-1]["id"]
