"""Async SQLAlchemy 2 on SQLite (aiosqlite) or PostgreSQL (asyncpg), chosen by URL."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from sqlalchemy import DateTime, MetaData, event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


T = TypeVar("T")
IN_CHUNK = 500  # values per IN (…) of a batch's look-up: well inside SQLite's and asyncpg's parameter limits


def chunks(items: Sequence[T], size: int = IN_CHUNK) -> Iterator[Sequence[T]]:
    """`items` in slices of `size`, for look-ups of a batch with one IN (…) a slice."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def new_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING)


class UtcDateTime(TypeDecorator):
    """An aware UTC instant on every backend (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def make_base() -> type[DeclarativeBase]:
    """A declarative base with its own metadata: one per service, never shared."""

    class Base(DeclarativeBase):
        metadata = new_metadata()

    return Base


def make_engine(url: str, *, echo: bool = False, pool_size: int = 10, max_overflow: int = 20) -> AsyncEngine:
    if url.startswith("sqlite"):
        engine = create_async_engine(url, echo=echo, connect_args={"timeout": 30})

        @event.listens_for(engine.sync_engine, "connect")
        def _pragmas(dbapi_conn, _record):  # WAL for concurrent readers, FKs enforced
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine.sync_engine, "savepoint")
        def _write_lock_first(conn, _name):
            # sqlite3 begins no transaction before a SAVEPOINT, which then opens a deferred one: its reads pin
            # a snapshot, and its first write fails at once ("database is locked") if another connection
            # committed meanwhile. Taking the write lock first makes it wait (busy_timeout) instead.
            if not conn.connection.driver_connection.in_transaction:
                conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_async_engine(url, echo=echo, pool_size=pool_size, max_overflow=max_overflow, pool_pre_ping=True)


def make_sessionmaker(engine: AsyncEngine, settings=None) -> async_sessionmaker[AsyncSession]:
    """Sessions carry the service's settings in `session.info["settings"]` (for event handlers and jobs)."""
    return async_sessionmaker(engine, expire_on_commit=False, info={"settings": settings})


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request; the service layer commits, anything unfinished is rolled back."""
    async with request.app.state.sessionmaker() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


@asynccontextmanager
async def transaction(session: AsyncSession) -> AsyncIterator[None]:
    """The service layer's unit of work: a transaction of its own, or the caller's where one is open (a job or
    the demo loader composing several service calls)."""
    if session.in_transaction():
        yield
    else:
        async with session.begin():
            yield


def transactional(fn):
    """A service function taking `session=` runs in `transaction(session)`: routers never open one."""

    @functools.wraps(fn)
    async def run(*args, session: AsyncSession, **kwargs):
        async with transaction(session):
            return await fn(*args, session=session, **kwargs)

    return run
