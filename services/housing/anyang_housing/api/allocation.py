"""Offers in queue order, answers, leases with their filing, and the residence-permit proof
(安政办〔2023〕7号 三（一）, 四（四）)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from anyang_housing.api.common import created, verdict
from anyang_housing.models.leases import Lease, Offer
from anyang_housing.schemas.leases import (
    LeaseIn,
    LeaseOut,
    OfferIn,
    OfferOut,
    RefusalIn,
    ResidencePermitProof,
)
from anyang_housing.schemas.vocab import LEASE_STATUS_LABELS, OFFER_STATUS_LABELS
from anyang_housing.service import allocation as svc
from anyang_housing.service.access import vault_of
from govkit.auth import PrincipalDep
from govkit.db import SessionDep
from govkit.pagination import Page, PageDep

router = APIRouter(tags=["allocation"])


def offer_out(o: Offer) -> OfferOut:
    return OfferOut(id=o.id, application_id=o.application_id, unit_id=o.unit_id, project_id=o.project_id,
                    status=o.status, status_label=OFFER_STATUS_LABELS[o.status], basis=o.basis,
                    offered_at=o.offered_at, answered_at=o.answered_at, reason=o.reason,
                    rule=svc.refusal_rule() if o.status == "refused" else None)


def lease_out(x: Lease) -> LeaseOut:
    return LeaseOut(id=x.id, offer_id=x.offer_id, application_id=x.application_id, unit_id=x.unit_id,
                    project_id=x.project_id, tenant_name=x.tenant_name, tenant_id_masked=x.tenant_id_masked,
                    monthly_rent_fen=x.monthly_rent_fen, start_on=x.start_on, end_on=x.end_on, status=x.status,
                    status_label=LEASE_STATUS_LABELS[x.status], filing_number=x.filing_number, filed_on=x.filed_on,
                    ended_on=x.ended_on, end_reason=x.end_reason)


@router.post("/projects/{project_id}/offers", status_code=201, response_model=OfferOut,
             summary="配租：按轮候顺序发出配租通知 / Offer a unit to the next applicant in the queue")
async def make_offer(project_id: str, body: OfferIn, request: Request, response: Response, session: SessionDep,
                     principal: PrincipalDep) -> OfferOut:
    """The operator offers an available unit of its recognised project with a filed rent to the first
    applicant in queue order (tier, then application time); park, employer and system housing goes first
    (or only) to its eligible employees; talent apartments are offered by their managing authority to the
    application it names (三（一）).
    Example caller: ent-demo1 for its project."""
    o = await svc.make_offer(session=session, principal=principal, project_id=project_id, data=body)
    created(request, response, f"/offers/{o.id}")
    return offer_out(o)


@router.get("/offers", response_model=Page[OfferOut],
            summary="配租通知 / Offers (office: all; operator: its projects; applicant: their own)")
async def list_offers(request: Request, session: SessionDep, principal: PrincipalDep,
                      page: PageDep) -> Page[OfferOut]:
    rows, total = await svc.list_offers(session=session, principal=principal,
                                        vault=vault_of(request.app.state.settings), limit=page.limit,
                                        offset=page.offset)
    return Page(items=[offer_out(o) for o in rows], total=total, limit=page.limit, offset=page.offset)


@router.post("/offers/{offer_id}/acceptance", response_model=OfferOut,
             summary="接受配租 / The applicant accepts the offer")
async def accept_offer(offer_id: str, request: Request, session: SessionDep, principal: PrincipalDep) -> OfferOut:
    return offer_out(await svc.answer_offer(session=session, principal=principal,
                                            vault=vault_of(request.app.state.settings), offer_id=offer_id,
                                            accept=True))


@router.post("/offers/{offer_id}/refusal", response_model=OfferOut,
             summary="拒绝配租（回到本优先级末尾） / Refuse the offer (back of the tier, rule stated)")
async def refuse_offer(offer_id: str, body: RefusalIn, request: Request, session: SessionDep,
                       principal: PrincipalDep) -> OfferOut:
    """Example caller: person-demo for an offer made to them."""
    return offer_out(await svc.answer_offer(session=session, principal=principal,
                                            vault=vault_of(request.app.state.settings), offer_id=offer_id,
                                            accept=False, reason=body.reason))


@router.post("/offers/{offer_id}/lease", status_code=201, response_model=LeaseOut,
             summary="签订租赁合同 / Sign the lease of an accepted offer (operator)")
async def sign_lease(offer_id: str, body: LeaseIn, request: Request, response: Response, session: SessionDep,
                     principal: PrincipalDep) -> LeaseOut:
    """Example caller: ent-demo1 for an offer of its project."""
    lease = await svc.sign_lease(session=session, principal=principal, vault=vault_of(request.app.state.settings),
                                 offer_id=offer_id, data=body)
    created(request, response, f"/leases/{lease.id}")
    return lease_out(lease)


@router.post("/leases/{lease_id}/filing", response_model=LeaseOut,
             summary="租赁合同备案 / File the lease (a filing number is given)")
async def file_lease(lease_id: str, session: SessionDep, principal: PrincipalDep) -> LeaseOut:
    return lease_out(await svc.file_lease(session=session, principal=principal, lease_id=lease_id))


@router.get("/leases", response_model=Page[LeaseOut],
            summary="租赁合同 / Leases (office: all; operator: its projects; tenant: their own)")
async def list_leases(request: Request, session: SessionDep, principal: PrincipalDep,
                      page: PageDep) -> Page[LeaseOut]:
    rows, total = await svc.list_leases(session=session, principal=principal,
                                        vault=vault_of(request.app.state.settings), limit=page.limit,
                                        offset=page.offset)
    return Page(items=[lease_out(x) for x in rows], total=total, limit=page.limit, offset=page.offset)


@router.get("/leases/{lease_id}", response_model=LeaseOut, summary="一份租赁合同 / One lease")
async def get_lease(lease_id: str, request: Request, session: SessionDep, principal: PrincipalDep) -> LeaseOut:
    return lease_out(await svc.get_lease(session=session, principal=principal,
                                         vault=vault_of(request.app.state.settings), lease_id=lease_id))


@router.get("/leases/{lease_id}/residence-permit-proof", response_model=ResidencePermitProof,
            summary="居住证申领证明 / Proof that a filed lease of half a year or more qualifies (四（四）)")
async def residence_permit_proof(lease_id: str, request: Request, session: SessionDep,
                                 principal: PrincipalDep) -> ResidencePermitProof:
    """半年以上住房租赁备案合同: 以上 includes half a year; both the start and the end date count
    (2023-03-01 to 2023-08-31 is half a year)."""
    lease, d = await svc.proof(session=session, principal=principal, vault=vault_of(request.app.state.settings),
                               lease_id=lease_id)
    return ResidencePermitProof(lease_id=lease.id, tenant_name=lease.tenant_name,
                                tenant_id_masked=lease.tenant_id_masked, qualifies=d.value, verdict=verdict(d))
