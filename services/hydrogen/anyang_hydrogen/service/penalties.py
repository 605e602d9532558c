"""Recording the 城市管理部门's penalty decisions (安政办〔2023〕2号 第二十六条); credit records them
as 行政处罚."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_hydrogen.domain import penalties as rules
from anyang_hydrogen.models import kit
from anyang_hydrogen.models.accidents import Accident
from anyang_hydrogen.models.penalties import Penalty
from anyang_hydrogen.models.stations import Station
from anyang_hydrogen.schemas.penalties import PenaltyIn
from anyang_hydrogen.service.access import is_county, is_regulator
from anyang_hydrogen.service.refusals import ensure
from anyang_hydrogen.service.stations import load_station
from govkit import audit
from govkit.auth import CITY_REGION, Principal, PrincipalKind
from govkit.clock import business_date, utcnow
from govkit.crypto import PersonRef
from govkit.errors import Conflict, Forbidden, NotFound, RuleViolation
from govkit.events import Outbox
from govkit.ids import InvalidIdentifier, validate_resident_id, validate_uscc


def decided_data(p: Penalty) -> dict:
    return {
        "penalty_id": p.id,
        "operator_code": p.operator_code,
        "operator_name": p.operator_name,
        "station_id": p.station_id,
        "decision_number": p.decision_number,
        "decided_on": p.decided_on.isoformat(),
        "department": p.department,
        "severity": p.severity,
        "legal_basis": p.legal_basis,
        "summary": p.summary,
        "amount_fen": p.amount_fen,
        "party_code": p.party_code,
        "party_name": p.party_name,
        "party_kind": p.party_kind,
        "station_name": p.station_name,
    }


async def decide_penalty(
    *, session: AsyncSession, principal: Principal, outbox: Outbox, person_ref: PersonRef, data: PenaltyIn
) -> Penalty:
    async with session.begin():
        if not (principal.kind == PrincipalKind.department and principal.has(rules.PENALTY_SCOPE)):
            raise Forbidden(
                f"违反《办法》的处罚由城市管理部门作出（{rules.BASIS}，scope {rules.PENALTY_SCOPE}）",
                f"Penalties for breaches of the 办法 are decided by the city management department "
                f"({rules.BASIS}, scope {rules.PENALTY_SCOPE})",
                extra={"basis": rules.BASIS},
            )
        station = await load_station(session, data.station_id)
        if principal.region != CITY_REGION and principal.region != station.region:
            raise Forbidden(f"县级城市管理部门只处罚本行政区域的违法行为（{rules.BASIS}）",
                            f"A county's city management department acts only in its own area ({rules.BASIS})")
        if data.accident_id is not None:
            accident = await session.get(Accident, data.accident_id)
            if accident is None:
                raise NotFound(f"没有事故 {data.accident_id}", f"No accident {data.accident_id}")
            if accident.station_id != station.id:
                raise RuleViolation(
                    "所引事故不属于该加氢站",
                    "The accident is not one of this station's",
                    errors=[{"field": "accident_id", "message": "other station"}],
                )
        articles = rules.check_violated_articles(data.violated_articles)
        if not articles:
            raise RuleViolation(
                articles.reason_zh,
                articles.reason_en,
                errors=[{"field": "violated_articles", "message": articles.reason}],
                extra={"basis": articles.basis},
            )
        ensure(rules.check_party(data.violated_articles, data.party_kind), field="party_kind")
        party_kind, party_code, party_name = _party(data, station, person_ref)
        if data.decided_on > business_date():
            raise RuleViolation(
                "处罚决定日期不能晚于今天",
                "decided_on cannot be in the future",
                errors=[{"field": "decided_on", "message": "in the future"}],
            )
        taken = await session.execute(
            select(Penalty.id).where(Penalty.decision_number == data.decision_number)
        )
        if taken.first() is not None:
            raise Conflict(
                f"处罚决定书文号 {data.decision_number} 已登记",
                f"Decision {data.decision_number} is already recorded",
            )
        penalty = Penalty(
            id=str(uuid.uuid4()),
            station_id=station.id,
            accident_id=data.accident_id,
            operator_code=station.operator_code,
            operator_name=station.operator_name,
            region=station.region,
            decision_number=data.decision_number,
            decided_on=data.decided_on,
            department=principal.org,
            severity=data.severity.value,
            violated_articles=sorted(set(data.violated_articles)),
            applied_provision=data.applied_provision.strip(),
            legal_basis=rules.legal_basis(data.violated_articles, data.applied_provision),
            summary=data.summary,
            amount_fen=data.amount_fen,
            created_at=utcnow(),
            party_kind=party_kind,
            party_code=party_code,
            party_name=party_name,
            station_name=station.name,
        )
        session.add(penalty)
        await session.flush()
        await outbox.emit(session, "hydrogen.penalty.decided", penalty.operator_code, decided_data(penalty))
        await audit.record(
            session,
            kit,
            "penalty.decide",
            "penalty",
            penalty.id,
            {"decision_number": penalty.decision_number, "station_id": station.id, "party_kind": party_kind},
        )
    return penalty


def _party(data: PenaltyIn, station: Station, person_ref: PersonRef) -> tuple[str, str, str]:
    """Who is penalised: the operator by default; another unit by its USCC; a person by PersonRef only (the ID
    number is neither stored nor sent)."""
    kind = data.party_kind or rules.PartyKind.operator
    if kind == rules.PartyKind.operator:
        return kind.value, station.operator_code, station.operator_name
    if not (data.party_code and data.party_name):
        raise RuleViolation("须填写被处罚人的代码和名称", "party_code and party_name are required for this party",
                            errors=[{"field": "party_code", "message": "required"}])
    try:
        if kind == rules.PartyKind.enterprise:
            return kind.value, validate_uscc(data.party_code), data.party_name
        return kind.value, person_ref.ref(validate_resident_id(data.party_code)), data.party_name
    except InvalidIdentifier as e:
        raise RuleViolation(str(e), str(e), errors=[{"field": "party_code", "message": str(e)}]) from None


async def get_penalty(*, session: AsyncSession, principal: Principal, penalty_id: str) -> Penalty:
    penalty = await session.get(Penalty, penalty_id)
    if penalty is None:
        raise NotFound(f"没有处罚决定 {penalty_id}", f"No penalty {penalty_id}")
    if (
        is_regulator(principal)
        or (is_county(principal) and penalty.region == principal.region)
        or (principal.kind == PrincipalKind.enterprise and principal.org == penalty.operator_code)
    ):
        return penalty
    raise Forbidden("无权查看该处罚决定", "Not allowed to see this penalty decision")


async def list_penalties(
    *, session: AsyncSession, principal: Principal, limit: int, offset: int
) -> tuple[list[Penalty], int]:
    q = select(Penalty)
    if is_regulator(principal):
        pass
    elif is_county(principal):
        q = q.where(Penalty.region == principal.region)
    elif principal.kind == PrincipalKind.enterprise:
        q = q.where(Penalty.operator_code == principal.org)
    else:
        raise Forbidden("需要城镇燃气主管部门或经营企业", "Requires the gas authority or an operator")
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(
        q.order_by(Penalty.decided_on.desc(), Penalty.id).limit(limit).offset(offset)
    )
    return list(rows.scalars()), total
