"""The gateway app: `create_app(settings, transport)`; `app` for `uvicorn anyang_gateway.main:app`."""

from __future__ import annotations

from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from anyang_gateway import calendar, docs, health, proxy, signin, signing, tokens
from anyang_gateway.clients import ClientRegistry
from anyang_gateway.context import RequestContextMiddleware
from anyang_gateway.openapi_merge import SCOPE_DESCRIPTIONS, OpenAPIAggregator, merge_openapi
from anyang_gateway.ratelimit import RateLimiter, RateLimitMiddleware, storage_for
from anyang_gateway.settings import GatewaySettings
from govkit import openapi
from govkit.errors import install_error_handlers

VERSION = "0.1.0"
TITLE = "安阳市政务服务平台 API"


def create_app(settings: GatewaySettings | None = None,
               transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """`transport` replaces the network for upstream calls (tests mount services with ASGITransport)."""
    settings = settings or GatewaySettings()
    registry = ClientRegistry.load(settings.clients_file, allow_plain_secrets=not settings.is_production)
    token_keys = signing.TokenKeys(signing.load_signing_keys(settings))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.http = proxy.build_client(settings, transport)
        try:
            yield
        finally:
            await app.state.http.aclose()

    app = FastAPI(title=TITLE, version=VERSION, lifespan=lifespan,
                  openapi_url=None, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.clients = registry
    app.state.token_keys = token_keys
    app.state.openapi = OpenAPIAggregator(
        services=settings.services, client=lambda: app.state.http,
        ttl_seconds=settings.openapi_cache_seconds, timeout_seconds=settings.openapi_timeout_seconds)
    install_error_handlers(app)

    # Outermost last: proxy headers → CORS (so refusals carry CORS headers) → request context → rate limit
    # → `/{service}/{path}` straight to the proxy, the rest to the router.
    app.add_middleware(proxy.ProxyRoutes, routes=app.router.routes)
    limiter = RateLimiter(storage_for(settings.rate_limit_storage_url, settings.rate_limit_key_prefix),
                          settings.rate_limit_per_minute, per_key=registry.rate_limits())
    app.add_middleware(RateLimitMiddleware, limiter=limiter, keys=token_keys.verifier)
    app.add_middleware(RequestContextMiddleware)
    wildcard = "*" in settings.cors_origins
    app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=not wildcard,
                       allow_methods=["*"], allow_headers=["*"],
                       expose_headers=["X-Request-Id", "traceparent", "Retry-After", "Location"])
    # outermost: the caller's address is the TCP peer unless that peer is one of the configured proxies
    # (uvicorn runs with --no-proxy-headers: it would believe X-Forwarded-For from any loopback peer)
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)

    app.include_router(tokens.router)
    app.include_router(signing.router)
    if settings.oidc_issuer:  # sign-in for people only where an identity provider is configured
        app.include_router(signin.router)
    app.include_router(health.router)
    app.include_router(calendar.router)
    openapi.install(app, idempotency=False)  # its own operations described as the services' are

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi_document(request: Request) -> JSONResponse:
        documents, unavailable = await app.state.openapi.service_documents()
        scopes = {s: SCOPE_DESCRIPTIONS.get(s, s) for s in registry.all_scopes()}
        root_path = request.scope.get("root_path", "")
        merged = merge_openapi(app.openapi(), documents, unavailable=unavailable, scopes=scopes,
                               title=TITLE, version=VERSION,
                               servers=[{"url": root_path}] if root_path else None)
        return JSONResponse(merged)

    app.include_router(docs.router)
    docs.mount_assets(app)
    app.include_router(proxy.router)  # last: `/{service}/{path}` must not shadow the routes above
    return app


app = create_app()
