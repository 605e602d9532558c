"""十大功勋企业家: 差额评选 among the year's 50强 winners by the leading group (安政办〔2023〕4号 第七条)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from .errors import VotingError, art
from .scoring import CutoffTie, cutoff

BASIS = art("第七条")
PLACES = 10


@dataclass(frozen=True)
class VoteResult:
    ranking: tuple[tuple[str, int, int], ...]  # (nominee, votes, rank) high → low
    winners: tuple[str, ...]
    tie: CutoffTie | None
    basis: str = BASIS


def validate_nominees(
    nominees: Sequence[str], top50_winners: Sequence[str] | set[str], places: int = PLACES
) -> None:
    """差额: more nominees than places, each a 50强 winner of the same year, no duplicates."""
    if len(set(nominees)) != len(nominees):
        raise VotingError("候选人重复", "duplicate nominee", BASIS, {"nominees": list(nominees)})
    if len(nominees) <= places:
        raise VotingError(
            f"差额评选的候选人须多于{places}人，现有{len(nominees)}人",
            f"a competitive election needs more than {places} nominees, got {len(nominees)}",
            BASIS,
            {"nominees": len(nominees), "places": places},
        )
    winners = set(top50_winners)
    outside = [n for n in nominees if n not in winners]
    if outside:
        raise VotingError(
            f"候选人须为当年“50强”企业家：{', '.join(outside)}",
            f"nominees must be that year's top50 winners: {', '.join(outside)}",
            BASIS,
            {"not_top50": outside},
        )


def tally(
    nominees: Sequence[str],
    top50_winners: Sequence[str] | set[str],
    votes: Mapping[str, int],
    places: int = PLACES,
) -> VoteResult:
    """Rank nominees by votes; the ``places`` with most votes win; a tie across the last place is reported."""
    validate_nominees(nominees, top50_winners, places)
    stray = [k for k in votes if k not in set(nominees)]
    if stray:
        raise VotingError(
            f"选票投给了非候选人：{', '.join(stray)}",
            f"votes for non-nominees: {', '.join(stray)}",
            BASIS,
            {"stray": stray},
        )
    bad = [k for k, v in votes.items() if isinstance(v, bool) or not isinstance(v, int) or v < 0]
    if bad:
        raise VotingError(
            f"票数须为非负整数：{', '.join(bad)}",
            f"vote counts must be non-negative integers: {', '.join(bad)}",
            BASIS,
            {"invalid": bad},
        )
    ordered = sorted(((votes.get(n, 0), n) for n in nominees), key=lambda t: (-t[0], t[1]))
    ranked: list[tuple[str, float, int]] = []
    prev, prev_rank = None, 0
    for pos, (v, n) in enumerate(ordered, start=1):
        if v != prev:
            prev, prev_rank = v, pos
        ranked.append((n, float(v), prev_rank))
    winners, tie = cutoff(ranked, places)
    if tie is not None:
        ids = ", ".join(tie.tied)
        tie = CutoffTie(
            tie.rank,
            tie.total,
            tie.tied,
            tie.open_places,
            f"第{tie.rank}名并列{len(tie.tied)}人（{int(tie.total)}票），跨越第{places}名，"
            f"剩余{tie.open_places}个名额，报评选领导小组决定：{ids}",
            f"{len(tie.tied)} nominees tie at rank {tie.rank} ({int(tie.total)} votes) across place "
            f"{places}; {tie.open_places} place(s) left for the leading group: {ids}",
        )
    return VoteResult(tuple((n, int(v), r) for n, v, r in ranked), winners, tie)


def standing(ranking: Sequence[Sequence], out: Collection[str], places: int = PLACES
             ) -> tuple[tuple[tuple[str, float, int], ...], tuple[str, ...], CutoffTie | None]:
    """第七条 with 第二条: the recorded vote's ranking without the nominees disqualified since (a listing), ranked
    again — the places go further down the list; a tie across the last place is reported as in `tally`."""
    kept = [(str(n), float(v)) for n, v, *_ in ranking if n not in set(out)]
    ranked: list[tuple[str, float, int]] = []
    prev, prev_rank = None, 0
    for pos, (n, v) in enumerate(kept, start=1):
        if v != prev:
            prev, prev_rank = v, pos
        ranked.append((n, v, prev_rank))
    winners, tie = cutoff(ranked, places)
    return tuple(ranked), winners, tie
