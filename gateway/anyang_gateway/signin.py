"""Sign-in for people: OpenID Connect authorization code with PKCE (RFC 7636) against the configured
identity provider (in production the province's unified identity platform).

`GET /auth/signin` sends the browser to the provider with a fresh state, nonce and S256 code
challenge; the three are kept in a short-lived cookie signed with the gateway's key (so any replica
can finish the flow). `GET /auth/signin/callback` exchanges the code with the verifier, verifies the ID
token (the provider's keys, issuer, audience, nonce, expiry), maps its verified claims to a principal
(`claims_to_principal`, the table in gateway/README.md) and answers with the gateway's own token.
Both routes exist only when GATEWAY_OIDC_ISSUER is set.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse

from anyang_gateway.context import log_event
from anyang_gateway.settings import GatewaySettings
from anyang_gateway.tokens import NO_STORE, OAuthError, TokenOut
from govkit import refdata
from govkit.auth import CITY_REGION, Principal, PrincipalKind, issue_token
from govkit.i18n import t
from govkit.ids import validate_resident_id, validate_uscc

router = APIRouter(tags=["auth"])
FLOW_COOKIE = "anyang_signin"
FLOW_AUDIENCE = "anyang-gateway-signin"  # never accepted by a service (their audience is anyang-services)
FLOW_SECONDS = 600
SCOPE = "openid profile anyang"

# Verified roles → scopes. A role not listed grants nothing.
ROLE_SCOPES: dict[str, list[str]] = {
    "supply_chain_core": ["credit.finance_query"],  # 供应链核心企业: authorised credit queries
}
ENTERPRISE_ROLES = frozenset({"enterprise_staff", "enterprise_admin"})


class SignInRefused(Exception):
    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status, self.error, self.description = status, error, description


def claims_to_principal(claims: dict[str, Any]) -> Principal:
    """The documented mapping (gateway/README.md, "Sign-in for people"):

    | verified claims | principal |
    | `uscc` valid and a role in `enterprise_staff`/`enterprise_admin` | enterprise, org = USCC |
    | else `resident_id` valid (GB 11643) | person, org = the ID number |
    | neither | refused (403) |
    `roles` add scopes by ROLE_SCOPES; `region` is kept when it is a known GB/T 2260 code of the city;
    `sub` is `oidc:` + a hash of issuer and subject (no personal data in logs and audit rows).
    """
    roles = {str(r) for r in claims.get("roles") or []}
    scopes = sorted({s for r in roles for s in ROLE_SCOPES.get(r, [])})
    region = str(claims.get("region") or "")
    region = region if refdata.is_region(region) else CITY_REGION
    sub = "oidc:" + hashlib.sha256(f"{claims['iss']}|{claims['sub']}".encode()).hexdigest()[:24]
    common = {"sub": sub, "region": region, "scopes": scopes, "name": str(claims.get("name") or "")}
    if claims.get("uscc") and roles & ENTERPRISE_ROLES:
        return Principal(kind=PrincipalKind.enterprise, org=_valid(validate_uscc, claims["uscc"]), **common)
    if claims.get("resident_id"):
        return Principal(kind=PrincipalKind.person, org=_valid(validate_resident_id, claims["resident_id"]),
                         **common)
    raise SignInRefused(403, "access_denied", t("身份提供方未提供可识别的身份（身份证号或统一社会信用代码）",
                                                "The identity provider gave no resident ID or USCC"))


def _valid(check, value: Any) -> str:
    try:
        return check(str(value))
    except ValueError as e:  # InvalidIdentifier says what is wrong
        raise SignInRefused(403, "access_denied", t(f"身份提供方的证件号无效：{e}",
                                                    f"The identity provider's ID is invalid: {e}")) from e


@dataclass
class Provider:
    """The identity provider's endpoints and keys, discovered from its issuer."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    keys: jwt.PyJWKSet

    @classmethod
    async def discover(cls, client: httpx.AsyncClient, issuer: str) -> Provider:
        meta = (await client.get(issuer.rstrip("/") + "/.well-known/openid-configuration")).raise_for_status().json()
        if meta["issuer"] != issuer:
            raise ValueError(f"the provider says its issuer is {meta['issuer']}, not {issuer}")
        keys = (await client.get(meta["jwks_uri"])).raise_for_status().json()
        return cls(issuer, meta["authorization_endpoint"], meta["token_endpoint"], jwt.PyJWKSet.from_dict(keys))


async def _provider(request: Request) -> Provider:
    state = request.app.state
    if getattr(state, "oidc_provider", None) is None:
        async with httpx.AsyncClient(timeout=10) as client:
            state.oidc_provider = await Provider.discover(client, state.settings.oidc_issuer)
    return state.oidc_provider


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _refusal(request: Request, refusal: SignInRefused) -> JSONResponse:
    log_event("refused", logging.INFO, status=refusal.status, reason=refusal.error,
              request_id=request.state.request_id, path=request.url.path)
    return JSONResponse({"error": refusal.error, "error_description": refusal.description},
                        status_code=refusal.status, headers=NO_STORE)


@router.get("/auth/signin", operation_id="gateway-signin", status_code=302, response_class=RedirectResponse,
            summary="个人/企业人员登录（跳转至统一身份认证） / Sign in a person through the identity provider",
            responses={302: {"description": "to the identity provider's authorization endpoint"}})
async def signin(request: Request):
    """Authorization code with PKCE (S256): the browser goes to the provider and comes back to
    `/auth/signin/callback`, which answers with a gateway token."""
    settings: GatewaySettings = request.app.state.settings
    provider = await _provider(request)
    state, nonce, verifier = secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48)
    query = urlencode({"response_type": "code", "client_id": settings.oidc_client_id,
                       "redirect_uri": settings.oidc_redirect_uri, "scope": SCOPE, "state": state,
                       "nonce": nonce, "code_challenge": _b64(hashlib.sha256(verifier.encode()).digest()),
                       "code_challenge_method": "S256"})
    key = request.app.state.token_keys.signing
    now = int(time.time())
    flow = jwt.encode({"aud": FLOW_AUDIENCE, "iat": now, "exp": now + FLOW_SECONDS, "state": state,
                       "nonce": nonce, "verifier": verifier}, key.private_key, algorithm="EdDSA",
                      headers={"kid": key.kid})
    response = RedirectResponse(f"{provider.authorization_endpoint}?{query}", status_code=302)
    response.set_cookie(FLOW_COOKIE, flow, max_age=FLOW_SECONDS, httponly=True, samesite="lax",
                        secure=settings.oidc_redirect_uri.startswith("https:"), path="/auth/signin")
    return response


def _flow(request: Request, state: str) -> dict[str, Any]:
    keys = request.app.state.token_keys
    try:
        kid = jwt.get_unverified_header(request.cookies.get(FLOW_COOKIE, ""))["kid"]
        flow = jwt.decode(request.cookies[FLOW_COOKIE], keys.verifier.keys[kid].key, algorithms=["EdDSA"],
                          audience=FLOW_AUDIENCE, options={"require": ["exp", "aud"]})
    except (jwt.PyJWTError, KeyError) as e:
        raise SignInRefused(400, "invalid_request", t("登录会话无效或已过期，请重新登录",
                                                      "Sign-in session missing or expired: start again")) from e
    if not secrets.compare_digest(flow["state"], state):
        raise SignInRefused(400, "invalid_request", t("state 不匹配", "state does not match"))
    return flow


@router.get("/auth/signin/callback", operation_id="gateway-signin-callback", response_model=TokenOut,
            summary="登录回调：换取网关令牌 / Sign-in callback: the gateway's token for the signed-in person",
            responses={400: {"model": OAuthError, "description": "invalid_request / invalid_grant"},
                       403: {"model": OAuthError, "description": "access_denied: no identity the platform knows"}})
async def signin_callback(request: Request, code: str = "", state: str = "", error: str = ""):
    settings: GatewaySettings = request.app.state.settings
    try:
        if error:
            raise SignInRefused(400, error, t("身份提供方拒绝了登录", "The identity provider refused the sign-in"))
        flow = _flow(request, state)
        provider = await _provider(request)
        async with httpx.AsyncClient(timeout=10) as client:
            answer = await client.post(provider.token_endpoint, data={
                "grant_type": "authorization_code", "code": code, "redirect_uri": settings.oidc_redirect_uri,
                "code_verifier": flow["verifier"]}, auth=(settings.oidc_client_id, settings.oidc_client_secret))
        if answer.status_code != 200:
            raise SignInRefused(400, "invalid_grant", t("授权码无效或已使用", "The code is invalid or used"))
        claims = _verified_id_token(provider, answer.json().get("id_token", ""), settings, flow["nonce"])
        principal = claims_to_principal(claims)
    except SignInRefused as refusal:
        return _refusal(request, refusal)
    token = issue_token(request.app.state.token_keys.signing, principal, settings.token_ttl_seconds)
    log_event("token_issued", client_id=principal.sub, kind=principal.kind.value, scopes=principal.scopes,
              request_id=request.state.request_id)
    body = TokenOut(access_token=token, expires_in=settings.token_ttl_seconds, scope=" ".join(principal.scopes))
    return JSONResponse(body.model_dump(), headers=NO_STORE)


def _verified_id_token(provider: Provider, id_token: str, settings: GatewaySettings, nonce: str) -> dict:
    try:
        kid = jwt.get_unverified_header(id_token).get("kid")
        key = provider.keys[kid] if kid else provider.keys.keys[0]
        claims = jwt.decode(id_token, key.key, algorithms=[key.algorithm_name], audience=settings.oidc_client_id,
                            issuer=provider.issuer, options={"require": ["exp", "iat", "iss", "aud", "sub"]})
    except (jwt.PyJWTError, KeyError) as e:
        raise SignInRefused(400, "invalid_grant", t(f"ID 令牌无效：{e}", f"Invalid ID token: {e}")) from e
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise SignInRefused(400, "invalid_grant", t("nonce 不匹配", "nonce does not match"))
    return claims
