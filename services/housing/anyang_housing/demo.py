"""Demo data for `make run` (idempotent): an application of 示范市民 (person-demo, ID 410502198506150026)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from anyang_housing.models.applications import Application
from anyang_housing.schemas.applications import ApplicationIn
from anyang_housing.service.access import vault_of
from anyang_housing.service.applications import submit_application
from govkit import context
from govkit.auth import Principal, PrincipalKind

APPLICANT = Principal(
    sub="person-demo", kind=PrincipalKind.person, org="410502198506150026", region="410502", name="示范市民"
)


async def load_demo(app) -> None:
    vault = vault_of(app.state.settings)
    async with app.state.sessionmaker() as session:
        hashes = vault.lookup_hashes(APPLICANT.org)
        if (
            await session.execute(select(Application.id).where(Application.applicant_id_hash.in_(hashes)))
        ).first():
            return
    token = context.bind(context.RequestContext(request_id="demo", principal=APPLICANT))
    try:
        async with app.state.sessionmaker() as session:
            # a household of 3 owning one 42 ㎡ flat in the city area: 14.00 ㎡ per person, below 15 → tier 3
            await submit_application(
                session=session,
                principal=APPLICANT,
                vault=vault,
                data=ApplicationIn(
                    applicant_name="示范市民",
                    id_number=APPLICANT.org,
                    household_members=3,
                    owned_areas_m2=[Decimal("42")],
                    new_citizen=False,
                    applied_on=date(2023, 3, 1),
                ),
            )
    finally:
        context.reset(token)
