"""Gateway settings (env prefix GATEWAY_)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, PrivateAttr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_CLIENTS_FILE = Path(__file__).resolve().parent.parent / "clients.dev.yaml"

DEFAULT_SERVICES = {
    "credit": "http://127.0.0.1:8001",
    "hydrogen": "http://127.0.0.1:8002",
    "awards": "http://127.0.0.1:8003",
    "tasks": "http://127.0.0.1:8004",
    "housing": "http://127.0.0.1:8005",
}


class GatewaySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", populate_by_name=True, extra="ignore")

    env: str = Field("development", description="development | test | production ('production' refuses "
                                                 "the development defaults)")
    services: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_SERVICES),
        description="service name → base URL, or the base URLs of its replicas (a JSON list or comma-separated): "
                    "requests are spread round-robin and a replica that refuses the connection is skipped. "
                    "JSON in GATEWAY_SERVICES. Health and the merged OpenAPI ask the first URL.")
    signing_key_files: list[Path] = Field(
        default_factory=list,
        description="Ed25519 private keys (PEM): the first signs tokens, all are published in the JWKS "
                    "(rotation: put the new key first, drop the old one once its tokens have expired). "
                    "None: a key made at start (development) or the test key (test)")
    clients_file: Path = DEV_CLIENTS_FILE
    token_ttl_seconds: int = Field(3600, gt=0)
    connect_timeout_seconds: float = Field(2.0, gt=0)
    read_timeout_seconds: float = Field(30.0, gt=0)
    pool_timeout_seconds: float = Field(5.0, gt=0, description="wait for a free upstream connection")
    max_connections: int = Field(512, gt=0, description="upstream connections, all services together")
    max_connections_per_upstream: int = Field(
        256, gt=0, description="per base URL; above the load's concurrency, else requests queue for a connection")
    keepalive_seconds: float = Field(
        4.0, gt=0, description="idle upstream connections are closed after this; below the services' "
                               "keep-alive timeout (uvicorn: 5 s) so the gateway never reuses one being closed")
    max_body_bytes: int = Field(10 * 1024 * 1024, gt=0)
    rate_limit_per_minute: int = Field(600, gt=0, description="per client (token sub) or per IP, unless the "
                                                               "clients file gives the client its own")
    rate_limit_storage_url: str | None = Field(
        None, description="async+redis://host:6379/0: counters shared by every gateway replica (else in memory)")
    rate_limit_key_prefix: str = Field("anyang-gateway", description="prefix of the counters' Redis keys")
    oidc_issuer: str = Field("", description="sign-in for people: the OpenID Connect provider's issuer URL "
                                             "(the province's unified identity platform); empty: no sign-in")
    oidc_client_id: str = ""
    oidc_client_secret: str = ""
    oidc_redirect_uri: str = Field("", description="this gateway's /auth/signin/callback as the provider knows it")
    trusted_proxies: list[str] = Field(
        default_factory=list, description="addresses or networks (CIDR) of the load balancers in front: only "
                                          "their X-Forwarded-For / -Proto are believed")
    cors_origins: list[str] = Field(default_factory=lambda: ["*"])
    health_timeout_seconds: float = Field(2.0, gt=0)
    openapi_cache_seconds: float = Field(30.0, ge=0)
    openapi_timeout_seconds: float = Field(5.0, gt=0)

    _upstreams: dict[str, tuple[str, ...]] = PrivateAttr(default_factory=dict)

    @field_validator("services", mode="before")
    @classmethod
    def _replica_lists(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: ",".join(v) if isinstance(v, list | tuple) else v for k, v in value.items()}
        return value

    @property
    def upstreams(self) -> dict[str, tuple[str, ...]]:
        """service name → the base URLs of its replicas (one or more)."""
        return self._upstreams

    @property
    def is_production(self) -> bool:
        return self.env.lower() in ("production", "prod")

    @model_validator(mode="after")
    def _refuse_unsafe_defaults(self) -> GatewaySettings:
        for name in self.services:
            if not name.isidentifier() or not name.islower():
                raise ValueError(f"service name {name!r} must be a lowercase identifier")
        self._upstreams = {name: tuple(u.strip().rstrip("/") for u in urls.split(",") if u.strip())
                           for name, urls in self.services.items()}
        for name, urls in self._upstreams.items():
            if not urls:
                raise ValueError(f"service {name!r} has no base URL")
        self.services = {name: urls[0] for name, urls in self._upstreams.items()}
        if self.is_production:
            if not self.signing_key_files:
                raise ValueError("GATEWAY_SIGNING_KEY_FILES must name the token signing keys in production")
            if self.clients_file.resolve() == DEV_CLIENTS_FILE:
                raise ValueError("GATEWAY_CLIENTS_FILE must point at the production clients file")
        return self
