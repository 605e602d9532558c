"""Offset pagination with a capped page size."""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from govkit.errors import RuleViolation
from govkit.i18n import t

T = TypeVar("T")
MAX_OFFSET = 1_000_000_000  # beyond any table here; keeps the value inside a 64-bit SQL integer


class PageParams(BaseModel):
    limit: int
    offset: int


def page_params(request: Request,
                limit: Annotated[int | None, Query(ge=1, description="page size (capped)")] = None,
                offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> PageParams:
    settings = request.app.state.settings
    if limit is not None and limit > settings.page_size_max:
        raise RuleViolation(f"每页最多 {settings.page_size_max} 条", f"limit is at most {settings.page_size_max}",
                            errors=[{"field": "limit", "message": t("超过上限", "above the cap")}])
    return PageParams(limit=limit or settings.page_size_default, offset=offset)


PageDep = Annotated[PageParams, Depends(page_params)]


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


async def fetch_page(session: AsyncSession, q: Select, page: PageParams) -> tuple[list[Any], int]:
    """One page of the rows of `q` (already ordered) and the total over every page."""
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    return list((await session.execute(q.limit(page.limit).offset(page.offset))).all()), total
