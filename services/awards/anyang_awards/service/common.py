"""Helpers shared by the service modules: JSON-safe facts, look-ups."""

from __future__ import annotations

import dataclasses
import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_awards.models.applications import Application
from anyang_awards.models.rounds import Round
from govkit.auth import Principal
from govkit.errors import NotFound
from govkit.pagination import PageParams, fetch_page


def who(principal: Principal) -> str:
    return f"{principal.kind.value}:{principal.org or principal.sub or 'anonymous'}"


def jsonable(v: Any) -> Any:
    """Facts as JSON: Decimal kept exact as text, dates ISO, enums by value, dataclasses as dicts."""
    if isinstance(v, bool) or v is None or isinstance(v, int | float | str):
        return v
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, date | datetime):
        return v.isoformat()
    if isinstance(v, enum.Enum):
        return v.value
    if dataclasses.is_dataclass(v):
        return {f.name: jsonable(getattr(v, f.name)) for f in dataclasses.fields(v)}
    if isinstance(v, dict):
        return {str(jsonable(k)): jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple | set | frozenset):
        return [jsonable(x) for x in v]
    return str(v)


def value_text(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return format(Decimal(str(v)), "f")


def parse_value(text: str) -> bool | Decimal:
    if text in ("true", "false"):
        return text == "true"
    return Decimal(text)


async def get_round(session: AsyncSession, round_id: str, *, lock: bool = False) -> Round:
    q = select(Round).where(Round.id == round_id)
    if lock:
        q = q.with_for_update()
    rnd = (await session.execute(q)).scalars().first()
    if rnd is None:
        raise NotFound(f"评选轮次{round_id}不存在", f"round {round_id} not found")
    return rnd


async def get_application(session: AsyncSession, application_id: str) -> Application:
    a = await session.get(Application, application_id)
    if a is None:
        raise NotFound(f"申报{application_id}不存在", f"application {application_id} not found")
    return a



async def page_of(session: AsyncSession, q: Select, page: PageParams) -> tuple[list[Any], int]:
    """One page of the objects `q` selects (already ordered) and how many there are in all."""
    rows, total = await fetch_page(session, q, page)
    return [row[0] for row in rows], total
