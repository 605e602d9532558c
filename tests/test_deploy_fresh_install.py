"""The production install, as the image does it, without a container engine: the lock file into a fresh
venv as a non-root user, our packages non-editable, every service migrated and started with its compose
environment under ENV=production (secrets stubbed; databases of its own on the machine's PostgreSQL, the
machine's NATS under a prefix of its own), and the gateway in front. PostgreSQL pass only."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from govkit.auth import SigningKey
from govkit.testing import DatabaseFactory, free_port
from govkit.testing.platform import Process, _wait_ready
from tests.deploy_render import ROOT, SERVICES, compose

pytestmark = [pytest.mark.timeout(900), pytest.mark.skipif(
    not (os.environ.get("TEST_POSTGRES_URL") and os.environ.get("TEST_NATS_URL")),
    reason="production install: PostgreSQL + NATS (TEST_POSTGRES_URL, TEST_NATS_URL)")]
USER = "anyang-ci"


def _as_user() -> dict:
    """Popen arguments that run a process as the non-root user (when the suite runs as root, as CI does)."""
    return {"user": USER, "group": USER, "extra_groups": []} if os.geteuid() == 0 else {}


@pytest.fixture(scope="module")
def venv() -> Iterator[Path]:
    """A fresh venv owned by a non-root user, with exactly what the image installs."""
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(USER)
        except KeyError:
            subprocess.run(["useradd", "--system", "--create-home", USER], check=True)
    work = Path(tempfile.mkdtemp(prefix="anyang-install-"))  # outside pytest's root-only temp tree
    try:
        yield _install(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _install(work: Path) -> Path:
    os.chmod(work, 0o755)
    for part in ("libs", "services", "gateway", "requirements.lock"):
        src = ROOT / part
        (shutil.copytree(src, work / part, ignore=shutil.ignore_patterns("tests", "*.egg-info", "__pycache__"))
         if src.is_dir() else shutil.copyfile(src, work / part))
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", f"{USER}:", str(work)], check=True)
    python = "/usr/bin/python3" if os.geteuid() == 0 else sys.executable
    env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "PIP_CACHE_DIR": str(work / ".pip-cache")}
    # the locked archives are fetched, hashes checked, by this process through its pip cache (and sdists built
    # into wheels); the user installs exactly those wheels offline
    wheels = work / "wheels"
    for argv in (["wheel", "-q", "--require-hashes", "-r", "requirements.lock", "-w", str(wheels)],
                 ["download", "-q", "--no-deps", "setuptools>=70.1", "-d", str(wheels)]):  # builds our packages
        subprocess.run([sys.executable, "-m", "pip", *argv], cwd=work, check=True, capture_output=True)
    subprocess.run(["chmod", "-R", "a+rX", str(wheels)], check=True)
    pip = str(work / "venv" / "bin" / "pip")
    for argv in ([python, "-m", "venv", str(work / "venv")],
                 [pip, "install", "-q", "--no-index", *map(str, sorted(wheels.glob("*.whl")))],
                 [pip, "install", "-q", "--no-deps", "./libs/govkit", *(f"./services/{s}" for s in SERVICES),
                  "./gateway", "--no-index", "--find-links", str(wheels)]):
        done = subprocess.run(argv, cwd=work, env=env, capture_output=True, text=True, **_as_user())
        assert done.returncode == 0, f"{argv}: {done.stdout[-2000:]}{done.stderr[-3000:]}"
    return work / "venv"


def test_the_lock_file_installs_as_a_non_root_user_and_every_service_starts_in_production(venv):
    shown = subprocess.run([venv / "bin" / "python", "-c", "import anyang_credit, sys; print(anyang_credit.__file__)"],
                           capture_output=True, text=True, check=True).stdout
    assert str(ROOT) not in shown and "site-packages" in shown  # installed, not editable
    if os.geteuid() == 0:
        assert pwd.getpwuid((venv / "pyvenv.cfg").stat().st_uid).pw_name == USER
    tmp_path = venv.parent / "run"
    tmp_path.mkdir()
    os.chmod(tmp_path, 0o777)
    doc = compose()
    prefix = f"i{uuid.uuid4().hex[:10]}"
    databases = DatabaseFactory(tmp_path)
    ports = {name: free_port() for name in (*SERVICES, "gateway")}
    processes: list[Process] = []
    try:
        for service in SERVICES:
            database_url = databases.empty(service)
            env = {k: str(v) for k, v in doc["services"][service]["environment"].items()} | {
                f"{service.upper()}_DATABASE_URL": database_url, "NATS_URL": os.environ["TEST_NATS_URL"],
                "EVENT_PREFIX": prefix, "NATS_NKEY_SEED_FILE": "",  # the machine's NATS has no users "JWKS_URL": f"http://127.0.0.1:{ports['gateway']}/.well-known/jwks.json",
                "AWARDS_CREDIT_BASE_URL": f"http://127.0.0.1:{ports['credit']}", "PATH": "/usr/bin:/bin"}
            migrate = subprocess.run([str(venv / "bin" / "python"), "-m", "govkit.migrations", "upgrade",
                                      f"anyang_{service}"], env=env, cwd=tmp_path, capture_output=True, **_as_user())
            assert migrate.returncode == 0, migrate.stderr.decode()[-2000:]
            processes.append(_start(service, ["--factory", f"anyang_{service}.app:create"], ports[service], env,
                                    venv, tmp_path))
        _wait_ready(processes, "/health")
        key, clients = tmp_path / "signing-key.pem", tmp_path / "clients.yaml"
        key.write_text(SigningKey.generate().private_pem())
        clients.write_text("clients: []\n")
        for path in (key, clients):
            os.chmod(path, 0o644)
        gateway_env = {k: str(v) for k, v in doc["services"]["gateway"]["environment"].items()} | {
            "GATEWAY_SIGNING_KEY_FILES": json.dumps([str(key)]), "GATEWAY_CLIENTS_FILE": str(clients),
            "GATEWAY_SERVICES": json.dumps({s: f"http://127.0.0.1:{ports[s]}" for s in SERVICES}),
            "PATH": "/usr/bin:/bin"}
        gateway = _start("gateway", ["anyang_gateway.main:app"], ports["gateway"], gateway_env, venv, tmp_path)
        processes.append(gateway)
        _wait_ready([gateway], "/health")
    finally:
        for p in reversed(processes):
            p.stop()
        databases.drop_all()


def _start(name: str, target: list[str], port: int, env: dict[str, str], venv: Path, logs: Path) -> Process:
    log = logs / f"{name}.log"
    with log.open("wb") as handle:
        proc = subprocess.Popen([str(venv / "bin" / "uvicorn"), *target, "--host", "127.0.0.1", "--port", str(port)],
                                env=env, cwd=logs, stdout=handle, stderr=subprocess.STDOUT, **_as_user())
    return Process(name, port, proc, log)
