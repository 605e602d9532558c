"""Append-only audit log (spec: Audit): who, when, what, per object, with the request id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from govkit import context
from govkit.clock import utcnow
from govkit.tables import KitTables


def _row(action: str, object_type: str, object_id: str, outcome: str, status: int | None,
         detail: dict[str, Any] | None) -> dict[str, Any]:
    ctx = context.current()
    p = ctx.principal
    return dict(at=utcnow(), principal=p.sub or "anonymous", principal_kind=p.kind.value,
                organisation=p.org, action=action, object_type=object_type, object_id=str(object_id),
                outcome=outcome, status=status, detail=detail, request_id=ctx.request_id,
                caller_system=ctx.caller_system or None, caller_case=ctx.caller_case or None)


async def record(session: AsyncSession, kit: KitTables, action: str, object_type: str, object_id: str,
                 detail: dict[str, Any] | None = None, *, outcome: str = "accepted") -> None:
    """Audit an accepted write inside the caller's transaction (both commit or neither)."""
    await session.execute(kit.audit_log.insert().values(
        _row(action, object_type, object_id, outcome, None, detail)))


async def record_many(session: AsyncSession, kit: KitTables, action: str, object_type: str,
                      items: list[tuple[str, dict[str, Any] | None]]) -> None:
    """Audit many accepted writes of one kind (a batch) in one statement, in the caller's transaction."""
    if items:
        await session.execute(kit.audit_log.insert(), [
            _row(action, object_type, object_id, "accepted", None, detail) for object_id, detail in items])


async def record_refusal(sessionmaker, kit: KitTables, action: str, object_type: str, object_id: str,
                         status: int, detail: str) -> None:
    """Audit a refusal in its own transaction: the refused work itself was rolled back."""
    async with sessionmaker() as session, session.begin():
        await session.execute(kit.audit_log.insert().values(
            _row(action, object_type, object_id, "refused", status, {"detail": detail})))


async def history(session: AsyncSession, kit: KitTables, object_type: str, object_id: str,
                  *, limit: int = 500, offset: int = 0) -> list[dict[str, Any]]:
    t = kit.audit_log
    rows = (await session.execute(
        select(t).where(t.c.object_type == object_type, t.c.object_id == object_id)
        .order_by(t.c.id).limit(limit).offset(offset))).mappings().all()
    return [dict(r) for r in rows]


async def count(session: AsyncSession, kit: KitTables, object_type: str, object_id: str) -> int:
    t = kit.audit_log
    return (await session.execute(select(func.count()).select_from(t).where(
        t.c.object_type == object_type, t.c.object_id == object_id))).scalar_one()
