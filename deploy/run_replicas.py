"""`make replicas`: the platform with two replicas of every service behind the gateway, on this machine's
PostgreSQL and NATS, with databases and an EVENT_PREFIX of its own (created now, dropped on Ctrl-C; the
machine's other data is never touched). REPLICAS_POSTGRES_URL / REPLICAS_NATS_URL override the defaults.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from pathlib import Path

from govkit.testing import DatabaseFactory
from govkit.testing.platform import run_platform


def main() -> None:
    pg = os.environ.get("REPLICAS_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
    nats_url = os.environ.get("REPLICAS_NATS_URL", "nats://127.0.0.1:4222")
    os.environ["TEST_POSTGRES_URL"] = pg  # DatabaseFactory: fresh databases cloned from a migrated template
    root = Path(tempfile.mkdtemp(prefix="anyang-replicas-"))
    databases = DatabaseFactory(root)
    try:
        with run_platform(databases, nats_url, root / "logs", demo_data=True, replicas=2) as platform:
            print(f"gateway: {platform.url}   (logs: {root / 'logs'}; event prefix {platform.event_prefix})")
            for name, urls in platform.replicas.items():
                print(f"  {name:9} {'  '.join(urls)}")
            print("Ctrl-C stops everything and drops the databases.")
            with contextlib.suppress(KeyboardInterrupt):
                signal.pause()
    finally:
        databases.drop_all()


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _interrupt)
    main()
