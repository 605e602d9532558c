"""Scoring a round (第十条, 极值法): snapshots per computation with the full explanation, and the change recorded
when the admitted set changes (an applicant disqualified, a value corrected)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_awards.domain.categories import category
from anyang_awards.domain.errors import ScoringError
from anyang_awards.domain.procedure import RoundState
from anyang_awards.domain.scoring import (
    Applicant,
    ApplicantScore,
    CutoffTie,
    RankingDiff,
    RoundScores,
    score_round,
)
from anyang_awards.models import kit
from anyang_awards.models.applications import Application
from anyang_awards.models.results import NoticeEntry, RankingChange, ScoreSnapshot
from anyang_awards.models.rounds import Round
from anyang_awards.service.application_facts import domain_figures, round_expert_scores, round_figures
from anyang_awards.service.common import jsonable
from govkit import audit
from govkit.clock import utcnow


async def admitted(session: AsyncSession, rnd: Round) -> list[Application]:
    """Applicants admitted to scoring (Interpretation, spec): open candidacy, every eligibility rule met, not
    refused by the county."""
    q = select(Application).where(Application.round_id == rnd.id, Application.status == "active",
                                  Application.eligible.is_(True), Application.county_decision != "rejected")
    return list((await session.execute(q.order_by(Application.submitted_at, Application.id))).scalars())


def score_json(s: ApplicantScore) -> dict[str, Any]:
    return {"application_id": s.id, "total": s.total, "rank": s.rank, "indicators": [
        {"indicator": i.indicator, "name_zh": i.name_zh, "kind": i.kind.value, "direction": i.direction.value,
         "weight": i.weight, "raw": i.raw, "formula": i.formula, "inputs": jsonable(i.inputs), "min": i.min,
         "max": i.max, "normalised": i.normalised, "points": i.points, "corrections": jsonable(i.corrections),
         "note_zh": i.note_zh, "note_en": i.note_en} for i in s.indicators]}


def tie_json(t: CutoffTie | None) -> dict | None:
    if t is None:
        return None
    return {"rank": t.rank, "total": t.total, "tied": list(t.tied), "open_places": t.open_places,
            "message_zh": t.message_zh, "message_en": t.message_en}


def diff_json(d: RankingDiff) -> dict[str, Any]:
    return {"removed": list(d.removed), "added": list(d.added),
            "changes": [{"application_id": c.id, "rank_before": c.rank_before, "rank_after": c.rank_after,
                         "total_before": c.total_before, "total_after": c.total_after} for c in d.changes],
            "entered_winners": list(d.entered_winners), "left_winners": list(d.left_winners),
            "tie_before": tie_json(d.tie_before), "tie_after": tie_json(d.tie_after)}


async def latest_snapshot(session: AsyncSession, round_id: str) -> ScoreSnapshot | None:
    q = select(ScoreSnapshot).where(ScoreSnapshot.round_id == round_id).order_by(ScoreSnapshot.seq.desc()).limit(1)
    return (await session.execute(q)).scalars().first()


def _diff(before: ScoreSnapshot, after: RoundScores) -> dict[str, Any]:
    """Like domain.scoring.diff_rankings, against the stored snapshot."""
    b = {s["application_id"]: s for s in before.scores}
    a = {s.id: s for s in after.scores}
    changes = [{"application_id": i, "rank_before": b[i]["rank"], "rank_after": a[i].rank,
                "total_before": b[i]["total"], "total_after": a[i].total}
               for i in after.ranking if i in b and (b[i]["rank"] != a[i].rank
                                                    or abs(b[i]["total"] - a[i].total) > 1e-9)]
    wb, wa = set(before.winners), set(after.winners)
    return {"removed": [i for i in b if i not in a], "added": [i for i in after.ranking if i not in b],
            "changes": changes, "entered_winners": [i for i in after.winners if i not in wb],
            "left_winners": [i for i in before.winners if i not in wa], "tie_before": before.tie,
            "tie_after": tie_json(after.tie)}


async def compute(session: AsyncSession, rnd: Round, trigger: str, by: str) -> tuple[ScoreSnapshot, dict | None]:
    """Score the admitted applicants now; keep the snapshot and, against the previous one, the change.
    The round's row is locked first, so that two changes of one round (events handled at once) are scored
    one after the other, each seeing the other's (on PostgreSQL; SQLite writes one at a time). Callers that
    change an application lock its round before it (`candidacy`), in the order the procedure's routes do."""
    await session.execute(select(Round.id).where(Round.id == rnd.id).with_for_update())
    apps = await admitted(session, rnd)
    figures, experts = await round_figures(session, rnd.id), await round_expert_scores(session, rnd.id)
    applicants = [Applicant(a.id, domain_figures(figures.get(a.id, [])), experts.get(a.id, {})) for a in apps]
    result = score_round(rnd.category, applicants, category(rnd.category).places)
    prev = await latest_snapshot(session, rnd.id)
    seq = (await session.execute(select(func.coalesce(func.max(ScoreSnapshot.seq), 0)).where(
        ScoreSnapshot.round_id == rnd.id))).scalar_one() + 1
    snap = ScoreSnapshot(id=str(uuid.uuid4()), round_id=rnd.id, seq=seq, trigger=trigger[:300],
                         admitted=[a.id for a in apps], scores=[score_json(s) for s in result.scores],
                         bounds={k: list(v) for k, v in result.bounds.items()}, winners=list(result.winners),
                         tie=tie_json(result.tie), computed_by=by, computed_at=utcnow())
    session.add(snap)
    diff = None
    if prev is not None:
        diff = _diff(prev, result)
        session.add(RankingChange(round_id=rnd.id, before_snapshot_id=prev.id, after_snapshot_id=snap.id,
                                  cause=trigger[:300], diff=diff, at=utcnow()))
    await session.flush()
    await audit.record(session, kit, "awards.round.score", "round", rnd.id,
                       {"snapshot": snap.id, "seq": seq, "trigger": trigger, "admitted": len(apps),
                        "winners": snap.winners, "tie": snap.tie, "change": diff})
    return snap, diff


async def rescore_if_scored(session: AsyncSession, rnd: Round, cause: str, by: str) -> ScoreSnapshot | None:
    """Recompute when the round has been scored before and is not yet published (ranking kept true)."""
    if not category(rnd.category).scored or rnd.state == "published":
        return None
    if await latest_snapshot(session, rnd.id) is None:
        return None
    try:
        snap, _ = await compute(session, rnd, cause, by)
    except ScoringError as e:  # e.g. expert scores still missing: the change is recorded, scoring waits
        await audit.record(session, kit, "awards.round.score_deferred", "round", rnd.id,
                           {"cause": cause, "reason": e.en, "basis": e.basis})
        return None
    if rnd.state == RoundState.PUBLIC_NOTICE:
        await follow_ranking(session, rnd, snap)
    return snap


def current_winners(rnd: Round, snap: ScoreSnapshot) -> list[str]:
    """Who holds the places in a scoring: its winners and, across a tie at the last place, the leading group's
    choice where it still applies (第十条)."""
    chosen = list(snap.winners)
    if snap.tie and rnd.tie_decision:
        chosen += [i for i in rnd.tie_decision.get("winners", []) if i in snap.tie["tied"]]
    return chosen


async def follow_ranking(session: AsyncSession, rnd: Round, snap: ScoreSnapshot) -> None:
    """第二十条: one who enters the places during the notice (another disqualified) joins the notice list, so
    that it is on the notice and honoured at publication. (How the notice presents the current ranking is the
    notice's own.)"""
    listed = set((await session.execute(select(NoticeEntry.application_id).where(
        NoticeEntry.round_id == rnd.id))).scalars())
    scores = {s["application_id"]: s for s in snap.scores}
    for app_id in current_winners(rnd, snap):
        if app_id in listed:
            continue
        a = await session.get(Application, app_id)
        session.add(NoticeEntry(id=str(uuid.uuid4()), round_id=rnd.id, application_id=a.id,
                                rank=scores[app_id]["rank"], total=scores[app_id]["total"],
                                entity_code=a.enterprise_uscc, entity_name=a.enterprise_name,
                                person_name=a.person_name, status="listed"))
        await audit.record(session, kit, "awards.notice.entered", "round", rnd.id,
                           {"application_id": app_id, "snapshot": snap.id, "basis": "安政办〔2023〕4号 第二十条"})
    await session.flush()
