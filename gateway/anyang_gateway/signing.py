"""The gateway's token signing keys and their public half, served as a JWK Set (RFC 7517)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from anyang_gateway.settings import GatewaySettings
from govkit.auth import JWKS_PATH, TEST_KEY_ID, KeySet, SigningKey, jwks

log = logging.getLogger("gateway")
router = APIRouter(tags=["auth"])


def load_signing_keys(settings: GatewaySettings) -> list[SigningKey]:
    """The configured keys (first signs); else the test key (ENV=test) or a key made now (development)."""
    keys = [SigningKey.from_pem(path.read_bytes()) for path in settings.signing_key_files]
    if settings.env != "test" and any(k.kid == TEST_KEY_ID for k in keys):
        raise ValueError("the test signing key is refused outside ENV=test")
    if keys:
        return keys
    if settings.env == "test":
        from govkit.testing.keys import TEST_KEY  # test support, loaded only under ENV=test

        return [TEST_KEY]
    log.warning("no GATEWAY_SIGNING_KEY_FILES: signing with a key made at start (tokens die with this process)")
    return [SigningKey.generate()]


class TokenKeys:
    def __init__(self, keys: list[SigningKey]) -> None:
        self.signing = keys[0]
        self.published = jwks(keys)
        self.verifier = KeySet(self.published)


@router.get(JWKS_PATH, include_in_schema=False)  # a well-known document (RFC 8615), for the services
async def public_keys(request: Request) -> JSONResponse:
    keys: TokenKeys = request.app.state.token_keys
    return JSONResponse(keys.published, headers={"Cache-Control": "public, max-age=300"})
