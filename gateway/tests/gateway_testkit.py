"""Test kit: stand-ins for the services (real FastAPI apps using govkit as the services do) and helpers
to run the gateway in-process against them."""

import asyncio
import socket
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, contextmanager
from enum import StrEnum
from types import SimpleNamespace

import httpx
import uvicorn
from fastapi import FastAPI, Request, Response
from pydantic import BaseModel

from anyang_gateway.main import create_app
from anyang_gateway.settings import GatewaySettings
from govkit import openapi
from govkit.auth import KeySet, OptionalPrincipalDep, Principal, PrincipalDep, PrincipalKind, issue_token, jwks
from govkit.errors import install_error_handlers
from govkit.testing.keys import TEST_KEY

CALLER_IP = "10.1.2.3"


class RecordKind(StrEnum):
    administrative_penalty = "administrative_penalty"
    administrative_reward = "administrative_reward"


class Basis(BaseModel):
    article: str
    facts: dict[str, str] = {}


def _credit_record_model() -> type[BaseModel]:
    class RecordOut(BaseModel):  # same name as hydrogen's RecordOut, another shape
        id: int
        subject: str
        kind: RecordKind
        basis: Basis
    return RecordOut


def _hydrogen_record_model() -> type[BaseModel]:
    class RecordOut(BaseModel):
        station: str
        pressure_mpa: float
    return RecordOut


def _base(title: str, state: dict) -> FastAPI:
    app = FastAPI(title=title, version="1.2.3")
    app.state.settings = SimpleNamespace(env="test", jwks_url=None)
    app.state.flags = state
    install_error_handlers(app)
    openapi.install(app)

    @app.get("/health")
    async def live():
        await asyncio.sleep(state.get("health_delay", 0))
        return {"status": "ok"}

    @app.get("/ready")
    async def ready(response: Response):
        if not state.get("ready", True):
            response.status_code = 503
            return {"status": "not_ready", "database": "down"}
        return {"status": "ready", "database": "ok", "nats": "ok"}

    return app


def credit_app(state: dict | None = None) -> FastAPI:
    state = {} if state is None else state
    app = _base("credit", state)
    RecordOut = _credit_record_model()

    async def echo(rest: str, request: Request):
        body = await request.body()
        return {"method": request.method, "path": request.url.path,
                "raw_path": request.scope["raw_path"].decode(),
                "query": request.url.query, "headers": dict(request.headers), "body": body.decode(),
                "cookies": dict(request.cookies)}

    for method in ("GET", "POST", "PUT", "DELETE", "PATCH"):
        app.add_api_route("/echo/{rest:path}", echo, methods=[method], tags=["debug"],
                          operation_id=f"echo_{method.lower()}")

    @app.get("/records/{record_id}", response_model=RecordOut, tags=["records"])
    async def get_record(record_id: int, principal: OptionalPrincipalDep):
        return RecordOut(id=record_id, subject="91410500MA44GT012H",
                               kind=RecordKind.administrative_penalty,
                               basis=Basis(article="安政〔2023〕2号 二（一）1"))

    @app.get("/whoami", tags=["records"])
    async def whoami(principal: PrincipalDep):
        return principal.model_dump(mode="json")

    @app.get("/set-cookie")
    async def set_cookie(response: Response):
        response.set_cookie("session", "credit-user-a")
        response.set_cookie("other", "2")
        return {"ok": True}

    @app.get("/download")
    async def download():
        disposition = 'attachment; filename="安阳信用报告.pdf"'.encode().decode("latin-1")  # raw UTF-8
        return Response(b"%PDF-1.7", media_type="application/pdf",
                        headers={"Content-Disposition": disposition})

    app.add_api_route("/download", download, methods=["HEAD"], include_in_schema=False)

    @app.delete("/drafts/{draft_id}", status_code=204, include_in_schema=False)
    async def delete_draft(draft_id: int) -> Response:
        return Response(status_code=204)

    @app.get("/slow")
    async def slow(seconds: float = 1.0):
        await asyncio.sleep(seconds)
        return {"slept": seconds}

    @app.get("/gzip")
    async def gzipped(request: Request):
        return {"accept_encoding": request.headers.get("accept-encoding")}

    return app


def hydrogen_app(state: dict | None = None) -> FastAPI:
    state = {} if state is None else state
    app = _base("hydrogen", state)
    RecordOut = _hydrogen_record_model()

    @app.get("/records/{station}", response_model=RecordOut, tags=["records"])
    async def get_record(station: str, principal: OptionalPrincipalDep):
        return RecordOut(station=station, pressure_mpa=35.0)

    @app.post("/records", response_model=RecordOut, status_code=201, tags=["records"])
    async def create_record(record: RecordOut, principal: PrincipalDep):
        return record

    return app

class HostRoutingTransport(httpx.AsyncBaseTransport):
    """Requests to a mounted host go to that ASGI app in-process; others go over the real network."""

    def __init__(self, apps: dict[str, FastAPI]) -> None:
        self.mounted = {host: httpx.ASGITransport(app=app, client=("10.9.9.9", 4000))
                        for host, app in apps.items()}
        self.network = httpx.AsyncHTTPTransport()
        self.calls: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        transport = self.mounted.get(request.url.host, self.network)
        return await transport.handle_async_request(request)

    async def aclose(self) -> None:
        await self.network.aclose()


def closed_port() -> int:
    """A port nothing listens on: bound, then released."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_settings(**overrides) -> GatewaySettings:
    values = {"services": {"credit": "http://credit.test", "hydrogen": "http://hydrogen.test"},
              "env": "test", "rate_limit_per_minute": 1000, "openapi_cache_seconds": 30}
    return GatewaySettings(**(values | overrides))


def bearer(sub: str = "dept-fgw", **fields) -> dict[str, str]:
    principal = Principal(sub=sub, kind=fields.pop("kind", PrincipalKind.department), **fields)
    return {"Authorization": f"Bearer {issue_token(TEST_KEY, principal, 600)}"}


def decode(token: str) -> Principal:
    """The principal of a token the gateway issued (it signs with the test key under ENV=test)."""
    return KeySet(jwks([TEST_KEY])).verify(token)


@asynccontextmanager
async def running_gateway(settings: GatewaySettings, transport: httpx.AsyncBaseTransport | None = None,
                          client_ip: str = CALLER_IP) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, transport=transport)
    async with app.router.lifespan_context(app):
        gateway_transport = httpx.ASGITransport(app=app, client=(client_ip, 5555))
        async with httpx.AsyncClient(transport=gateway_transport, base_url="http://gateway.test") as client:
            client.app = app  # type: ignore[attr-defined]
            yield client


@contextmanager
def uvicorn_server(app: FastAPI):
    """A real HTTP server on a free port, in a thread; yields its base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
