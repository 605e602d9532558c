"""The real platform for tests that must go through the gateway: the five services and the gateway as
uvicorn processes on free ports, each service on a fresh database of its own (SQLite, or PostgreSQL
when TEST_POSTGRES_URL is set), all on one NATS under a prefix of their own.

Fixtures (one platform per session, i.e. per xdist worker, started on first use):
- `platform`: DEMO_DATA off — what a fresh production start serves;
- `demo_platform`: DEMO_DATA on — what `make run` serves.

`Platform.token("dept-fgw")` signs in a demo client of gateway/clients.dev.yaml (secret `<id>-secret`)
through the gateway's own token endpoint; `Platform.client` is an httpx client on the gateway.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from govkit.auth import JWKS_PATH

SERVICES = ("credit", "hydrogen", "awards", "tasks", "housing")
# generous: on a loaded CI machine (2 cores, many workers) five services importing at once take minutes;
# the poll returns as soon as each answers, so this only bounds a start that really hangs
START_TIMEOUT_SECONDS = 180.0


@dataclass
class Process:
    name: str
    port: int
    proc: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    target: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict, repr=False)

    def log_tail(self, lines: int = 40) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # uvicorn's graceful shutdown runs the lifespan's end
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@dataclass
class Platform:
    """A running gateway with its services; `url` is the gateway's base URL."""

    url: str
    services: dict[str, str]  # the first replica of each
    nats_url: str
    event_prefix: str
    database_urls: dict[str, str]
    client: httpx.Client = field(repr=False)
    replicas: dict[str, list[str]] = field(default_factory=dict)  # every replica's base URL
    _tokens: dict[str, str] = field(default_factory=dict, repr=False)
    _processes: list[Process] = field(default_factory=list, repr=False)

    def token(self, client_id: str) -> str:
        """An access token of a demo client (cached for the platform's life)."""
        if client_id not in self._tokens:
            r = self.client.post("/auth/token", data={"grant_type": "client_credentials", "client_id": client_id,
                                                      "client_secret": f"{client_id}-secret"})
            r.raise_for_status()
            self._tokens[client_id] = r.json()["access_token"]
        return self._tokens[client_id]

    def auth(self, client_id: str) -> dict[str, str]:
        """The Authorization header of a demo client."""
        return {"Authorization": f"Bearer {self.token(client_id)}"}

    def async_client(self, **kwargs) -> httpx.AsyncClient:
        """A new async client on the gateway (close it: `async with platform.async_client() as c`)."""
        return httpx.AsyncClient(base_url=self.url, timeout=30.0, **kwargs)

    def restart(self, service: str, env: dict[str, str]) -> None:
        """Start every replica of `service` again on its port and database with `env` added (e.g. a later
        `CLOCK_OVERRIDE`: days pass for that service); returns once each answers /ready."""
        for i, p in enumerate(self._processes):
            if p.name == service or p.name.startswith(f"{service}-"):
                p.stop()
                self._processes[i] = _spawn(p.name, p.target, p.port, p.env | env, p.log.parent)
                _wait_ready([self._processes[i]], "/ready")


def _spawn(name: str, target: list[str], port: int, env: dict[str, str], log_dir: Path) -> Process:
    log = log_dir / f"{name}.log"
    handle = log.open("ab")  # appended: a restarted process keeps its earlier log
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", *target, "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"], env=env, stdout=handle, stderr=subprocess.STDOUT)
    handle.close()
    return Process(name, port, proc, log, target, env)


def _wait_ready(processes: list[Process], path: str, timeout: float = START_TIMEOUT_SECONDS) -> None:
    """Poll each process's `path` until it answers 200; fail with its log if it exits or times out."""
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=2.0) as http:
        for p in processes:
            while True:
                if p.proc.poll() is not None:
                    raise RuntimeError(f"{p.name} exited with {p.proc.returncode}:\n{p.log_tail()}")
                with contextlib.suppress(httpx.TransportError):
                    if http.get(p.url + path).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{p.name} did not answer {path} within {timeout}s:\n{p.log_tail()}")
                time.sleep(0.05)  # poll interval, not a wait for an outcome


@contextlib.contextmanager
def run_platform(databases, nats_url: str, log_dir: Path, *, demo_data: bool = False,
                 env: dict[str, str] | None = None, replicas: int = 1) -> Iterator[Platform]:
    """Start the gateway and the five services (`replicas` processes of each on its one database, the
    gateway spreading requests over them); stop them all on exit.

    `databases` is the kit's DatabaseFactory; `env` adds variables to every process (e.g. CLOCK_OVERRIDE).
    """
    from govkit.testing import free_port

    log_dir.mkdir(parents=True, exist_ok=True)
    prefix = f"p{uuid.uuid4().hex[:10]}"
    ports = {name: [free_port() for _ in range(replicas)] for name in SERVICES}
    gateway_port = free_port()
    db_urls = {}
    for name in SERVICES:
        spec = importlib.import_module(f"anyang_{name}.app").spec
        db_urls[name] = databases.fresh(name, spec.migrations_dir)
    base = os.environ | {"NATS_URL": nats_url, "EVENT_PREFIX": prefix, "DEMO_DATA": str(demo_data).lower(),
                         "LOG_JSON": "false", "MIGRATE_ON_STARTUP": "false", "ENV": "test",
                         # many platforms share one PostgreSQL (max_connections 100): small pools each
                         "DB_POOL_SIZE": "2", "DB_MAX_OVERFLOW": "3",
                         # the services verify tokens with the gateway's published keys
                         "JWKS_URL": f"http://127.0.0.1:{gateway_port}{JWKS_PATH}"} | (env or {})
    replica_urls = {name: [f"http://127.0.0.1:{port}" for port in ports[name]] for name in SERVICES}
    service_urls = {name: urls[0] for name, urls in replica_urls.items()}
    processes: list[Process] = []
    try:
        for name in SERVICES:
            # awards' list check at application waits for credit longer than its 5 s default: on a loaded
            # machine a slow answer otherwise leaves the candidacy "under review" (credit status unknown)
            service_env = base | {f"{name.upper()}_DATABASE_URL": db_urls[name],
                                  "AWARDS_CREDIT_BASE_URL": service_urls["credit"],
                                  "AWARDS_CREDIT_TIMEOUT_SECONDS": "20"}
            for i, port in enumerate(ports[name]):
                processes.append(_spawn(name if replicas == 1 else f"{name}-{i + 1}",
                                        ["--factory", f"anyang_{name}.app:create"], port,
                                        service_env | {"INSTANCE_ID": f"{name}-{i + 1}"}, log_dir))
        _wait_ready(processes, "/ready")
        upstreams = service_urls if replicas == 1 else replica_urls
        gateway = _spawn("gateway", ["anyang_gateway.main:app", "--no-proxy-headers"], gateway_port,
                         base | {"GATEWAY_SERVICES": json.dumps(upstreams), "GATEWAY_ENV": "test",
                                 "GATEWAY_RATE_LIMIT_PER_MINUTE": "100000"}, log_dir)
        processes.append(gateway)
        _wait_ready([gateway], "/health")
        with httpx.Client(base_url=gateway.url, timeout=30.0) as client:
            yield Platform(url=gateway.url, services=service_urls, nats_url=nats_url, event_prefix=prefix,
                           database_urls=db_urls, client=client, replicas=replica_urls, _processes=processes)
    finally:
        for p in reversed(processes):
            p.stop()


@pytest.fixture(scope="session")
def platform(databases, nats_url, tmp_path_factory) -> Iterator[Platform]:
    """The real platform with DEMO_DATA off (a fresh production-like start), once per session."""
    with run_platform(databases, nats_url, tmp_path_factory.mktemp("platform")) as running_platform:
        yield running_platform


@pytest.fixture(scope="session")
def demo_platform(databases, nats_url, tmp_path_factory) -> Iterator[Platform]:
    """The real platform with DEMO_DATA on (what `make run` serves), once per session."""
    with run_platform(databases, nats_url, tmp_path_factory.mktemp("demo-platform"), demo_data=True) as running:
        yield running
