"""Plausible input: types services put on their fields, and the body check every service runs.

- Dates of decisions and events (`PastDate`): not before 1949-10-01 (the founding of the PRC: no
  decision of this government's organs is older) and not after today (Asia/Shanghai, the service
  clock). Dates in the future by nature (deadlines, planned completion, the end of a term or lease, a
  listing's expiry) and dates whose future a service refuses with a rule of its own: `DateSinceFounding`.
- `LegalBasis`: at least 4 letters (Chinese characters count), e.g. 《城镇燃气管理条例》第四十九条.
- `DecisionNumber`: at least 2 letters or digits, e.g. 安城管罚〔2026〕1号.
- `Text`: some visible character (text of zero-width or other invisible characters only is refused).
- Every JSON body, path and query: NUL characters and lone UTF-16 surrogates are refused with 422 on
  both databases (PostgreSQL cannot store them, SQLite would), by `InputHygieneMiddleware`.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from typing import Annotated, Any
from urllib.parse import unquote

from pydantic import AfterValidator, Field
from starlette.types import ASGIApp, Receive, Scope, Send

from govkit.clock import business_date
from govkit.errors import field_error, problem_response
from govkit.i18n import t

FOUNDING = date(1949, 10, 1)
_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"}  # controls, format (zero-width), spaces, marks


def _visible(text: str) -> list[str]:
    return [c for c in text if unicodedata.category(c) not in _INVISIBLE]


def past_date(value: date) -> date:
    since_founding(value)
    today = business_date()
    if value > today:
        raise ValueError(t(f"日期 {value} 晚于今天（{today}）", f"{value} is after today ({today})"))
    return value


def since_founding(value: date) -> date:
    if value < FOUNDING:
        raise ValueError(t(f"日期 {value} 早于 1949-10-01，不可能", f"{value} is before 1949-10-01: not possible"))
    return value


def visible_text(value: str) -> str:
    if not _visible(value):
        raise ValueError(t("内容为空或只有不可见字符", "empty or invisible characters only"))
    return value


# (zh, en) of each refusal, for rules that report field errors of their own (e.g. per item of an import)
LEGAL_BASIS_TOO_SHORT = ("法律依据过短：请写明法律法规名称及条款，如《城镇燃气管理条例》第四十九条",
                         "legal basis too short: name the law and article")
DECISION_NUMBER_INCOMPLETE = ("文书号不完整，如 安城管罚〔2026〕1号", "incomplete decision number")


def is_legal_basis(value: str) -> bool:
    return bool(_visible(value)) and sum(1 for c in value if unicodedata.category(c).startswith("L")) >= 4


def is_decision_number(value: str) -> bool:
    return sum(1 for c in value if c.isalnum()) >= 2


def legal_basis(value: str) -> str:
    if not is_legal_basis(value):
        raise ValueError(t(*LEGAL_BASIS_TOO_SHORT))
    return value


def decision_number(value: str) -> str:
    if not is_decision_number(value):
        raise ValueError(t(*DECISION_NUMBER_INCOMPLETE))
    return value


PastDate = Annotated[date, AfterValidator(past_date), Field(
    description="a date that has happened: from 1949-10-01 to today (Asia/Shanghai)")]
DateSinceFounding = Annotated[date, AfterValidator(since_founding), Field(
    description="not before 1949-10-01 (may lie in the future)")]
Text = Annotated[str, AfterValidator(visible_text)]
# no length here: each field states its column's (a length set twice is enforced twice but documented once)
LegalBasis = Annotated[str, AfterValidator(visible_text), AfterValidator(legal_basis), Field(
    description="法律依据: the law and article, at least 4 letters")]
DecisionNumber = Annotated[str, AfterValidator(decision_number), Field(
    description="文书号: at least 2 letters or digits")]


def _unstorable(value: str) -> str | None:
    if "\x00" in value:
        return t("含有 NUL 字符（\\u0000）", "contains a NUL character (\\u0000)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return t("含有孤立的 UTF-16 代理字符", "contains a lone UTF-16 surrogate")
    return None


def _walk(value: Any, loc: list) -> list[dict]:
    if isinstance(value, str):
        problem = _unstorable(value)
        return [field_error(loc, problem, code="string_unstorable")] if problem else []
    if isinstance(value, dict):
        return [e for k, v in value.items() for e in _walk(k, [*loc, "<key>"]) + _walk(v, [*loc, k])]
    if isinstance(value, list):
        return [e for i, v in enumerate(value) for e in _walk(v, [*loc, i])]
    return []


class InputHygieneMiddleware:
    """422 for NUL or a lone surrogate anywhere in the path, the query or a JSON body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_query = scope.get("query_string", b"").decode("latin-1")
        errors = _walk(scope["path"], ["path"]) + _walk(unquote(raw_query, errors="surrogateescape"), ["query"])
        content_type = dict(scope["headers"]).get(b"content-type", b"").decode("latin-1")
        body, more = b"", True
        if "json" in content_type and scope["method"] in ("POST", "PUT", "PATCH"):
            chunks = []
            while more:
                message = await receive()
                chunks.append(message.get("body", b""))
                more = message.get("more_body", False)
            body = b"".join(chunks)
            try:
                errors += _walk(json.loads(body), ["body"])
            except ValueError:
                pass  # not JSON: the route's own validation answers
        if errors:
            await problem_response(422, t("输入含有无法保存的字符", "The input holds characters that cannot be "
                                                                  "stored"), errors=errors)(scope, receive, send)
            return
        if more:  # the body was not read here
            await self.app(scope, receive, send)
            return
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
