"""Credit records made from other services' events (each handler runs inside the consumer's transaction;
the inbox makes delivery exactly-once, and each effect is idempotent by itself: the record's key is the
department + decision number).

Expected `data` of each consumed event (version 1; producers are written to match):

- ``awards.honor.granted`` (安政〔2023〕2号 二（一）1: 行政奖励 is one of the 十公示):
  {honour_id, round_id, year, category, category_label, title, entity_code (USCC), entity_name,
  person_name?, granted_on (YYYY-MM-DD), granted_by (department code, default gxj)}
  → an administrative_reward record against entity_code, department gxj (市工信局, the awards office),
  decision number = honour_id, published at once.
- ``awards.honor.revoked``: {honour_id, entity_code, revoked_on, reason}
  → that record is withdrawn (history kept); nothing happens when it is unknown or already withdrawn.
- ``housing.fraud.confirmed`` (安政〔2023〕2号 二（五）4, 骗取保障性住房):
  {case_id, person_ref (govkit.crypto.PersonRef, platform-wide key), person_id_masked, person_name,
  decision_number, decided_on, department (default zjj), facts}
  → a dishonesty record against the person found by person_ref, published at once (masked).
- ``hydrogen.penalty.decided`` (安政办〔2023〕2号 第二十六条):
  {penalty_id, party_code? / party_name? (the party penalised; additive), operator_code (USCC), operator_name,
  station_id, station_name? (additive), decision_number, decided_on,
  department (default cgj), severity (minor | general | serious; 轻微/一般/严重 accepted), legal_basis,
  summary, amount_fen}
  → an administrative_penalty record against party_code (else the operator), titled with the station's name,
  published at once; its 7-working-day deadline
  is tracked like any other (an event that arrives late makes the record `overdue_reported_late`).

A malformed event raises, is retried and then dead-lettered visibly (never dropped silently).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from anyang_credit.domain.vocab import AWARDS, CP, PenaltySeverity, RecordCategory, SubjectKind
from anyang_credit.models import kit
from anyang_credit.models.subjects import Subject
from anyang_credit.service.records import apply_withdrawal, find_record, new_record
from anyang_credit.service.subjects import find_person_by_ref, get_or_create_subject, session_vault
from govkit import audit
from govkit.clock import utcnow
from govkit.events import Event

# the award rounds are run by the leading group office housed in 市工信局 (安政办〔2023〕4号 第十三条),
# which therefore reports the 行政奖励 record and its withdrawal; `granted_by` (市委、市政府 / 市政府) is content
AWARDS_OFFICE = "gxj"
BASIS_REWARD = f"{CP} 二（一）1 (十公示: 行政奖励); {AWARDS}"
BASIS_HOUSING = f"{CP} 二（五）4 (骗取保障性住房等失信行为记入信用记录); 安政办〔2023〕7号"
BASIS_HYDROGEN = "安政办〔2023〕2号 第二十六条"
SEVERITY_ALIASES = {"轻微": "minor", "一般": "general", "严重": "serious", "较重": "serious"}

def _date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _provenance(event: Event) -> dict:
    return {"event_id": event.id, "event_type": event.type, "event_source": event.source}


async def on_honor_granted(session: AsyncSession, event: Event) -> None:
    d = event.data
    department = AWARDS_OFFICE
    number = str(d["honour_id"])
    if await find_record(session, department, number) is not None:
        return
    subject = await get_or_create_subject(session=session, vault=session_vault(session), code=d["entity_code"],
                                          name=d.get("entity_name", ""))
    who = f"（{d['person_name']}）" if d.get("person_name") else ""
    title = f"{d.get('year', '')}年度{d.get('category_label') or d.get('category', '')}：{d.get('title', '')}{who}"
    record = new_record(session, subject, category=RecordCategory.ADMINISTRATIVE_REWARD, department=department,
                        decision_number=number, decision_date=_date(d["granted_on"]), title=title[:300],
                        content=f"授予单位 {d.get('granted_by', '')}；评选轮次 {d.get('round_id', '')}",
                        legal_basis=BASIS_REWARD, now=utcnow(),
                        source="event", provenance=_provenance(event), published=True)
    await session.flush()
    await audit.record(session, kit, "credit.record.from_event", "credit_record", record.id,
                       {"event": event.type, "event_id": event.id})


async def on_honor_revoked(session: AsyncSession, event: Event) -> None:
    d = event.data
    record = await find_record(session, AWARDS_OFFICE, str(d["honour_id"]))
    if record is None:
        return
    await apply_withdrawal(session, record, f"荣誉撤销：{d.get('reason', '')}"[:500], f"event:{event.type}",
                           utcnow())


async def on_housing_fraud(session: AsyncSession, event: Event) -> None:
    d = event.data
    department = d.get("department") or "zjj"
    number = str(d.get("decision_number") or d["case_id"])
    if await find_record(session, department, number) is not None:
        return
    subject = await _person(session, d)
    record = new_record(session, subject, category=RecordCategory.DISHONESTY, department=department,
                        decision_number=number, decision_date=_date(d["decided_on"]), title="骗取保障性住房",
                        content=str(d.get("facts", "")), legal_basis=BASIS_HOUSING, now=utcnow(), source="event",
                        provenance=_provenance(event), published=True)
    await session.flush()
    await audit.record(session, kit, "credit.record.from_event", "credit_record", record.id,
                       {"event": event.type, "event_id": event.id})


async def _person(session: AsyncSession, d: dict) -> Subject:
    """The person an event names by its platform-wide PersonRef (never the ID number): the known subject, or a
    new one known by that reference and the masked number until a department reports the number itself."""
    if "person_ref" not in d:  # version-1 producers before PersonRef
        return await get_or_create_subject(session=session, vault=session_vault(session), code=d["person_id_number"],
                                           name=d.get("person_name", ""), kind=SubjectKind.NATURAL_PERSON)
    subject = await find_person_by_ref(session, d["person_ref"])
    if subject is None:
        subject = Subject(id=str(uuid.uuid4()), code_hash=d["person_ref"], code=None, code_encrypted=None,
                          code_masked=str(d.get("person_id_masked") or "")[:18], person_ref=d["person_ref"],
                          kind=SubjectKind.NATURAL_PERSON.value, name=d.get("person_name", ""), region="410500",
                          industry="", created_at=utcnow())
        session.add(subject)
        await session.flush()
    return subject


async def on_hydrogen_penalty(session: AsyncSession, event: Event) -> None:
    d = event.data
    department = d.get("department") or "cgj"
    number = str(d["decision_number"])
    if await find_record(session, department, number) is not None:
        return
    severity = PenaltySeverity(SEVERITY_ALIASES.get(d["severity"], d["severity"])).value
    # the party penalised (an individual or another unit) where named, else the station's operator
    party, party_name = (d["party_code"], d.get("party_name", "")) if d.get("party_code") else (
        d["operator_code"], d.get("operator_name", ""))
    subject = await get_or_create_subject(session=session, vault=session_vault(session), code=party,
                                          name=party_name)
    place = d.get("station_name") or d.get("station_id")
    station = f"（加氢站 {place}）" if place else ""
    record = new_record(session, subject, category=RecordCategory.ADMINISTRATIVE_PENALTY, department=department,
                        decision_number=number, decision_date=_date(d["decided_on"]),
                        title=f"行政处罚{station}"[:300], content=str(d.get("summary", "")),
                        legal_basis=d.get("legal_basis") or BASIS_HYDROGEN, severity=severity,
                        amount_fen=d.get("amount_fen"), now=utcnow(), source="event",
                        provenance=_provenance(event), published=True)
    await session.flush()
    await audit.record(session, kit, "credit.record.from_event", "credit_record", record.id,
                       {"event": event.type, "event_id": event.id})


async def overdue_job(session: AsyncSession, now: datetime) -> str:
    from anyang_credit.service.records import notify_overdue
    from govkit.events import Outbox

    return await notify_overdue(session, now, Outbox(kit.outbox, source="credit"))
