"""Docs that load on an intranet: Swagger UI and ReDoc from the gateway's own copy of their assets (the pinned
`fastapi-offline` package, no CDN), and a landing page at `/` linking docs, health and the services."""

from __future__ import annotations

import html
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

ASSETS_DIR = Path(fastapi_offline.__file__).with_name("static")
ASSETS_PATH = "/docs/assets"

router = APIRouter(include_in_schema=False)
# The docs pages may load from the gateway only (ReDoc's footer would otherwise fetch its logo from a CDN).
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:")


def mount_assets(app: FastAPI) -> None:
    app.mount(ASSETS_PATH, StaticFiles(directory=ASSETS_DIR), name="docs-assets")


def _root(request: Request) -> str:
    return request.scope.get("root_path", "")


@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    root, title = _root(request), request.app.title
    page = get_swagger_ui_html(
        openapi_url=f"{root}/openapi.json", title=f"{title} — Swagger UI",
        swagger_js_url=f"{root}{ASSETS_PATH}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{ASSETS_PATH}/swagger-ui.css",
        swagger_favicon_url=f"{root}{ASSETS_PATH}/favicon.png",
        oauth2_redirect_url=f"{root}/docs/oauth2-redirect",
        init_oauth={"usePkceWithAuthorizationCodeGrant": True},
        # validatorUrl None: Swagger UI must not send the document to an outside validator
        swagger_ui_parameters={"persistAuthorization": True, "validatorUrl": None, "tryItOutEnabled": True,
                               "displayRequestDuration": True, "filter": True})
    page.headers["Content-Security-Policy"] = DOCS_CSP
    return page


@router.get("/docs/oauth2-redirect")
async def swagger_ui_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    root, title = _root(request), request.app.title
    page = get_redoc_html(openapi_url=f"{root}/openapi.json", title=f"{title} — ReDoc",
                          redoc_js_url=f"{root}{ASSETS_PATH}/redoc.standalone.js",
                          redoc_favicon_url=f"{root}{ASSETS_PATH}/favicon.png", with_google_fonts=False)
    page.headers["Content-Security-Policy"] = DOCS_CSP
    return page


def landing_links(root: str, services: list[str]) -> dict:
    return {
        "title": "安阳市政务服务平台 API / Anyang e-government services API",
        "docs": {"swagger_ui": f"{root}/docs", "redoc": f"{root}/redoc", "openapi": f"{root}/openapi.json"},
        "health": f"{root}/health",
        "token": f"{root}/auth/token",
        "calendar": f"{root}/calendar/days/{{date}}",
        "services": {name: {"docs": f"{root}/docs#/{name}", "health": f"{root}/{name}/health"}
                     for name in services},
    }


_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<link rel="icon" href="{root}{assets}/favicon.png">
<style>body{{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.6}}
code{{background:#f3f3f3;padding:0 .3em}}</style></head>
<body><h1>{title}</h1>
<p>安阳市人民政府公报2023年第1号所载规则的接口平台。Machine clients get a token with OAuth2 client credentials
at <code>POST {root}/auth/token</code> and call every service through this gateway.</p>
<h2>接口文档 / API documentation</h2>
<ul><li><a href="{root}/docs">Swagger UI</a>（可在线试用 / try it out）</li>
<li><a href="{root}/redoc">ReDoc</a></li>
<li><a href="{root}/openapi.json">OpenAPI 3.1 文档 / document</a></li></ul>
<h2>运行状态 / Health</h2>
<ul><li><a href="{root}/health">{root}/health</a>（各服务存活与就绪 / every service's liveness and readiness）</li></ul>
<h2>公共数据 / Public reads</h2>
<ul><li><a href="{root}/calendar/days/{today}">工作日历 / official working-day calendar</a></li></ul>
<h2>服务 / Services</h2>
<ul>{services}</ul>
</body></html>"""


@router.get("/")
async def landing(request: Request):
    """HTML for a browser; the same links as JSON for a program (`Accept: application/json`)."""
    from govkit import clock

    root = _root(request)
    names = list(request.app.state.settings.services)
    if "text/html" not in request.headers.get("accept", ""):
        return JSONResponse(landing_links(root, names))
    services = "".join(
        f'<li><b>{html.escape(n)}</b>: <a href="{root}/docs#/{n}">文档 / docs</a> · '
        f'<a href="{root}/{n}/health">health</a></li>' for n in names)
    return HTMLResponse(_PAGE.format(title=html.escape(request.app.title), root=html.escape(root),
                                     assets=ASSETS_PATH, services=services,
                                     today=clock.business_date().isoformat()))
