"""GET /health: every service's /health (liveness) and /ready (readiness), asked concurrently."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from anyang_gateway.settings import GatewaySettings

router = APIRouter(tags=["health"])


class ServiceHealth(BaseModel):
    status: Literal["ok", "error", "unreachable", "timeout"]
    ready: bool
    detail: Any = None


class HealthOut(BaseModel):
    status: Literal["ok", "degraded"]
    services: dict[str, ServiceHealth]


async def _probe(client: httpx.AsyncClient, url: str, timeout: float) -> tuple[str, Any]:
    """("ok" | "error" | "unreachable" | "timeout", the body or the reason)."""
    try:
        r = await client.get(url, timeout=timeout, headers={"accept": "application/json"})
    except httpx.TimeoutException:
        return "timeout", f"no answer within {timeout:g} s"
    except httpx.HTTPError as e:
        return "unreachable", f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
    try:
        body: Any = r.json()
    except ValueError:
        body = r.text[:200]
    return ("ok" if r.status_code == 200 else "error"), {"http_status": r.status_code, "body": body}


async def service_health(client: httpx.AsyncClient, base: str, timeout: float) -> ServiceHealth:
    (live, live_detail), (ready, ready_detail) = await asyncio.gather(
        _probe(client, f"{base}/health", timeout), _probe(client, f"{base}/ready", timeout))
    detail = ready_detail if live == "ok" else live_detail
    if live == "ok" and ready == "ok":
        detail = ready_detail["body"]  # e.g. {"database": "ok", "nats": "down"}
    return ServiceHealth(status=live, ready=ready == "ok", detail=detail)


async def aggregate(client: httpx.AsyncClient, services: dict[str, str], timeout: float) -> HealthOut:
    names = list(services)
    results = await asyncio.gather(*(service_health(client, services[n], timeout) for n in names))
    by_name = dict(zip(names, results, strict=True))
    healthy = all(h.status == "ok" and h.ready for h in results)
    return HealthOut(status="ok" if healthy else "degraded", services=by_name)


@router.get("/health", response_model=HealthOut, operation_id="gateway-health",
            summary="各服务健康状况（全部存活且就绪为 200，否则 503） / Health of every service (200 when all are "
                    "live and ready, else 503)",
            responses={503: {"model": HealthOut, "description": "at least one service is down or not ready"}})
async def health(request: Request) -> JSONResponse:
    settings: GatewaySettings = request.app.state.settings
    result = await aggregate(request.app.state.http, settings.services, settings.health_timeout_seconds)
    return JSONResponse(result.model_dump(mode="json"), status_code=200 if result.status == "ok" else 503,
                        headers={"Cache-Control": "no-store"})


@router.get("/livez", operation_id="gateway-livez",
            summary="网关自身存活检查 / Liveness of the gateway itself (no upstream calls)")
async def livez() -> dict[str, str]:
    return {"status": "ok"}
