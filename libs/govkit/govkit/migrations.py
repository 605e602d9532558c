"""Alembic wiring shared by every service: env.py calls `run_env`, start-up calls `upgrade`."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.ext.asyncio import create_async_engine


def alembic_config(migrations_dir: Path, url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(migrations_dir: Path, url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(migrations_dir, url), revision)


def check(migrations_dir: Path, url: str) -> None:
    """Raises when the models and the migrations disagree (alembic check)."""
    command.check(alembic_config(migrations_dir, url))


def run_env(metadata: MetaData) -> None:
    """Body of every service's migrations/env.py."""
    url = context.config.get_main_option("sqlalchemy.url")
    opts = dict(target_metadata=metadata, compare_type=True, render_as_batch=url.startswith("sqlite"))
    if context.is_offline_mode():
        context.configure(url=url, literal_binds=True, **opts)
        with context.begin_transaction():
            context.run_migrations()
        return

    def _run(connection) -> None:
        context.configure(connection=connection, **opts)
        with context.begin_transaction():
            context.run_migrations()

    async def _main() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as conn:
            await conn.run_sync(_run)
        await engine.dispose()

    asyncio.run(_main())
