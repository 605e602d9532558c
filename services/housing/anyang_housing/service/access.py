"""Who may act (spec housing: Access): the leading group office at 市住房城乡建设局 (scope housing.admin)
sees and decides everything; an applicant only its own application."""

from __future__ import annotations

from govkit.auth import Principal, PrincipalKind
from govkit.crypto import IdVault
from govkit.errors import Forbidden

ADMIN = "housing.admin"


def is_admin(p: Principal) -> bool:
    return p.kind == PrincipalKind.department and p.has(ADMIN)


def require_admin(p: Principal) -> None:
    if not is_admin(p):
        raise Forbidden(
            "需要市保障性租赁住房工作领导小组办公室（市住房城乡建设局，housing.admin）",
            "Requires the housing leading group office (scope housing.admin)",
        )


def vault_of(settings) -> IdVault:
    return IdVault(settings.id_encryption_keys, settings.id_hash_keys)


def is_the_person(p: Principal, vault: IdVault, stored_hash: str) -> bool:
    return p.kind == PrincipalKind.person and bool(p.org) and stored_hash in vault.lookup_hashes(p.org)
