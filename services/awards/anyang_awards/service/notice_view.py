"""The public notice as people read it (spec awards.md, Public notice; 第二十条, 第二十五条): the list under notice
in its current ranking (after any rescoring), each entry with its marks and their basis; and the ranking
changes with the enterprises named beside their ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from anyang_awards.domain.categories import category
from anyang_awards.domain.errors import art
from anyang_awards.domain.scoring import BASIS as SCORING_BASIS
from anyang_awards.domain.scoring import TIE_TOLERANCE, display_total
from anyang_awards.models.applications import Application, CandidacyMark
from anyang_awards.models.results import NoticeEntry, RankingChange
from anyang_awards.models.rounds import Round
from anyang_awards.schemas.vocab import MARK_KIND_LABELS, RANKING_MOVE_LABELS
from anyang_awards.service.notice import list_entries
from anyang_awards.service.scoring import current_winners, latest_snapshot
from govkit.i18n import t

ENTRY_STATUS = {"listed": "active", "disqualified": "disqualified"}  # one name per state: the candidacy's


@dataclass
class Mark:
    """Why an entry reads as it does: under review, disqualified or rescored, with the article it rests on."""

    kind: str
    basis: str
    reason: str
    ref: str | None = None


@dataclass
class NoticeLine:
    entry: NoticeEntry
    status: str  # active | disqualified
    rank: int | None  # current (after rescoring); None when out of the ranking
    total: float | None  # current exact total (votes for merit10)
    within_places: bool
    marks: list[Mark] = field(default_factory=list)


async def names_of(session: AsyncSession, ids: set[str]) -> dict[str, Application]:
    if not ids:
        return {}
    rows = await session.execute(select(Application).where(Application.id.in_(ids)))
    return {a.id: a for a in rows.scalars()}


def named(a: Application | None, app_id: str) -> str:
    """An enterprise (and its nominee) as a person reads it, the id beside the name."""
    if a is None:
        return app_id
    who = f"{a.enterprise_name}·{a.person_name}" if a.person_name else a.enterprise_name
    return f"{who}（{app_id}）"


def readable(text: str, apps: dict[str, Application]) -> str:
    """A recorded cause with every application id shown as its enterprise's name, the id beside it."""
    for app_id, a in apps.items():
        text = text.replace(app_id, named(a, app_id))
    return text


def _disqualified_marks(a: Application) -> list[Mark]:
    return [Mark("disqualified", r.get("basis") or art("第二条"), t(r.get("message_zh") or "已取消参评资格",
                                                                    r.get("message_en") or "disqualified"),
                 r.get("ref")) for r in (a.disqualification or {}).get("reasons", [])]


def _review_marks(a: Application, marks: list[CandidacyMark]) -> list[Mark]:
    out = [Mark("under_review", m.basis, t(f"{MARK_KIND_LABELS[m.kind]}调查中，待认定责任（{m.source_ref}）",
                                            f"{m.kind} {m.source_ref} under investigation"), m.source_ref)
           for m in marks if m.status == "under_review"]
    if a.under_review and not out:  # e.g. the credit lists could not be checked (第二条)
        out.append(Mark("under_review", art("第二条"), t("信用状况待核实", "credit status not yet confirmed")))
    return out


def _rescored_mark(e: NoticeEntry, rank: int | None, total: float | None, change: RankingChange | None,
                   apps: dict[str, Application]) -> Mark | None:
    if total is None or e.total is None or (rank == e.rank and abs(total - e.total) <= TIE_TOLERANCE):
        return None
    why = summary(change, apps) if change else ""
    return Mark("rescored", SCORING_BASIS, t(
        f"重新计分（{why}）：名次由第{e.rank}名变为第{rank}名，总分由{display_total(e.total)}变为{display_total(total)}",
        f"rescored ({why}): rank {e.rank} → {rank}, total {display_total(e.total)} → {display_total(total)}"),
        str(change.id) if change else None)


async def notice_lines(session: AsyncSession, rnd: Round) -> list[NoticeLine]:
    """The entries in their current ranking: active ones by their latest rank, the others after them."""
    entries = await list_entries(session, rnd.id)
    places = category(rnd.category).places
    app_ids = {e.application_id for e in entries if e.application_id}
    apps = await names_of(session, app_ids)
    marks: dict[str, list[CandidacyMark]] = {}
    for m in (await session.execute(select(CandidacyMark).where(
            CandidacyMark.application_id.in_(app_ids)).order_by(CandidacyMark.id))).scalars() if app_ids else ():
        marks.setdefault(m.application_id, []).append(m)
    snap = await latest_snapshot(session, rnd.id) if category(rnd.category).scored else None
    scores = {s["application_id"]: s for s in snap.scores} if snap else {}
    holding = set(current_winners(rnd, snap)) if snap else set()  # the places, a tie settled by the leading group
    last_change: dict[str, RankingChange] = {}
    for c in (await session.execute(select(RankingChange).where(RankingChange.round_id == rnd.id)
                                    .order_by(RankingChange.id))).scalars():
        for touched in [*c.diff.get("removed", []), *(x["application_id"] for x in c.diff.get("changes", []))]:
            last_change[touched] = c
    apps |= await names_of(session, set().union(*(_ids_in(c) for c in last_change.values())) - set(apps))
    lines = []
    for e in entries:
        a = apps.get(e.application_id) if e.application_id else None
        status = ("disqualified" if a.status == "disqualified" else "active") if a else ENTRY_STATUS[e.status]
        if a is None:  # merit10: ranked by the leading group's vote (第七条), not rescored
            rank, total = (e.rank, e.total) if status == "active" else (None, None)
            line = NoticeLine(e, status, rank, total, status == "active" and rank is not None and rank <= places)
            if status == "disqualified":
                line.marks.append(Mark("disqualified", art("第二十五条"), t("经领导小组裁决，取消参评资格",
                                                                            "disqualified by the leading group")))
            lines.append(line)
            continue
        s = scores.get(a.id) if status == "active" else None
        rank, total = (s["rank"], s["total"]) if s else (None, None)
        line = NoticeLine(e, status, rank, total, a.id in holding)
        line.marks = _disqualified_marks(a) + _review_marks(a, marks.get(a.id, []))
        rescored = _rescored_mark(e, rank, total, last_change.get(a.id), apps)
        if rescored:
            line.marks.append(rescored)
        lines.append(line)
    return sorted(lines, key=lambda x: (x.rank is None, x.rank or 0, x.entry.rank, x.entry.id))


def _ids_in(c: RankingChange) -> set[str]:
    d = c.diff
    return {*d.get("removed", []), *d.get("added", []), *d.get("entered_winners", []), *d.get("left_winners", []),
            *(x["application_id"] for x in d.get("changes", []))}


async def named_in(session: AsyncSession, rows: list[RankingChange]) -> dict[str, Application]:
    """The applications that ranking changes name, to show names beside ids."""
    return await names_of(session, set().union(*(_ids_in(c) for c in rows)))


def summary(c: RankingChange, apps: dict[str, Application]) -> str:
    """What a recomputation did, for a person: who left or entered the ranking or the places (names, ids beside)."""
    zh, en = [], []
    for m in moves(c, apps):
        if m["change"] == "moved":
            continue
        who = named(apps.get(m["application_id"]), m["application_id"])
        zh.append(f"{who}{RANKING_MOVE_LABELS[m['change']]}")
        en.append(f"{who} {m['change'].replace('_', ' ')}")
    return t("；".join(zh) or "名次或总分变化", "; ".join(en) or "ranks or totals changed")


def moves(c: RankingChange, apps: dict[str, Application]) -> list[dict[str, Any]]:
    """What one recomputation did to each candidacy it touched (the first that applies: removed, added, left
    or entered the places, moved), with the enterprise's name and its candidacy's current status."""
    d = c.diff
    ranks = {x["application_id"]: x for x in d.get("changes", [])}
    out: dict[str, dict[str, Any]] = {}
    for change, ids in (("removed", d.get("removed", [])), ("added", d.get("added", [])),
                        ("left_places", d.get("left_winners", [])), ("entered_places", d.get("entered_winners", [])),
                        ("moved", list(ranks))):
        for app_id in ids:
            a, x = apps.get(app_id), ranks.get(app_id, {})
            out.setdefault(app_id, {
                "application_id": app_id, "enterprise_name": a.enterprise_name if a else None,
                "person_name": a.person_name if a else None, "status": a.status if a else None, "change": change,
                "rank_before": x.get("rank_before"), "rank_after": x.get("rank_after"),
                "total_before": x.get("total_before"), "total_after": x.get("total_after")})
    return list(out.values())
