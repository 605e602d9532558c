"""POST /auth/token: OAuth2 client credentials grant (RFC 6749 §4.4), errors as RFC 6749 §5.2."""

from __future__ import annotations

import base64
import binascii
import logging
from urllib.parse import unquote_plus

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from anyang_gateway.clients import ClientRegistry
from anyang_gateway.context import log_event
from anyang_gateway.settings import GatewaySettings
from govkit.auth import issue_token
from govkit.i18n import t

router = APIRouter(tags=["auth"])

# RFC 6749 §5.1: token responses must not be cached.
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
WWW_AUTHENTICATE = 'Basic realm="anyang-gateway", charset="UTF-8"'


class TokenOut(BaseModel):
    access_token: str
    token_type: str = Field("bearer", examples=["bearer"])
    expires_in: int = Field(description="seconds until the token expires")
    scope: str = Field(description="granted scopes, space-separated")


class OAuthError(BaseModel):
    error: str = Field(examples=["invalid_client"], description="RFC 6749 §5.2 error code")
    error_description: str


class OAuthRefusal(Exception):
    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status, self.error, self.description = status, error, description

    def response(self) -> JSONResponse:
        headers = dict(NO_STORE)
        if self.status == 401:
            headers["WWW-Authenticate"] = WWW_AUTHENTICATE
        return JSONResponse({"error": self.error, "error_description": self.description},
                            status_code=self.status, headers=headers)


def _basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    """client_id and secret from HTTP Basic; RFC 6749 §2.3.1 form-encodes both before base64."""
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as e:
        raise OAuthRefusal(401, "invalid_client",
                           t("Basic 认证头格式错误", "Malformed HTTP Basic credentials")) from e
    client_id, sep, secret = decoded.partition(":")
    if not sep:
        raise OAuthRefusal(401, "invalid_client",
                           t("Basic 认证头缺少密钥", "HTTP Basic credentials lack the secret"))
    return unquote_plus(client_id), unquote_plus(secret)


def _client_credentials(request: Request, form) -> tuple[str, str]:
    basic = _basic_credentials(request.headers.get("authorization"))
    form_id, form_secret = form.get("client_id"), form.get("client_secret")
    if basic is not None:
        # RFC 6749 §2.3: a client must not use more than one authentication method.
        if form_secret is not None or (form_id is not None and form_id != basic[0]):
            raise OAuthRefusal(400, "invalid_request",
                               t("客户端凭据只能用一种方式提供（Basic 认证头或表单）",
                                 "Send client credentials one way only (HTTP Basic or the form)"))
        return basic
    if not form_id or form_secret is None:
        raise OAuthRefusal(401, "invalid_client",
                           t("缺少客户端凭据：请提供 client_id 和 client_secret",
                             "Missing client credentials: send client_id and client_secret"))
    return str(form_id), str(form_secret)


_FORM_SCHEMA = {
    "type": "object",
    "required": ["grant_type"],
    "properties": {
        "grant_type": {"type": "string", "enum": ["client_credentials"]},
        "client_id": {"type": "string", "description": "or send it with HTTP Basic"},
        "client_secret": {"type": "string", "format": "password", "description": "or HTTP Basic"},
        "scope": {"type": "string", "description": "optional: space-separated subset of the client's scopes"},
    },
}


@router.post(
    "/auth/token", response_model=TokenOut, operation_id="gateway-issue-token",
    summary="获取访问令牌（OAuth2 客户端凭据） / Get a bearer token (OAuth2 client credentials)",
    responses={400: {"model": OAuthError, "description": "invalid_request / unsupported_grant_type / "
                                                          "invalid_scope"},
               401: {"model": OAuthError, "description": "invalid_client"}},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/x-www-form-urlencoded": {"schema": _FORM_SCHEMA}}}},
)
async def issue(request: Request) -> JSONResponse:
    settings: GatewaySettings = request.app.state.settings
    registry: ClientRegistry = request.app.state.clients
    client_id = None
    try:
        form = await request.form()
        grant_type = form.get("grant_type")
        if not grant_type:
            raise OAuthRefusal(400, "invalid_request", t("缺少 grant_type", "Missing grant_type"))
        if grant_type != "client_credentials":
            raise OAuthRefusal(400, "unsupported_grant_type",
                               t(f"不支持的授权类型 {grant_type}：仅支持 client_credentials",
                                 f"Unsupported grant_type {grant_type}: only client_credentials"))
        client_id, secret = _client_credentials(request, form)
        client = registry.authenticate(client_id, secret)
        if client is None:
            raise OAuthRefusal(401, "invalid_client",
                               t("客户端认证失败：client_id 或 client_secret 错误",
                                 "Client authentication failed: wrong client_id or client_secret"))
        granted = client.principal.scopes
        requested = str(form.get("scope") or "").split()
        if requested:
            unknown = [s for s in requested if s not in granted]
            if unknown:
                raise OAuthRefusal(400, "invalid_scope",
                                   t(f"该客户端无权申请以下权限范围：{' '.join(unknown)}",
                                     f"Scopes not granted to this client: {' '.join(unknown)}"))
            granted = [s for s in granted if s in requested]
    except OAuthRefusal as refusal:
        log_event("refused", logging.WARNING if refusal.status == 401 else logging.INFO,
                  status=refusal.status, reason=refusal.error, client_id=client_id,
                  ip=request.client.host if request.client else None,
                  request_id=request.state.request_id, path=request.url.path)
        return refusal.response()

    principal = client.principal.model_copy(update={"scopes": list(granted)})
    token = issue_token(request.app.state.token_keys.signing, principal, settings.token_ttl_seconds)
    log_event("token_issued", client_id=client_id, scopes=granted, request_id=request.state.request_id)
    body = TokenOut(access_token=token, expires_in=settings.token_ttl_seconds, scope=" ".join(granted))
    return JSONResponse(body.model_dump(), headers=NO_STORE)
