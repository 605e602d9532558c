"""One page of a query and its total (govkit's Page envelope is built from it in the router)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession


async def paged(session: AsyncSession, q: Select, *order: Any, limit: int, offset: int) -> tuple[list, int]:
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(*order).limit(limit).offset(offset))
    return list(rows.scalars()), total
