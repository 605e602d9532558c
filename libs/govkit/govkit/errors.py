"""RFC 9457 problem+json errors: one shape for every service and the gateway."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from govkit.i18n import t, validation_message

log = logging.getLogger("govkit.errors")

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://anyang.gov.cn/problems/"

_TITLES: dict[int, tuple[str, str, str]] = {
    400: ("bad-request", "请求有误", "Bad request"),
    401: ("unauthorized", "未认证", "Unauthorized"),
    403: ("forbidden", "无权操作", "Forbidden"),
    404: ("not-found", "未找到", "Not found"),
    405: ("method-not-allowed", "不支持该方法", "Method not allowed"),
    409: ("conflict", "状态冲突", "Conflict"),
    413: ("payload-too-large", "请求体过大", "Payload too large"),
    415: ("unsupported-media-type", "不支持的媒体类型", "Unsupported media type"),
    422: ("unprocessable", "数据不符合规则", "Unprocessable content"),
    429: ("too-many-requests", "请求过于频繁", "Too many requests"),
    500: ("internal", "内部错误", "Internal server error"),
    502: ("bad-gateway", "上游服务不可用", "Bad gateway"),
    503: ("unavailable", "服务暂不可用", "Service unavailable"),
    504: ("gateway-timeout", "上游服务超时", "Gateway timeout"),
}


def problem_body(status: int, detail: str, *, errors: list[dict] | None = None,
                 code: str | None = None, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    slug, zh, en = _TITLES.get(status, ("error", "错误", "Error"))
    body: dict[str, Any] = {
        "type": TYPE_BASE + (code or slug),
        "title": t(zh, en),
        "status": status,
        "detail": detail,
    }
    if errors:  # schema FieldProblem: every entry has a code, "invalid" unless the raiser named one
        body["errors"] = [{"code": "invalid", **e} if isinstance(e, dict) and "code" not in e else e for e in errors]
    if extra:
        body.update(extra)
    return body


def problem_response(status: int, detail: str, *, errors: list[dict] | None = None,
                     code: str | None = None, extra: dict[str, Any] | None = None,
                     headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(jsonable_encoder(problem_body(status, detail, errors=errors, code=code, extra=extra)),
                        status_code=status, media_type=PROBLEM_JSON, headers=headers)


class ProblemError(Exception):
    """A refusal a caller can act on. Raise it from service code; it becomes problem+json."""

    status = 400
    code: str | None = None
    headers: dict[str, str] | None = None

    def __init__(self, zh: str, en: str | None = None, *, errors: list[dict] | None = None,
                 code: str | None = None, extra: dict[str, Any] | None = None) -> None:
        super().__init__(en or zh)
        self.zh, self.en = zh, en or zh
        self.errors = errors
        self.extra = extra
        if code:
            self.code = code

    @property
    def detail(self) -> str:
        return t(self.zh, self.en)

    def response(self) -> JSONResponse:
        return problem_response(self.status, self.detail, errors=self.errors, code=self.code,
                                extra=self.extra, headers=self.headers)


class BadRequest(ProblemError):
    status = 400


class Unauthorized(ProblemError):
    status = 401
    headers = {"WWW-Authenticate": "Bearer"}  # RFC 6750 §3: how to authenticate


class Forbidden(ProblemError):
    status = 403


class NotFound(ProblemError):
    status = 404


class Conflict(ProblemError):
    status = 409


class RuleViolation(ProblemError):
    """422: the input is well-formed but a rule refuses it (the detail names the rule)."""

    status = 422


def field_error(loc: list | tuple, message: str, *, code: str = "value_error") -> dict[str, Any]:
    """One `errors` entry (schema FieldProblem): the same keys as a rule's field errors."""
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return {"field": ".".join(parts) or str(loc[-1] if loc else ""), "code": code, "message": message,
            "location": list(loc)}


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [field_error(err.get("loc", ()), validation_message(err), code=str(err.get("type", "value_error")))
            for err in exc.errors()]


def _bad_value(exc: BaseException) -> bool:
    """A value the database cannot take (out of range, NUL byte, lone surrogate): the caller's input, not a bug
    of ours. Looks through the driver's wrapping (SQLAlchemy → adapter → asyncpg / aiosqlite → builtin)."""
    import asyncpg
    from sqlalchemy.exc import DataError

    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, DataError | asyncpg.exceptions.DataError | OverflowError | UnicodeError):
            return True
        nxt = getattr(exc, "orig", None)
        exc = nxt if nxt is not None and nxt is not exc else (exc.__cause__ or exc.__context__)
        seen += 1
    return False


def _allowed_methods(request: Request) -> str:
    """RFC 9110 §15.5.6: a 405 lists every method the path has — all its routes', not the first one's
    (each method is matched against the routes as the router would)."""
    routes = request.app.router.routes
    return ", ".join(m for m in ("DELETE", "GET", "HEAD", "PATCH", "POST", "PUT") if any(
        route.matches(request.scope | {"method": m})[0] == Match.FULL for route in routes))


def install_error_handlers(app: FastAPI, on_refusal=None) -> None:
    """Map every error to problem+json. `on_refusal(request, status, detail)` audits refusals."""

    async def _refused(request: Request, status: int, detail: str) -> None:
        if on_refusal is not None and status in (403, 409, 422):
            try:
                await on_refusal(request, status, detail)
            except Exception:  # auditing a refusal must not turn it into a 500
                log.exception("could not audit refusal")

    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError):
        await _refused(request, exc.status, exc.detail)
        return exc.response()

    from govkit.rules.decision import RuleBroken

    @app.exception_handler(RuleBroken)
    async def _rule(request: Request, exc: RuleBroken):
        """A domain rule's refusal: 422 (or the rule's `status`) naming its basis, with field errors and facts."""
        await _refused(request, exc.status, exc.message)
        extra = {"basis": exc.basis} if exc.basis else {}
        if exc.facts:
            extra["facts"] = exc.facts
        return problem_response(exc.status, exc.message, code=exc.code.replace("_", "-"),
                                errors=[e.as_dict() for e in exc.errors] or None, extra=extra)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        errors = _validation_errors(exc)
        fields = "、".join(e["field"] for e in errors[:5])
        detail = t(f"请求数据有误：{fields}", f"Invalid request data: {fields.replace('、', ', ')}")
        await _refused(request, 422, detail)
        return problem_response(422, detail, errors=errors, code="validation")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = t("没有这个地址", "No such path")
        elif exc.status_code == 405:
            detail = t("该地址不支持此方法", "Method not allowed on this path")
            return problem_response(405, detail, headers={"Allow": _allowed_methods(request)})
        return problem_response(exc.status_code, detail, headers=getattr(exc, "headers", None))

    from sqlalchemy.exc import IntegrityError, StatementError

    from govkit.rules.params import NotInForce

    @app.exception_handler(NotInForce)
    async def _not_in_force(request: Request, exc: NotInForce):
        """A date before the rule existed (e.g. as_of 1970): say which rule and from when it applies."""
        detail = t(f"{exc.on.isoformat()} 时规则 {exc.name} 尚未施行（自 {exc.first.isoformat()} 起施行）",
                   f"Rule {exc.name} was not in force on {exc.on.isoformat()} (in force from {exc.first.isoformat()})")
        await _refused(request, 422, detail)
        return problem_response(422, detail, code="rule-not-in-force")

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError):
        """A uniqueness race the service's own check could not see: the write was rolled back."""
        log.warning("integrity error mapped to 409", extra={"path": request.url.path, "error": str(exc.orig)})
        detail = t("与已有数据冲突，未作任何更改", "Conflicts with existing data; nothing was changed")
        await _refused(request, 409, detail)
        return problem_response(409, detail)

    @app.exception_handler(StatementError)
    async def _statement(request: Request, exc: StatementError):
        if _bad_value(exc):
            log.warning("out-of-range value mapped to 422", extra={"path": request.url.path})
            detail = t("数值超出可存储范围，未作任何更改", "A value is out of the storable range; nothing was changed")
            await _refused(request, 422, detail)
            return problem_response(422, detail, code="out-of-range")
        return await _crash(request, exc)

    @app.exception_handler(OverflowError)
    async def _overflow(request: Request, exc: OverflowError):
        detail = t("数值超出可存储范围，未作任何更改", "A value is out of the storable range; nothing was changed")
        await _refused(request, 422, detail)
        return problem_response(422, detail, code="out-of-range")

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        log.exception("unhandled error", extra={"path": request.url.path})
        return problem_response(500, t("服务内部错误，已记录", "Internal error, it has been logged"))
