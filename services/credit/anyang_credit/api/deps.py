"""Typed dependencies of the credit routers."""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import Depends, Request

from anyang_credit.service.subjects import vault_of
from govkit.crypto import IdVault
from govkit.events.outbox import Outbox
from govkit.pagination import Page, PageParams

T = TypeVar("T")


def _vault(request: Request) -> IdVault:
    """The app's ID vault (encryption and keyed look-up hashes of ID numbers), built once."""
    state = request.app.state
    cached = getattr(state, "credit_vault", None)
    if cached is None:
        cached = state.credit_vault = vault_of(state.settings)
    return cached


def _outbox(request: Request) -> Outbox:
    return request.app.state.outbox


VaultDep = Annotated[IdVault, Depends(_vault)]
OutboxDep = Annotated[Outbox, Depends(_outbox)]


def page_of(items: list[T], page: PageParams) -> Page[T]:
    """A page of a collection already in memory (short collections: one subject's, one department's)."""
    return Page(items=items[page.offset:page.offset + page.limit], total=len(items), limit=page.limit,
                offset=page.offset)
