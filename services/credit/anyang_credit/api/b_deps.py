"""Request helpers of the part-B routers."""

from __future__ import annotations

from fastapi import Request

from anyang_credit.service.subjects import vault_of
from govkit.crypto import IdVault


def vault(request: Request) -> IdVault:
    state = request.app.state
    cached = getattr(state, "credit_vault", None)
    if cached is None:
        cached = state.credit_vault = vault_of(state.settings)
    return cached
