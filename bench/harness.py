"""What every benchmark here shares: processes pinned to cores, the platform started as `make run` does,
nginx as the reference proxy, `wrk` as the load generator (JSON out of its Lua `done` hook), machine facts.

Nothing here is imported by the platform; it only drives it from outside, over HTTP.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from govkit.auth import JWKS_PATH, SigningKey
from govkit.testing import NatsServer, free_port

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SERVICES = ["credit", "hydrogen", "awards", "tasks", "housing"]
PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
BENCH_CLIENT = "bench-load"
BENCH_SCOPES = ["credit.report", "credit.list", "awards.office"]

# Cores (2 on this machine): the services on the first, the proxy under test (nginx or the gateway) and wrk
# on the last, so a proxy never takes CPU from the service it fronts. `BENCH_NO_PIN=1` turns pinning off.
# wrk beside the proxy, not the services: a request then crosses between cores twice whichever way it goes
# (direct, nginx, gateway), as it crosses the network twice in a deployment; with wrk beside the services
# (`BENCH_LOAD_CPUS=0`) direct would cross none and a proxy four times. At c=1 wrk only waits while the
# proxy works, so sharing its core costs a switch, no CPU time (issue 13 measured both placements); wrk runs
# as SCHED_BATCH so that switch comes when the proxy yields, never inside its answer (uvicorn writes a
# response's head and body in two calls, and a woken wrk preempted the gateway between them).
# On a machine others load too, which core they load decides a lot: compare ratios within one run only.
NCPU = os.cpu_count() or 1
SERVICE_CPUS = "0"
PROXY_CPUS = str(NCPU - 1)
LOAD_CPUS = os.environ.get("BENCH_LOAD_CPUS", str(NCPU - 1))


def pinned(cpus: str, argv: list[str]) -> list[str]:
    if os.environ.get("BENCH_NO_PIN") or NCPU < 2 or not shutil.which("taskset"):
        return argv
    return ["taskset", "-c", cpus, *argv]


def machine() -> dict:
    """Load average and CPU, said with every result: figures on a shared machine are only comparable
    within one run."""
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"cpu": model or platform.processor(), "cores": NCPU, "loadavg": list(os.getloadavg()),
            "python": platform.python_version(),
            "cores_used": {"services": SERVICE_CPUS, "proxy (gateway/nginx)": PROXY_CPUS, "wrk": LOAD_CPUS,
                           "pinned": not os.environ.get("BENCH_NO_PIN") and NCPU >= 2}}


def ensure_tool(binary: str, package: str) -> str:
    """The Debian package's binary, installed with apt-get when missing (never assumed)."""
    found = shutil.which(binary) or (f"/usr/sbin/{binary}" if Path(f"/usr/sbin/{binary}").exists() else None)
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print(f"installing {package} (apt-get)…", flush=True)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-q", package], check=True,
                   env=os.environ | {"DEBIAN_FRONTEND": "noninteractive"})
    found = shutil.which(binary) or f"/usr/sbin/{binary}"
    if not Path(found).exists():
        raise SystemExit(f"{binary} not found after installing {package}")
    return found


def wait_http(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status < 500:
                    return
        except Exception as e:  # not up yet
            last = e
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up: {last}")


def http_json(method: str, url: str, body: object = None, token: str | None = None,
              form: dict | None = None, timeout: float = 300) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
    if form is not None:
        data = "&".join(f"{k}={v}" for k, v in form.items()).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else {}
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, {"raw": raw[:500].decode(errors="replace")}


class Processes:
    """Children started by a benchmark, stopped (INT, then KILL) in reverse order on exit."""

    def __init__(self, logdir: Path) -> None:
        self.logdir = logdir
        self.procs: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
        log = open(self.logdir / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        proc = subprocess.Popen(argv, env=os.environ | (env or {}), cwd=ROOT, stdout=log, stderr=log)
        self.procs.append((name, proc))
        return proc

    def stop(self, name: str) -> None:
        for n, proc in list(self.procs):
            if n == name:
                _terminate(proc)
                self.procs.remove((n, proc))

    def close(self) -> None:
        for _, proc in reversed(self.procs):
            _terminate(proc)
        self.procs.clear()


def _terminate(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def uvicorn_argv(target: str, port: int, *, factory: bool, stack: str = "auto") -> list[str]:
    """`stack`: auto (uvloop + httptools when installed), or asyncio-h11 (the pure-Python stack)."""
    argv = [PY, "-m", "uvicorn", *(["--factory"] if factory else []), target, "--host", "127.0.0.1",
            "--port", str(port), "--log-level", "warning", "--no-access-log", "--timeout-keep-alive", "30"]
    if stack == "asyncio-h11":
        argv += ["--loop", "asyncio", "--http", "h11"]
    return argv


def bench_clients_file(path: Path, per_minute: int, extra: dict[str, dict] | None = None) -> Path:
    """The development clients plus the bench client (and `extra` ones: client id → principal), whose own
    rate limit is high enough for the load (the gateway's limits stay on for everyone else)."""
    dev = yaml.safe_load((ROOT / "gateway" / "clients.dev.yaml").read_text(encoding="utf-8"))
    principals = {BENCH_CLIENT: {"kind": "department", "org": "scjg", "region": "410500", "scopes": BENCH_SCOPES},
                  **(extra or {})}
    for client_id, principal in principals.items():
        dev["clients"].append({
            "client_id": client_id, "secret": f"{client_id}-secret", "rate_limit_per_minute": per_minute,
            "description": "make bench load generator", "principal": {"name": "压测客户端", **principal}})
    path.write_text(yaml.safe_dump(dev, allow_unicode=True), encoding="utf-8")
    return path


@dataclass
class Database:
    """SQLite files in the run's directory, or one PostgreSQL database per service on the machine's server
    (`bench_<run>_<service>`, dropped at the end)."""

    kind: str  # sqlite | postgres
    workdir: Path
    fixed: dict[str, str] = field(default_factory=dict)  # service → a kept database (never created or dropped)
    run_id: str = field(default_factory=lambda: f"{os.getpid()}_{int(time.time())}")
    created: list[str] = field(default_factory=list)

    def url(self, service: str) -> str:
        if service in self.fixed:
            return self.fixed[service]
        if self.kind == "sqlite":
            return f"sqlite+aiosqlite:///{self.workdir}/{service}.db"
        name = f"bench_{self.run_id}_{service}"
        if name not in self.created:
            self._psql(f'CREATE DATABASE "{name}"')
            self.created.append(name)
        return f"postgresql+asyncpg://{PG_ADMIN_URL.split('://', 1)[1].rsplit('/', 1)[0]}/{name}"

    def _psql(self, sql: str) -> None:
        subprocess.run(["psql", PG_ADMIN_URL, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                       stdout=subprocess.DEVNULL)

    def drop(self) -> None:
        for name in self.created:
            with contextlib.suppress(subprocess.CalledProcessError):
                self._psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()


@dataclass
class Platform:
    """The services (each on its own database) behind the gateway, with one NATS: like `make run`, but on
    bench-chosen databases, ports and cores, and with the bench client in the gateway's clients file."""

    services: dict[str, int]
    gateway: str
    nats_url: str
    db: Database
    procs: Processes
    workdir: Path
    env: dict[str, str]

    def base(self, service: str) -> str:
        return f"http://127.0.0.1:{self.services[service]}"

    def token(self, client_id: str = BENCH_CLIENT) -> str:
        status, body = http_json("POST", f"{self.gateway}/auth/token", form={
            "grant_type": "client_credentials", "client_id": client_id, "client_secret": f"{client_id}-secret"})
        if status != 200:
            raise RuntimeError(f"token for {client_id}: {status} {body}")
        return body["access_token"]


@contextlib.contextmanager
def platform_running(names: list[str], *, database: str = "sqlite", gateway: bool = True,
                     gateway_env: dict[str, str] | None = None, service_env: dict[str, str] | None = None,
                     stack: str = "auto", background: bool = True, fixed: dict[str, str] | None = None,
                     clients: dict[str, dict] | None = None) -> Iterator[Platform]:
    workdir = Path(tempfile.mkdtemp(prefix="anyang-bench-"))
    procs = Processes(workdir)
    db = Database(database, workdir, fixed=fixed or {})
    nats = NatsServer(workdir / "nats")
    nats.start()
    ports = {name: free_port() for name in names}
    gport = free_port()
    env = {"NATS_URL": nats.url, "EVENT_PREFIX": f"bench{os.getpid()}", "LOG_JSON": "false",
           "BACKGROUND": "true" if background else "false", "JWKS_URL": f"http://127.0.0.1:{gport}{JWKS_PATH}",
           **(service_env or {})}
    try:
        for name, port in ports.items():
            senv = env | {f"{name.upper()}_DATABASE_URL": db.url(name)}
            if "credit" in ports:
                senv["AWARDS_CREDIT_BASE_URL"] = f"http://127.0.0.1:{ports['credit']}"
            procs.start(name, pinned(SERVICE_CPUS, uvicorn_argv(f"anyang_{name}.app:create", port, factory=True,
                                                                 stack=stack)), senv)
        for port in ports.values():
            wait_http(f"http://127.0.0.1:{port}/ready")
        gw = ""
        if gateway:
            clients_file = bench_clients_file(workdir / "clients.yaml", per_minute=60_000_000, extra=clients)
            key = workdir / "signing-key.pem"
            key.write_text(SigningKey.generate().private_pem())
            genv = {"GATEWAY_SERVICES": json.dumps({n: f"http://127.0.0.1:{p}" for n, p in ports.items()}),
                    "GATEWAY_CLIENTS_FILE": str(clients_file), "GATEWAY_SIGNING_KEY_FILES": json.dumps([str(key)]),
                    **(gateway_env or {})}
            # with the server options it is deployed with (deploy/k8s/base/gateway/gateway.yaml)
            argv = uvicorn_argv("anyang_gateway.main:app", gport, factory=False, stack=stack)
            procs.start("gateway", pinned(PROXY_CPUS, [*argv, "--no-proxy-headers", "--no-server-header"]), genv)
            gw = f"http://127.0.0.1:{gport}"
            wait_http(f"{gw}/livez")
        yield Platform(ports, gw, nats.url, db, procs, workdir, env)
    finally:
        procs.close()
        nats.stop()
        db.drop()
        shutil.rmtree(workdir, ignore_errors=True)


# ------------------------------------------------------------------------------------------------ nginx

NGINX_CONF = """worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fcgi; uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
  client_max_body_size 10m;
  upstream service {{ server 127.0.0.1:{upstream}; keepalive 128; }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://service;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_buffering on;
    }}
  }}
}}
"""


def start_nginx(procs: Processes, workdir: Path, upstream_port: int) -> str:
    """nginx as a plain keep-alive reverse proxy in front of one service: the reference for the gateway."""
    binary = ensure_tool("nginx", "nginx-light")
    port = free_port()
    ndir = workdir / "nginx"
    ndir.mkdir(exist_ok=True)
    conf = ndir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=ndir, upstream=upstream_port, port=port))
    procs.start("nginx", pinned(PROXY_CPUS, [binary, "-c", str(conf), "-p", str(ndir), "-e",
                                             str(ndir / "nginx-error.log")]))
    url = f"http://127.0.0.1:{port}"
    wait_http(f"{url}/health")
    return url


# -------------------------------------------------------------------------------------------------- wrk

WRK_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, '
    .. '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, '
    .. '"mean_us": %.1f, "max_us": %d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
"""

# Each connection numbers its own requests so every write is a new record.
# Each request the next path of a list (e.g. list checks of many codes).
WRK_PATHS = """
local paths = {}
for line in io.lines(PATHS_FILE) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format(nil, paths[i])
end
"""

WRK_REQUEST = """
local f = io.open(BODY_FILE, "rb")
local template = f:read("*a")
f:close()
local counter = 0
local thread_id = 0
function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
request = function()
  counter = counter + 1
  local body = string.format(template, tid or 0, counter)
  return wrk.format(METHOD, nil, HEADERS, body)  -- nil: the URL's path
end
"""


@dataclass(frozen=True)
class Load:
    """One request shape for wrk: GET/POST a path, with headers, and for POST a body template whose two
    `%d` (thread, counter) make every request distinct."""

    method: str = "GET"
    path: str = "/health"
    headers: dict[str, str] = field(default_factory=dict)
    body_template: str | None = None
    paths: tuple[str, ...] | None = None

    def script(self, workdir: Path) -> Path:
        lua = WRK_DONE
        if self.paths:
            key = abs(hash(self.paths))
            listed = workdir / f"wrk-{key}.paths"
            listed.write_text("\n".join(self.paths) + "\n")
            lua = WRK_PATHS.replace("PATHS_FILE", json.dumps(str(listed))) + lua
        if self.body_template is not None:
            headers = "{" + ", ".join(f'["{k}"] = "{v}"' for k, v in self.headers.items()) + "}"
            key = abs(hash((self.method, self.path, self.body_template)))
            body = workdir / f"wrk-{key}.body"
            body.write_text(self.body_template, encoding="utf-8")
            lua = (WRK_REQUEST.replace("BODY_FILE", json.dumps(str(body))).replace("METHOD", f'"{self.method}"')
                   .replace("HEADERS", headers)) + lua
        path = workdir / f"wrk-{abs(hash((self.method, self.path, self.body_template, self.paths)))}.lua"
        path.write_text(lua)
        return path


def wrk(url: str, load: Load, *, connections: int, seconds: float, workdir: Path) -> dict:
    """One wrk run; requests/s, latency percentiles in ms, and errors (socket errors + non-2xx/3xx)."""
    binary = ensure_tool("wrk", "wrk")
    argv = [binary, "-t", "1", "-c", str(connections), "-d", f"{max(1, round(seconds))}s", "--timeout", "10s",
            "-s", str(load.script(workdir))]
    if load.body_template is None:
        for k, v in load.headers.items():
            argv += ["-H", f"{k}: {v}"]
    argv.append(url + load.path)
    if shutil.which("chrt"):  # SCHED_BATCH: woken, wrk waits for the proxy on its core to yield, as a remote
        argv = ["chrt", "--batch", "0", *argv]  # client would (not preempting it between two writes of a response)
    out = subprocess.run(pinned(LOAD_CPUS, argv), capture_output=True, text=True, check=False)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("WRKJSON ")), None)
    if line is None:
        return {"rps": 0.0, "p50_ms": None, "p99_ms": None, "errors": -1, "requests": 0,
                "failure": (out.stderr or out.stdout)[-500:]}
    r = json.loads(line[len("WRKJSON "):])
    if not r["requests"]:  # nothing answered within the run: a failure, not a zero-latency result
        return {"rps": 0.0, "p50_ms": None, "p99_ms": None, "errors": -1, "requests": 0,
                "failure": "no request completed"}
    errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
    return {"rps": r["requests"] / (r["duration_us"] / 1e6), "p50_ms": r["p50_us"] / 1000,
            "p90_ms": r["p90_us"] / 1000, "p99_ms": r["p99_us"] / 1000, "errors": errors,
            "requests": r["requests"]}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used (/proc/<pid>/stat), for CPU per request."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def median_of(runs: list[dict]) -> dict:
    """Each figure the median over the runs; errors summed."""
    def med(key: str) -> float | None:
        values = [r[key] for r in runs if r.get(key) is not None]
        return statistics.median(values) if values else None

    cpu = med("cpu_ms_per_request")
    return {"rps": med("rps"), "p50_ms": med("p50_ms"), "p99_ms": med("p99_ms"),
            "errors": sum(max(r["errors"], 0) for r in runs) + sum(1 for r in runs if r["errors"] < 0),
            "requests": sum(r["requests"] for r in runs), "runs": len(runs),
            **({"cpu_ms_per_request": cpu} if cpu is not None else {})}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]
