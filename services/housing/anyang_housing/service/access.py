"""Who may act (spec housing: Access).

- The leading group office at 市住房城乡建设局 (scope housing.admin): everything; approves recognition.
- District and county governments (kind department, scope housing.region, their region from the token):
  the joint review (市区) or the county's own recognition, and construction plans, for their area only.
- Operators (enterprise, org = the project's operator USCC): their projects, units, rents, offers, leases.
- Applicants (person, org = ID number): their own application, queue position and lease.
- The public: recognised projects with rents and available units (no login).
"""

from __future__ import annotations

from govkit.auth import Principal, PrincipalKind
from govkit.crypto import IdVault, PersonRef
from govkit.errors import Forbidden

ADMIN = "housing.admin"
REGION = "housing.region"


def is_admin(p: Principal) -> bool:
    return p.kind == PrincipalKind.department and p.has(ADMIN)


def require_admin(p: Principal) -> None:
    if not is_admin(p):
        raise Forbidden(
            "需要市保障性租赁住房工作领导小组办公室（市住房城乡建设局，housing.admin）",
            "Requires the housing leading group office (scope housing.admin)",
        )


def is_region_government(p: Principal, region: str) -> bool:
    """The district or county government (or 管委会) of `region`, by the region in its token."""
    return p.kind == PrincipalKind.department and p.has(REGION) and p.region == region


def is_operator(p: Principal, operator_code: str) -> bool:
    return p.kind == PrincipalKind.enterprise and p.org.upper() == operator_code.upper()


def vault_of(settings) -> IdVault:
    return IdVault(settings.id_encryption_keys, settings.id_hash_keys)


def person_ref_of(settings) -> PersonRef:
    return PersonRef(settings.person_ref_keys)


def is_the_person(p: Principal, vault: IdVault, stored_hash: str) -> bool:
    return p.kind == PrincipalKind.person and bool(p.org) and stored_hash in vault.lookup_hashes(p.org)
