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


def revision(migrations_dir: Path, message: str) -> None:
    """Autogenerate the next revision against a scratch SQLite database at head."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        cfg = alembic_config(migrations_dir, f"sqlite+aiosqlite:///{tmp}/scratch.db")
        command.upgrade(cfg, "head")
        command.revision(cfg, message=message, autogenerate=True)


def reset_initial(migrations_dir: Path) -> None:
    """Regenerate the single initial revision `0001` from the models (only before it has landed)."""
    import tempfile

    for old in (migrations_dir / "versions").glob("*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        cfg = alembic_config(migrations_dir, f"sqlite+aiosqlite:///{tmp}/scratch.db")
        command.revision(cfg, message="initial", autogenerate=True, rev_id="0001")


def main() -> None:
    """python -m govkit.migrations {upgrade|check|revision|reset-initial} <package> [message]"""
    import importlib
    import os
    import sys

    action, package = sys.argv[1], sys.argv[2]
    migrations_dir = Path(importlib.import_module(package).__file__).parent / "migrations"
    service = package.removeprefix("anyang_")
    url = os.environ.get(f"{service.upper()}_DATABASE_URL") or os.environ.get("DATABASE_URL") \
        or f"sqlite+aiosqlite:///var/{service}.db"
    if action == "revision":
        revision(migrations_dir, " ".join(sys.argv[3:]) or "change")
    elif action == "reset-initial":
        reset_initial(migrations_dir)
    elif action == "upgrade":
        Path("var").mkdir(exist_ok=True)
        upgrade(migrations_dir, url)
    elif action == "check":
        check(migrations_dir, url)
    else:
        raise SystemExit(f"unknown action {action}")


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


if __name__ == "__main__":
    main()
