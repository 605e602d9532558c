"""Principals and their bearer tokens (issued by the gateway, verified by every service).

Claims: sub (client id), kind, org, region, scopes, name, iss, aud, iat, exp.
"""

from __future__ import annotations

import time
from enum import StrEnum
from typing import Annotated

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from govkit.errors import Forbidden, Unauthorized

ISSUER = "anyang-gateway"
AUDIENCE = "anyang-services"
CITY_REGION = "410500"


class PrincipalKind(StrEnum):
    department = "department"            # 政府部门 (incl. county governments / 管委会 by region)
    enterprise = "enterprise"            # 企业 (incl. supply-chain core enterprises by scope)
    person = "person"                    # 自然人
    financial_institution = "financial_institution"  # 银行、保险、担保机构
    public = "public"                    # 公众 (anonymous)


class Principal(BaseModel):
    sub: str = Field(description="client id")
    kind: PrincipalKind
    org: str = Field("", description="department code, USCC or ID number")
    region: str = Field(CITY_REGION, description="GB/T 2260 code: the city or a county/district/zone")
    scopes: list[str] = Field(default_factory=list)
    name: str = ""

    def has(self, scope: str) -> bool:
        return scope in self.scopes or "*" in self.scopes

    @property
    def is_anonymous(self) -> bool:
        return self.kind == PrincipalKind.public and not self.sub


ANONYMOUS = Principal(sub="", kind=PrincipalKind.public, org="", scopes=[])


def issue_token(secret: str, principal: Principal, ttl_seconds: int = 3600,
                now: int | None = None) -> str:
    now = int(time.time()) if now is None else now
    claims = principal.model_dump(mode="json") | {
        "iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + ttl_seconds}
    return jwt.encode(claims, secret, algorithm="HS256")


def decode_token(secret: str, token: str) -> Principal:
    try:
        claims = jwt.decode(token, secret, algorithms=["HS256"], audience=AUDIENCE, issuer=ISSUER)
    except jwt.ExpiredSignatureError as e:
        raise Unauthorized("令牌已过期，请重新获取", "Token expired, request a new one") from e
    except jwt.PyJWTError as e:
        raise Unauthorized(f"令牌无效：{e}", f"Invalid token: {e}") from e
    return Principal.model_validate(claims)


_bearer = HTTPBearer(auto_error=False, description="Token from the gateway's POST /auth/token")


async def optional_principal(
    request: Request,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if creds is None:
        return ANONYMOUS
    from govkit import context  # late: context imports this module

    principal = decode_token(request.app.state.settings.jwt_secret, creds.credentials)
    context.current().principal = principal
    return principal


async def current_principal(principal: Annotated[Principal, Depends(optional_principal)]) -> Principal:
    if principal.is_anonymous:
        raise Unauthorized("需要登录：请携带 Bearer 令牌", "Authentication required: send a Bearer token")
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]
OptionalPrincipalDep = Annotated[Principal, Depends(optional_principal)]


def require(principal: Principal, *, kinds: tuple[PrincipalKind, ...] = (), scope: str | None = None) -> None:
    """Refuse (403) unless the principal is of one of `kinds` and holds `scope`."""
    if kinds and principal.kind not in kinds:
        allowed = "、".join(k.value for k in kinds)
        raise Forbidden(f"此操作仅限：{allowed}", f"Only for: {', '.join(k.value for k in kinds)}")
    if scope and not principal.has(scope):
        raise Forbidden(f"缺少权限范围 {scope}", f"Missing scope {scope}")
