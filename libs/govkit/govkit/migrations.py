"""Alembic wiring shared by every service: env.py calls `run_env`, start-up calls `upgrade`.

govkit's own tables (outbox, inbox, dead letters, audit, idempotency keys, job leases, event sequences)
have migrations of their own in `govkit/kit_migrations`, versioned in the table `govkit_version` of each
service's database. `upgrade` and `check` run them before the service's: a change to a kit table is a new
kit revision (`python -m govkit.migrations kit-revision "message"`) that reaches every existing database.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool, text
from sqlalchemy.ext.asyncio import create_async_engine

KIT_MIGRATIONS = Path(__file__).parent / "kit_migrations"
KIT_VERSION_TABLE = "govkit_version"


def kit_metadata() -> MetaData:
    from govkit.db import new_metadata
    from govkit.tables import define_kit_tables

    metadata = new_metadata()
    define_kit_tables(metadata)
    return metadata


KIT_TABLES = frozenset(kit_metadata().tables)


def create_kit_tables() -> None:
    """Called by the services' first revisions, which predate the kit's own migrations: those run first
    (see `upgrade`) and have created the kit tables already, so nothing is left to do here."""


def drop_kit_tables() -> None:
    """Called by the services' first revisions on downgrade: the kit tables belong to the kit's migrations."""


def _tables(names: frozenset[str], *, inside: bool):
    """include_object for autogenerate/check: only the tables in `names` (inside) or only the others."""

    def include(obj, name, type_, reflected, compare_to) -> bool:
        table = obj if type_ == "table" else getattr(obj, "table", None)
        return (getattr(table, "name", name) in names) is inside

    return include


def alembic_config(migrations_dir: Path, url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


MIGRATION_LOCK_KEY = 0x616E79616E67  # one PostgreSQL advisory lock per database for every migrator


def upgrade(migrations_dir: Path, url: str, revision: str = "head") -> None:
    """The kit's tables to their head, then the service's to `revision`, under a lock so replicas starting
    together never race (the second waits, then finds the database at head): a PostgreSQL advisory lock held by
    env.py's connection, a file lock beside a SQLite file."""
    with _file_lock(url) if url.startswith("sqlite") else contextlib.nullcontext():
        command.upgrade(alembic_config(KIT_MIGRATIONS, url), "head")
        command.upgrade(alembic_config(migrations_dir, url), revision)


@contextlib.contextmanager
def _file_lock(url: str):
    import fcntl

    path = url.split("///", 1)[-1]
    if not path or path == ":memory:":
        yield
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(f"{path}.migrate.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def check(migrations_dir: Path, url: str) -> None:
    """Raises when the models and the migrations disagree (alembic check), the kit's tables included."""
    command.check(alembic_config(KIT_MIGRATIONS, url))
    command.check(alembic_config(migrations_dir, url))


def revision(migrations_dir: Path, message: str) -> None:
    """Autogenerate the next revision against a scratch SQLite database at head."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        cfg = alembic_config(migrations_dir, f"sqlite+aiosqlite:///{tmp}/scratch.db")
        command.upgrade(cfg, "head")
        command.revision(cfg, message=message, autogenerate=True)


def kit_revision(message: str) -> None:
    """Autogenerate the kit's next revision (a change to govkit.tables) against a scratch SQLite database."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        cfg = alembic_config(KIT_MIGRATIONS, f"sqlite+aiosqlite:///{tmp}/scratch.db")
        command.upgrade(cfg, "head")
        number = len(list((KIT_MIGRATIONS / "versions").glob("k*.py"))) + 1
        command.revision(cfg, message=message, autogenerate=True, rev_id=f"k{number:04d}")


def reset_initial(migrations_dir: Path) -> None:
    """Regenerate the single initial revision `0001` from the models (only before it has landed)."""
    import tempfile

    for old in (migrations_dir / "versions").glob("*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        cfg = alembic_config(migrations_dir, f"sqlite+aiosqlite:///{tmp}/scratch.db")
        command.revision(cfg, message="initial", autogenerate=True, rev_id="0001")
    path = next((migrations_dir / "versions").glob("0001_*.py"))
    text = path.read_text()
    text = text.replace("    # ### commands auto generated by Alembic - please adjust! ###\n",
                        "    govkit.migrations.create_kit_tables()\n"
                        "    # ### commands auto generated by Alembic - please adjust! ###\n", 1)
    text = text.rstrip("\n") + "\n    govkit.migrations.drop_kit_tables()\n"
    path.write_text(text.replace("import govkit.db\n", "import govkit.db\nimport govkit.migrations\n", 1))


def main() -> None:
    """python -m govkit.migrations {upgrade|check|revision|reset-initial} <package> [message]
    python -m govkit.migrations kit-revision <message>"""
    import importlib
    import os
    import sys

    action, package = sys.argv[1], sys.argv[2]
    if action == "kit-revision":
        kit_revision(" ".join(sys.argv[2:]))
        return
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
    """Body of every service's migrations/env.py: its own tables (the kit's have their own migrations)."""
    _run_env(metadata, include_object=_tables(KIT_TABLES | {KIT_VERSION_TABLE}, inside=False))


def run_kit_env() -> None:
    """Body of govkit/kit_migrations/env.py: the kit's tables only, versioned in their own table."""
    _run_env(kit_metadata(), include_object=_tables(KIT_TABLES, inside=True), version_table=KIT_VERSION_TABLE)


def _run_env(metadata: MetaData, **extra) -> None:
    url = context.config.get_main_option("sqlalchemy.url")
    opts = dict(target_metadata=metadata, compare_type=True, render_as_batch=url.startswith("sqlite"), **extra)
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
            locked = conn.dialect.name == "postgresql"
            if locked:  # held by this session until released: a second replica waits here
                await conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
                await conn.commit()
            try:
                await conn.run_sync(_run)
                await conn.commit()
            finally:
                if locked:
                    await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY})
                    await conn.commit()
        await engine.dispose()

    asyncio.run(_main())


if __name__ == "__main__":
    main()
