"""Allocation: offers in queue order (targeted supply first), answers, leases and their filing, the
residence-permit proof (安政办〔2023〕7号 三（一）, 三（三）, 四（四）)."""

from __future__ import annotations

import uuid

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_housing.domain.allocation import REFUSAL_RULE, may_receive
from anyang_housing.domain.decision import Decision
from anyang_housing.domain.leases import monthly_rent_fen, residence_permit_proof
from anyang_housing.models import kit
from anyang_housing.models.applications import Application
from anyang_housing.models.leases import Lease, Offer
from anyang_housing.models.projects import Project, Unit
from anyang_housing.schemas.leases import LeaseIn, OfferIn
from anyang_housing.service.access import is_admin, is_operator, is_the_person
from anyang_housing.service.applications import next_in_queue
from anyang_housing.service.projects import RECOGNISED, _next_number, load
from govkit import audit
from govkit.auth import Principal, PrincipalKind
from govkit.clock import business_date, utcnow
from govkit.crypto import IdVault
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation
from govkit.i18n import t


def _applicant(a: Application) -> dict[str, str | None]:
    return {"employer_code": a.employer_code, "park_code": a.park_code, "system_code": a.system_code}


def _may_allocate(principal: Principal, p: Project) -> bool:
    if p.target == "talent":  # 人才公寓由原主管单位实施配租
        return principal.org == p.target_code and principal.kind in (PrincipalKind.department,
                                                                     PrincipalKind.enterprise)
    return is_admin(principal) or is_operator(principal, p.operator_code)


async def _pick(session: AsyncSession, p: Project) -> tuple[Application, Decision, int]:
    """The first eligible applicant in queue order who may receive this project's units; targeted
    employees first (三（一）: 优先或定向供应)."""
    queue = await next_in_queue(session)
    candidates = []
    for pos, a in enumerate(queue, 1):
        d = may_receive(target=p.target, target_mode=p.target_mode, target_code=p.target_code,
                        applicant=_applicant(a))
        if d:
            candidates.append((not d.facts["first"], pos, a, d))
    if not candidates:
        raise Conflict("轮候队列中没有可配租该项目的申请人", "Nobody in the queue may receive this project's units")
    _, pos, a, d = min(candidates, key=lambda c: (c[0], c[1]))
    return a, d, pos


async def make_offer(*, session: AsyncSession, principal: Principal, project_id: str, data: OfferIn) -> Offer:
    async with session.begin():
        p = await load(session, project_id)
        if not _may_allocate(principal, p):
            raise Forbidden("配租由项目运营机构（人才公寓由原主管单位）实施", "Offers are made by the operator "
                            "(talent apartments: by their managing authority)")
        if p.status not in RECOGNISED:
            raise Conflict("项目尚未取得认定书（或已退出），不能配租", "The project is not recognised")
        if p.rent_fen_per_m2 is None:
            raise Conflict("项目租金尚未备案，不能配租", "The project's rent is not filed yet")
        by = Unit.id == data.unit_id if data.unit_id else Unit.number == data.unit_number
        unit = (await session.execute(select(Unit).where(Unit.project_id == p.id, by))).scalars().first()
        if unit is None:
            which = data.unit_id or data.unit_number
            raise NotFound(f"项目中没有房源 {which}", f"No unit {which} in this project")
        if unit.status != "available":
            raise Conflict("该房源不可配租", "The unit is not available")
        if p.target == "talent":
            if not data.application_id:
                raise RuleViolation("人才公寓由主管单位指定申请 application_id", "Name the application_id",
                                    errors=[{"field": "application_id", "message": t("必填", "required")}])
            app = await session.get(Application, data.application_id)
            if app is None or app.queue_status != "waiting":
                raise Conflict("该申请不在轮候中", "The application is not waiting")
            basis = {"rule": "安政办〔2023〕7号 三（一）", "outcome": "talent_apartment",
                     "reason": "人才公寓由原主管单位按有关规定实施配租", "authority": principal.org}
        else:
            app, d, pos = await _pick(session, p)
            if data.application_id and data.application_id != app.id:
                raise Conflict("须按轮候顺序配租：所填申请不是队首", "Offers follow the queue: not the next applicant")
            basis = {"rule": d.basis, "outcome": d.outcome, "queue_position": pos,
                     "priority_tier": app.priority_tier, "targeted_first": d.facts["first"]}
        offer = Offer(id=str(uuid.uuid4()), application_id=app.id, unit_id=unit.id, project_id=p.id, status="open",
                      basis=basis, offered_by=principal.sub, offered_at=utcnow())
        unit.status, app.queue_status = "offered", "offered"
        session.add(offer)
        await session.flush()
        await audit.record(session, kit, "offer.make", "offer", offer.id,
                           {"application_id": app.id, "unit_id": unit.id} | basis)
    return offer


async def _offer(session: AsyncSession, offer_id: str) -> Offer:
    o = await session.get(Offer, offer_id)
    if o is None:
        raise NotFound(f"没有配租通知 {offer_id}", f"No offer {offer_id}")
    return o


async def answer_offer(*, session: AsyncSession, principal: Principal, vault: IdVault, offer_id: str,
                       accept: bool, reason: str = "") -> Offer:
    """The applicant accepts, or refuses (REFUSAL_RULE: back of their tier)."""
    async with session.begin():
        o = await _offer(session, offer_id)
        app = await session.get(Application, o.application_id)
        if not (is_the_person(principal, vault, app.applicant_id_hash) or is_admin(principal)):
            raise Forbidden("只有申请人本人可以答复配租", "Only the applicant answers an offer")
        if o.status != "open":
            raise Conflict(f"配租通知已{o.status}", f"The offer is {o.status}")
        now = utcnow()
        o.answered_at, o.reason = now, reason or None
        if accept:
            o.status = "accepted"
        else:
            o.status = "refused"
            unit = await session.get(Unit, o.unit_id)
            unit.status = "available"
            app.queue_status, app.queued_at = "waiting", now
        await audit.record(session, kit, "offer.accept" if accept else "offer.refuse", "offer", o.id,
                           {"reason": reason} if not accept else None)
    return o


async def sign_lease(*, session: AsyncSession, principal: Principal, vault: IdVault, offer_id: str,
                     data: LeaseIn) -> Lease:
    async with session.begin():
        o = await _offer(session, offer_id)
        p = await load(session, o.project_id)
        if not (_may_allocate(principal, p) or is_operator(principal, p.operator_code)):
            raise Forbidden("租赁合同由项目运营机构签订", "The operator signs the lease")
        if o.status != "accepted":
            raise Conflict("申请人接受配租后方可签约", "The applicant must accept the offer first")
        if data.end_on <= data.start_on:
            raise RuleViolation("租赁结束日期须晚于开始日期", "end_on must be after start_on",
                                errors=[{"field": "end_on", "message": t("早于开始日期", "before start_on")}])
        unit = await session.get(Unit, o.unit_id)
        app = await session.get(Application, o.application_id)
        id_number = vault.decrypt(app.applicant_id_encrypted)
        lease = Lease(id=str(uuid.uuid4()), offer_id=o.id, application_id=app.id, unit_id=unit.id, project_id=p.id,
                      tenant_id_hash=vault.lookup_hash(id_number), tenant_id_masked=app.applicant_id_masked,
                      tenant_name=app.applicant_name,
                      monthly_rent_fen=monthly_rent_fen(unit.floor_area_m2, p.rent_fen_per_m2),
                      start_on=data.start_on, end_on=data.end_on, status="active", signed_by=principal.sub,
                      signed_at=utcnow())
        o.status, unit.status, app.queue_status = "leased", "leased", "housed"
        session.add(lease)
        await session.flush()
        await audit.record(session, kit, "lease.sign", "lease", lease.id,
                           {"offer_id": o.id, "unit_id": unit.id, "monthly_rent_fen": lease.monthly_rent_fen})
    return lease


async def _lease(session: AsyncSession, lease_id: str) -> Lease:
    lease = await session.get(Lease, lease_id)
    if lease is None:
        raise NotFound(f"没有租赁合同 {lease_id}", f"No lease {lease_id}")
    return lease


async def file_lease(*, session: AsyncSession, principal: Principal, lease_id: str) -> Lease:
    """住房租赁合同备案: the operator or the housing office files it; the service gives the number."""
    async with session.begin():
        lease = await _lease(session, lease_id)
        p = await load(session, lease.project_id)
        if not (is_admin(principal) or is_operator(principal, p.operator_code)):
            raise Forbidden("由运营机构或市住房城乡建设局办理备案", "Filed by the operator or the housing office")
        if lease.filing_number:
            raise Conflict(f"已备案：{lease.filing_number}", f"Already filed: {lease.filing_number}")
        if lease.status != "active":
            raise Conflict("已终止的合同不能备案", "An ended lease cannot be filed")
        lease.filing_number = await _next_number(session, Lease.filing_number, "安保租赁备")
        lease.filed_on = business_date()
        await audit.record(session, kit, "lease.file", "lease", lease.id, {"filing_number": lease.filing_number})
    return lease


async def may_see_lease(session: AsyncSession, principal: Principal, vault: IdVault, lease: Lease) -> bool:
    if is_admin(principal) or is_the_person(principal, vault, lease.tenant_id_hash):
        return True
    p = await session.get(Project, lease.project_id)
    return is_operator(principal, p.operator_code)


async def get_lease(*, session: AsyncSession, principal: Principal, vault: IdVault, lease_id: str) -> Lease:
    lease = await _lease(session, lease_id)
    if not await may_see_lease(session, principal, vault, lease):
        raise Forbidden("只能查看本人的租赁合同", "Only your own lease")
    return lease


async def proof(*, session: AsyncSession, principal: Principal, vault: IdVault, lease_id: str) -> tuple:
    lease = await get_lease(session=session, principal=principal, vault=vault, lease_id=lease_id)
    d = residence_permit_proof(start_on=lease.start_on, end_on=lease.end_on, filing_number=lease.filing_number)
    if lease.status != "active":
        d = Decision(False, "lease_ended", d.basis, dict(d.facts) | {"ended_on": str(lease.ended_on)},
                     "租赁合同已终止", "The lease has ended")
    return lease, d


def _scope(principal: Principal, vault: IdVault, model, hash_column):
    """Rows of the caller: all for the office, the operator's projects, a person's own."""
    if is_admin(principal):
        return None
    if principal.kind == PrincipalKind.enterprise:
        return model.project_id.in_(select(Project.id).where(Project.operator_code == principal.org.upper()))
    if principal.kind == PrincipalKind.person:
        return hash_column.in_(vault.lookup_hashes(principal.org))
    raise Forbidden("无权查看", "Not allowed")


async def list_offers(*, session: AsyncSession, principal: Principal, vault: IdVault, limit: int, offset: int):
    cond = _scope(principal, vault, Offer, Application.applicant_id_hash)
    q = select(Offer).join(Application, Application.id == Offer.application_id)
    if cond is not None:
        q = q.where(cond)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(Offer.offered_at, Offer.id).limit(limit).offset(offset))
    return list(rows.scalars()), total


async def list_leases(*, session: AsyncSession, principal: Principal, vault: IdVault, limit: int, offset: int):
    cond = _scope(principal, vault, Lease, Lease.tenant_id_hash)
    q = select(Lease) if cond is None else select(Lease).where(cond)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(Lease.signed_at, Lease.id).limit(limit).offset(offset))
    return list(rows.scalars()), total


async def end_for_fraud(session: AsyncSession, person_hashes: list[str], case_id: str) -> dict:
    """A confirmed 骗取保障性租赁住房 ends the person's active leases and withdraws open offers, each audited
    (in the confirmation's transaction)."""
    today, now = business_date(), utcnow()
    app_ids = select(Application.id).where(Application.applicant_id_hash.in_(person_hashes))
    leases = (await session.execute(select(Lease).where(Lease.tenant_id_hash.in_(person_hashes),
                                                        Lease.status == "active"))).scalars().all()
    for lease in leases:
        lease.status, lease.ended_on, lease.end_reason = "ended", today, f"骗取保障性租赁住房（案件 {case_id}）"
        (await session.get(Unit, lease.unit_id)).status = "available"
        await audit.record(session, kit, "lease.end", "lease", lease.id, {"reason": "fraud", "case_id": case_id})
    offers = (await session.execute(select(Offer).where(Offer.application_id.in_(app_ids),
                                                        or_(Offer.status == "open", Offer.status == "accepted"))
                                    )).scalars().all()
    for o in offers:
        o.status, o.answered_at, o.reason = "withdrawn", now, f"骗取保障性租赁住房（案件 {case_id}）"
        (await session.get(Unit, o.unit_id)).status = "available"
        await audit.record(session, kit, "offer.withdraw", "offer", o.id, {"reason": "fraud", "case_id": case_id})
    return {"leases_ended": len(leases), "offers_withdrawn": len(offers)}


def refusal_rule() -> str:
    return t(*REFUSAL_RULE)

