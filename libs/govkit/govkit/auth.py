"""Principals and their bearer tokens (signed by the gateway, verified by every service).

Tokens are asymmetric (EdDSA over Ed25519, RFC 8037): only the gateway holds a private key; services
verify with the public keys of the gateway's JWKS (`GET /.well-known/jwks.json`), cached and chosen
by the token's `kid`, so a new key is picked up without a restart. Claims: sub (client id), kind,
org, region, scopes, name, and the required iss, aud, iat, exp (a token without one is refused).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

import httpx
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import Depends, FastAPI, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from jwt.algorithms import OKPAlgorithm
from pydantic import BaseModel, Field

from govkit.errors import Forbidden, Unauthorized

log = logging.getLogger("govkit.auth")

ISSUER = "anyang-gateway"
AUDIENCE = "anyang-services"
CITY_REGION = "410500"
ALGORITHM = "EdDSA"
REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub"]
JWKS_PATH = "/.well-known/jwks.json"
# kid of govkit.testing.keys.TEST_KEY: trusted only when ENV=test, refused by a gateway outside it
TEST_KEY_ID = "rwux2u8XmeFZp55E2o38-cnDemF445zVos19hXdiR5Q"


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



def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class SigningKey:
    """An Ed25519 private key; its `kid` is the RFC 7638 thumbprint of the public key."""

    private_key: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_pem(cls, pem: str | bytes) -> SigningKey:
        key = serialization.load_pem_private_key(pem.encode() if isinstance(pem, str) else pem, password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("the signing key must be an Ed25519 private key (openssl genpkey -algorithm ed25519)")
        return cls(key)

    def private_pem(self) -> str:
        return self.private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                              serialization.NoEncryption()).decode("ascii")

    @property
    def kid(self) -> str:
        jwk = OKPAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        canonical = json.dumps({k: jwk[k] for k in ("crv", "kty", "x")}, separators=(",", ":"), sort_keys=True)
        return _b64url(hashlib.sha256(canonical.encode()).digest())

    def public_jwk(self) -> dict[str, str]:
        jwk = OKPAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        return jwk | {"kid": self.kid, "alg": ALGORITHM, "use": "sig"}


def issue_token(key: SigningKey, principal: Principal, ttl_seconds: int = 3600,
                now: int | None = None) -> str:
    now = int(time.time()) if now is None else now
    claims = principal.model_dump(mode="json") | {
        "iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + ttl_seconds}
    return jwt.encode(claims, key.private_key, algorithm=ALGORITHM, headers={"kid": key.kid})


def jwks(keys: list[SigningKey]) -> dict[str, list[dict[str, str]]]:
    """The public half of `keys` as a JWK Set (RFC 7517)."""
    return {"keys": [k.public_jwk() for k in keys]}


def _kid_of(token: str) -> str:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as e:
        raise Unauthorized(f"令牌无效：{e}", f"Invalid token: {e}") from e
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise Unauthorized("令牌无效：缺少密钥标识 kid", "Invalid token: no key id (kid)")
    return kid


def _verify_with(key: jwt.PyJWK | None, token: str) -> Principal:
    if key is None:
        raise Unauthorized("令牌无效：签名密钥未知", "Invalid token: unknown signing key")
    try:
        claims = jwt.decode(token, key.key, algorithms=[key.algorithm_name], audience=AUDIENCE, issuer=ISSUER,
                            options={"require": REQUIRED_CLAIMS})
    except jwt.ExpiredSignatureError as e:
        raise Unauthorized("令牌已过期，请重新获取", "Token expired, request a new one") from e
    except jwt.PyJWTError as e:
        raise Unauthorized(f"令牌无效：{e}", f"Invalid token: {e}") from e
    return Principal.model_validate(claims)


class KeySet:
    """Public keys by kid, verifying tokens offline (the gateway verifies the tokens it issued)."""

    def __init__(self, jwk_set: dict[str, Any] | None = None) -> None:
        self.keys: dict[str, jwt.PyJWK] = {
            raw["kid"]: jwt.PyJWK(raw) for raw in (jwk_set or {}).get("keys", [])
            if raw.get("use", "sig") == "sig" and raw.get("kid")}

    def verify(self, token: str) -> Principal:
        return _verify_with(self.keys.get(_kid_of(token)), token)


class TokenVerifier:
    """A service's view of the gateway's keys: the JWKS at `jwks_url`, fetched on first use, refetched
    when a token names an unknown kid or the cache is older than `cache_seconds` (at most once every
    `min_refetch_seconds`; a failed fetch keeps the keys already known). `trusted` keys (the test key
    when ENV=test) are accepted without a fetch."""

    def __init__(self, jwks_url: str | None, *, trusted: dict[str, Any] | None = None,
                 cache_seconds: float = 300.0, min_refetch_seconds: float = 5.0,
                 timeout_seconds: float = 5.0) -> None:
        self.jwks_url = jwks_url
        self.trusted = KeySet(trusted)
        self.fetched = KeySet()
        self.cache_seconds, self.min_refetch_seconds = cache_seconds, min_refetch_seconds
        self.timeout_seconds = timeout_seconds
        self._fetched_at: float | None = None
        self._attempted_at: float | None = None
        self._lock = asyncio.Lock()

    def _key(self, kid: str) -> jwt.PyJWK | None:
        return self.trusted.keys.get(kid) or self.fetched.keys.get(kid)

    def _stale(self) -> bool:
        return self._fetched_at is None or time.monotonic() - self._fetched_at > self.cache_seconds

    async def verify(self, token: str) -> Principal:
        kid = _kid_of(token)
        if self.jwks_url and kid not in self.trusted.keys and (self._stale() or self._key(kid) is None):
            await self._refresh(kid)
        return _verify_with(self._key(kid), token)

    async def _refresh(self, kid: str) -> None:
        async with self._lock:
            now = time.monotonic()
            if self._attempted_at is not None and now - self._attempted_at < self.min_refetch_seconds:
                return
            if not self._stale() and self._key(kid) is not None:
                return  # fetched by a concurrent request meanwhile
            self._attempted_at = now
            try:
                async with httpx.AsyncClient(timeout=self.timeout_seconds) as client:
                    response = await client.get(self.jwks_url)
                    response.raise_for_status()
                    self.fetched = KeySet(response.json())
            except (httpx.HTTPError, ValueError, jwt.PyJWTError) as e:  # the gateway may be restarting
                log.warning("JWKS fetch from %s failed: %s", self.jwks_url, e)
                return
            self._fetched_at = now


def verifier_for(settings: Any) -> TokenVerifier:
    """The verifier a service builds from its settings; the test key is trusted only when ENV=test."""
    trusted = None
    if getattr(settings, "env", "") == "test":
        from govkit.testing.keys import TEST_KEY  # late: test support, never loaded outside ENV=test

        trusted = jwks([TEST_KEY])
    return TokenVerifier(getattr(settings, "jwks_url", None), trusted=trusted)


def token_verifier(app: FastAPI) -> TokenVerifier:
    verifier = getattr(app.state, "token_verifier", None)
    if verifier is None:
        verifier = app.state.token_verifier = verifier_for(app.state.settings)
    return verifier


_bearer = HTTPBearer(auto_error=False, description="Token from the gateway's POST /auth/token")


async def optional_principal(
    request: Request,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if creds is None:
        return ANONYMOUS
    from govkit import context  # late: context imports this module

    principal = await token_verifier(request.app).verify(creds.credentials)
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
