"""What happens to open candidacies when facts arrive from outside: credit listings (第二条, spec README Events),
accidents and cases (第二十四条), objections found true (第二十五条). Every effect is naturally idempotent."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_awards.domain.errors import art
from anyang_awards.domain.procedure import (
    AWARDS_CREDIT_LISTS,
    RoundState,
    on_blacklist_added,
    on_blacklist_removed,
    public_notice_end,
)
from anyang_awards.models import kit
from anyang_awards.models.applications import Application, CandidacyMark
from anyang_awards.models.results import NoticeEntry
from anyang_awards.models.rounds import Round
from anyang_awards.service import merit10
from anyang_awards.service.application_facts import reevaluate
from anyang_awards.service.scoring import rescore_if_scored
from govkit import audit
from govkit.clock import business_date, utcnow
from govkit.i18n import t
from govkit.rules.periods import Deadline

SERIOUS = frozenset({"larger", "major", "especially_major"})  # 较大及以上 (第二十四条)


async def disqualify(session: AsyncSession, a: Application, reason: dict[str, Any]) -> None:
    reasons = [r for r in (a.disqualification or {}).get("reasons", []) if r.get("ref") != reason.get("ref")]
    a.disqualification = {"reasons": [*reasons, reason]}
    a.status = "disqualified"
    await session.execute(update(NoticeEntry).where(NoticeEntry.application_id == a.id)
                          .values(status="disqualified"))


async def lift(session: AsyncSession, a: Application, ref: str) -> bool:
    """Drop one reason; the candidacy reopens when none is left. True when it reopened."""
    reasons = [r for r in (a.disqualification or {}).get("reasons", []) if r.get("ref") != ref]
    a.disqualification = {"reasons": reasons} if reasons else None
    if not reasons and a.status == "disqualified":
        a.status = "active"
        await session.execute(update(NoticeEntry).where(NoticeEntry.application_id == a.id)
                              .values(status="listed"))
        return True
    return False


async def apply_mark(session: AsyncSession, a: Application, rnd: Round, *, kind: str, ref: str, status: str,
                     detail: dict, basis: str, by: str, note: str | None = None) -> CandidacyMark:
    """Record (or update) a mark and its effect: responsible → disqualified; lifted → reopened."""
    mark = (await session.execute(select(CandidacyMark).where(
        CandidacyMark.application_id == a.id, CandidacyMark.kind == kind,
        CandidacyMark.source_ref == ref))).scalars().first()
    now = utcnow()
    if mark is None:
        mark = CandidacyMark(application_id=a.id, kind=kind, source_ref=ref, status=status, basis=basis,
                             detail=detail, recorded_by=by, created_at=now, updated_at=now, note=note)
        session.add(mark)
    elif mark.status == status:
        return mark  # nothing new
    else:
        mark.status, mark.updated_at, mark.detail = status, now, {**(mark.detail or {}), **detail}
        mark.note = note or mark.note
    if status == "responsible":
        what = "责任事故" if kind == "accident" else "本人重大违法违纪案件"
        await disqualify(session, a, {"source": kind, "ref": ref, "basis": basis,
                                      "message_zh": f"{what}（{ref}），取消本年度参评资格",
                                      "message_en": f"{kind} {ref}: responsible, out for this year"})
    elif status == "lifted":
        await lift(session, a, ref)
    await session.flush()
    await reevaluate(session, a, rnd, f"{kind} {ref}: {status}")
    await audit.record(session, kit, f"awards.candidacy.{kind}", "application", a.id,
                       {"ref": ref, "status": status, "basis": basis, "detail": detail, "by": by})
    await rescore_if_scored(session, rnd, f"{kind} {ref} {status} ({a.id})", by)
    return mark


async def _open_candidacies(session: AsyncSession, *, entity: str, person_ref: str | None = None,
                            year: int | None = None) -> list[tuple[Application, Round]]:
    """Open candidacies of an enterprise, or of an entrepreneur named by its PersonRef (第二条), their rounds
    locked (see `scoring.compute`)."""
    named = Application.enterprise_uscc == entity
    if person_ref:
        named = or_(named, Application.person_ref == person_ref)
    q = select(Application, Round).join(Round, Round.id == Application.round_id).where(
        named, Application.status != "withdrawn",
        Round.state != RoundState.PUBLISHED.value)
    if year is not None:
        q = q.where(Application.year == year)
    return [(a, r) for a, r in (await session.execute(q.order_by(Application.id).with_for_update(of=Round))).all()]


def listing_in_force(data: dict, on: date) -> bool:
    """第二条 disqualifies for a listing in force: effective_date <= on < expiry / removal (the dates given)."""
    try:
        start = date.fromisoformat(str(data["effective_date"]))
        ends = [date.fromisoformat(str(data[k])) for k in ("expiry_date", "removed_on") if data.get(k)]
    except (KeyError, ValueError):
        return False
    return start <= on and all(on < end for end in ends)


async def on_listing_added(session: AsyncSession, data: dict, by: str) -> int:
    """第二条: a listing in force on one of the three lists disqualifies every open candidacy of the entity
    (enterprise applications and its entrepreneurs; a person by its PersonRef) and every 十大功勋企业家 nominee
    it names, with the list entry as reason. Returns how many."""
    if data.get("list_code") not in AWARDS_CREDIT_LISTS or not listing_in_force(data, business_date()):
        return 0
    n = await _nominees_listed(session, data)
    touched: dict[str, Round] = {}
    for a, rnd in await _open_candidacies(session, entity=data["subject_code"], person_ref=data.get("person_ref")):
        exists = (await session.execute(select(CandidacyMark.id).where(
            CandidacyMark.application_id == a.id, CandidacyMark.kind == "credit_listing",
            CandidacyMark.source_ref == data["entry_id"]))).first()
        if exists:
            continue  # already applied (redelivery or a second event for the same entry)
        effect = on_blacklist_added(data["list_code"], rnd.state)
        if not effect.change:
            continue
        now = utcnow()
        session.add(CandidacyMark(application_id=a.id, kind="credit_listing", source_ref=data["entry_id"],
                                  status="active", basis=effect.basis, detail=dict(data), recorded_by=by,
                                  created_at=now, updated_at=now, note=effect.message_zh))
        await disqualify(session, a, _listing_reason(data, effect.basis))
        await session.flush()
        await reevaluate(session, a, rnd, f"credit listing {data['entry_id']}")
        await audit.record(session, kit, "awards.candidacy.disqualified", "application", a.id,
                           {"cause": "credit.blacklist.added", "entry_id": data["entry_id"],
                            "list_code": data["list_code"], "basis": effect.basis})
        touched[rnd.id] = rnd
        n += 1
    for rnd in touched.values():
        await rescore_if_scored(session, rnd, f"credit listing {data['entry_id']} ({data['list_code']})", by)
    return n


def _listing_reason(data: dict, basis: str) -> dict[str, Any]:
    return {"source": "credit_listing", "ref": data["entry_id"], "basis": basis, "list_code": data["list_code"],
            "list_name": data.get("list_name"), "authority": data.get("authority"),
            "decision_number": data.get("decision_number"), "effective_date": data.get("effective_date"),
            "message_zh": f"被列入{data.get('list_name') or data['list_code']}（{data.get('decision_number') or ''}），"
                          f"取消参评资格",
            "message_en": f"listed on {data['list_code']} (entry {data['entry_id']}): candidacy disqualified"}


async def _nominees_listed(session: AsyncSession, data: dict) -> int:
    """第七条 with 第二条: a 十大功勋企业家 nominee named by a listing is disqualified like a candidate."""
    n = 0
    for nominee, rnd in await merit10.open_nominees(session, entity=data["subject_code"],
                                                    person_ref=data.get("person_ref")):
        effect = on_blacklist_added(data["list_code"], rnd.state)
        known = any(r.get("ref") == data["entry_id"] for r in (nominee.disqualification or {}).get("reasons", []))
        if effect.change and not known:
            await merit10.disqualify_nominee(session, nominee, _listing_reason(data, effect.basis))
            n += 1
    return n


async def restore_not_in_force(session: AsyncSession, now) -> str:
    """Job: a candidacy disqualified by a listing that was not in force when it was applied (a future or an
    expired entry) is restored at any stage before publication, the notice included (第二条)."""
    q = select(CandidacyMark, Application, Round).join(Application, Application.id == CandidacyMark.application_id
                                                       ).join(Round, Round.id == Application.round_id).where(
        CandidacyMark.kind == "credit_listing", CandidacyMark.status == "active",
        Round.state != RoundState.PUBLISHED.value)
    checked, restored = 0, []
    for mark, a, rnd in (await session.execute(q.with_for_update(of=Round))).all():
        checked += 1
        if listing_in_force(mark.detail or {}, business_date(mark.created_at)):
            continue
        mark.status, mark.updated_at = "restored", utcnow()
        mark.note = "名单条目在取消资格时尚未生效或已失效，恢复参评资格"
        await lift(session, a, mark.source_ref)
        await session.flush()
        await reevaluate(session, a, rnd, f"credit listing {mark.source_ref} was not in force")
        await audit.record(session, kit, "awards.candidacy.restored", "application", a.id,
                           {"entry_id": mark.source_ref, "basis": art("第二条"), "cause": "listing not in force"})
        await rescore_if_scored(session, rnd, f"credit listing {mark.source_ref} not in force", "system")
        restored.append(f"{a.enterprise_name}（{a.id}）")
    zh, en = (f"：{'、'.join(restored)}", f": {', '.join(restored)}") if restored else ("", "")
    return t(f"检查取消参评资格的名单标记{checked}条，恢复参评资格{len(restored)}项{zh}",
             f"{checked} disqualifying listing mark(s) checked, {len(restored)} candidacy(ies) restored{en}")


async def on_listing_removed(session: AsyncSession, data: dict, by: str) -> int:
    """Interpretation (spec README Events): a wrongly made entry restores at any stage before publication; an
    entry ended by repair or expiry only before the public notice. The removal is recorded either way."""
    q = select(CandidacyMark, Application, Round).join(Application, Application.id == CandidacyMark.application_id
                                                       ).join(Round, Round.id == Application.round_id).where(
        CandidacyMark.kind == "credit_listing", CandidacyMark.source_ref == data["entry_id"])
    n = 0
    for nominee, rnd in await merit10.nominees_listed_by(session, data["entry_id"]):
        effect = on_blacklist_removed(data.get("reason", ""), rnd.state)  # as for candidates (Interpretation)
        if effect.change and await merit10.restore_nominee(session, nominee, data["entry_id"],
                                                           {"entry_id": data["entry_id"], "basis": effect.basis}):
            n += 1
    touched: dict[str, Round] = {}
    for mark, a, rnd in (await session.execute(q.with_for_update(of=Round))).all():
        if mark.status != "active":
            continue  # already handled
        effect = on_blacklist_removed(data.get("reason", ""), rnd.state)
        mark.detail = {**(mark.detail or {}), "removal": dict(data)}
        mark.updated_at = utcnow()
        mark.note = effect.message_zh
        if effect.change:
            mark.status = "restored"
            await lift(session, a, data["entry_id"])
            touched[rnd.id] = rnd
            n += 1
        else:
            mark.status = "removed_not_restored"
        await session.flush()
        await reevaluate(session, a, rnd, f"credit listing {data['entry_id']} removed ({data.get('reason')})")
        await audit.record(session, kit, "awards.candidacy.listing_removed", "application", a.id,
                           {"entry_id": data["entry_id"], "reason": data.get("reason"), "restored": effect.change,
                            "basis": effect.basis, "facts": effect.facts})
    for rnd in touched.values():
        await rescore_if_scored(session, rnd, f"credit listing {data['entry_id']} removed", by)
    return n


async def on_accident(session: AsyncSession, data: dict, *, concluded: bool, by: str) -> int:
    """第二十四条: a 较大 or worse accident of the evaluation year puts the operator's candidacies under review;
    the conclusion disqualifies them (责任事故) or lifts the mark."""
    if data.get("severity") not in SERIOUS:
        return 0
    occurred = date.fromisoformat(data["occurred_on"])
    status = "under_review"
    if concluded:
        status = "responsible" if data.get("responsible") else "lifted"
    detail = {"severity": data["severity"], "occurred_on": data["occurred_on"], "accident_kind": "safety",
              "station_id": data.get("station_id"), "summary": data.get("summary"),
              "conclusion": data.get("conclusion"), "concluded_on": data.get("concluded_on")}
    detail = {k: v for k, v in detail.items() if v is not None}
    n = 0
    for a, rnd in await _open_candidacies(session, entity=data["operator_code"], year=occurred.year):
        if not concluded:
            seen = (await session.execute(select(CandidacyMark.id).where(
                CandidacyMark.application_id == a.id, CandidacyMark.kind == "accident",
                CandidacyMark.source_ref == data["accident_id"]))).first()
            if seen:
                continue  # a redelivered report never undoes a conclusion
        await apply_mark(session, a, rnd, kind="accident", ref=data["accident_id"], status=status, detail=detail,
                         basis=art("第二十四条"), by=by, note=data.get("conclusion") or data.get("summary"))
        n += 1
    return n


def notice_end_of(rnd: Round, calendar) -> Deadline:
    """第二十条: 7 working days from the day of the final approval (that day not counted), counted again."""
    return public_notice_end(rnd.final_approval_date, calendar)
