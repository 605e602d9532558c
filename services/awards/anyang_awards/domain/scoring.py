"""Art. 10 极值法 scoring engine (安政办〔2023〕4号 第十条).

    score_i = (x_i − min) / (max − min) × weight      (negative indicators: (max − x_i) / (max − min))

Interpretations (spec): min and max are taken over the applicants admitted to scoring (pass the caller
only eligible applicants); max = min (or a single applicant) gives the full weight; 核心竞争力 bonus
points (capped at 10) and expert items (mean of the experts, dropping one highest and one lowest from 5
experts up) are already on their weight's scale and are not normalised; a recognition is full or zero
weight. Totals within 1e-9 share a rank; a tie across the last place is reported, never broken.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any

from .categories import CategoryCode, category
from .errors import ScoringError, art
from .figures import Figure
from .indicators import Direction, Indicator, Kind, indicator_column, indicators_for

TIE_TOLERANCE = 1e-9
EXPERT_TRIM_FROM = 5  # from this many experts, drop one highest and one lowest score
BASIS = art("第十条")
FULL_WEIGHT_ZH, FULL_WEIGHT_EN = "最大值等于最小值，得满分", "max equals min: full weight"
DISPLAY_STEP = Decimal("0.01")  # spec awards.md, public notice: each total to 2 decimals (ROUND_HALF_UP) for display


def display_total(total: float | None) -> str | None:
    """A total as shown to people: 2 decimals, half up (87.345 → "87.35"); the exact figure is kept apart."""
    return None if total is None else str(Decimal(repr(total)).quantize(DISPLAY_STEP, rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class Applicant:
    """An applicant admitted to scoring: its figures (Figure or bare values) and experts' scores."""

    id: str
    figures: Mapping[str, Any]
    expert_scores: Mapping[str, Sequence[float]] | None = None


@dataclass(slots=True)
class IndicatorScore:
    """One applicant's points on one indicator and how they came about (not frozen: six of these for each
    applicant, and a frozen dataclass sets each field through object.__setattr__; nothing changes them)."""

    indicator: str
    name_zh: str
    kind: Kind
    direction: Direction
    weight: float
    raw: float | None  # the indicator's value: computed ratio, amount, capped bonus sum, expert mean
    formula: str
    inputs: dict[str, Any]
    min: float | None
    max: float | None
    normalised: float | None  # 0..1 for quantitative indicators
    points: float
    corrections: dict[str, Any] | None = None  # figures corrected by a department: declared value, source
    note_zh: str | None = None
    note_en: str | None = None


@dataclass(frozen=True, slots=True)
class ApplicantScore:
    id: str
    total: float
    rank: int
    indicators: tuple[IndicatorScore, ...]

    def indicator(self, code: str) -> IndicatorScore:
        return next(i for i in self.indicators if i.indicator == code)


@dataclass(frozen=True)
class CutoffTie:
    """Applicants with equal totals straddling the last place: for the leading group to decide."""

    rank: int
    total: float
    tied: tuple[str, ...]
    open_places: int
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class RoundScores:
    category: CategoryCode
    places: int
    scores: tuple[ApplicantScore, ...]  # ranked high → low (ties by id for a stable listing)
    bounds: dict[str, tuple[float | None, float | None]]  # per quantitative indicator: (min, max)
    winners: tuple[str, ...]  # within the places without doubt
    tie: CutoffTie | None
    basis: str = BASIS

    def by_id(self, applicant_id: str) -> ApplicantScore:
        for s in self.scores:
            if s.id == applicant_id:
                return s
        raise KeyError(applicant_id)

    @property
    def ranking(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.scores)


def expert_value(
    scores: Sequence[float], weight: float, *, applicant: str, indicator: str
) -> tuple[float, str]:
    """Mean of experts' scores (each 0..weight), dropping one highest and one lowest from 5 experts up."""
    if not scores:
        raise ScoringError(
            f"{indicator}：申报者{applicant}缺少专家评分",
            f"{indicator}: no expert scores for applicant {applicant}",
            BASIS,
            {"applicant": applicant, "indicator": indicator},
        )
    vals: list[float] = []
    for s in scores:
        try:
            v = math.nan if isinstance(s, bool) else float(s)
        except (TypeError, ValueError):
            v = math.nan
        if not (0.0 <= v <= weight):  # also rejects NaN
            raise ScoringError(
                f"{indicator}：专家评分{s!r}超出0至{weight:g}分范围",
                f"{indicator}: expert score {s!r} outside 0..{weight:g}",
                BASIS,
                {"applicant": applicant, "indicator": indicator, "score": s},
            )
        vals.append(v)
    if len(vals) >= EXPERT_TRIM_FROM:
        vals.sort()
        kept = vals[1:-1]
        return sum(kept) / len(kept), f"mean of {len(vals)} expert scores without one highest and one lowest"
    return sum(vals) / len(vals), f"mean of {len(vals)} expert scores"


def _corrections(reviewed: list[tuple[str, Figure]]) -> dict[str, Any] | None:
    out = None
    for name, f in reviewed:
        if f.corrected:
            out = out or {}
            out[name] = {"declared": f.declared, "used": f.value, "source": f.source}
    return out


def _row(ind: Indicator, w: float) -> Callable[..., IndicatorScore]:
    """An IndicatorScore with the indicator's own fields filled in."""
    return partial(IndicatorScore, ind.code, ind.name_zh, ind.kind, ind.direction, w)


def _score_quantitative(
    ind: Indicator, figure_sets: Sequence[Mapping[str, Any]]
) -> tuple[list[IndicatorScore], tuple[float | None, float | None]]:
    col = indicator_column(ind, figure_sets)
    values = [o[0] for o in col.outcomes if o[0] is not None]
    lo = min(values) if values else None
    hi = max(values) if values else None
    w = float(ind.weight)
    span = (hi - lo) if values else 0.0  # type: ignore[operator]
    negative = ind.direction is Direction.NEGATIVE
    row, formula = _row(ind, w), col.formula
    out: list[IndicatorScore] = []
    append = out.append
    for (x, reason_zh, reason_en), inputs, reviewed in zip(col.outcomes, col.inputs, col.reviewed, strict=True):
        corr = _corrections(reviewed) if reviewed else None
        if x is None:
            append(row(None, formula, inputs, lo, hi, None, 0.0, corr,
                       f"不可计算，记0分：{reason_zh}", f"not computable, 0 points: {reason_en}"))
        elif span == 0:
            append(row(x, formula, inputs, lo, hi, 1.0, 1.0 * w, corr, FULL_WEIGHT_ZH, FULL_WEIGHT_EN))
        else:
            norm = ((hi - x) if negative else (x - lo)) / span  # type: ignore[operator]
            append(row(x, formula, inputs, lo, hi, norm, norm * w, corr, None, None))
    return out, (lo, hi)


def _score_direct(ind: Indicator, applicants: Sequence[Applicant], figure_sets: Sequence[Mapping[str, Any]]
                  ) -> list[IndicatorScore]:
    w = float(ind.weight)
    row = _row(ind, w)
    if ind.kind is Kind.EXPERT:
        out = []
        for a in applicants:
            scores = list((a.expert_scores or {}).get(ind.code, ()))
            mean, how = expert_value(scores, w, applicant=a.id, indicator=ind.code)
            out.append(row(mean, how, {"expert_scores": scores}, None, None, None, mean))
        return out
    col = indicator_column(ind, figure_sets)
    bonus, formula = ind.kind is Kind.BONUS_CAPPED, col.formula
    return [row(x, formula, inputs, None, None, None, float(x if bonus else x * w))  # type: ignore[operator]
            for (x, _, _), inputs in zip(col.outcomes, col.inputs, strict=True)]


def rank_totals(totals: list[tuple[float, str]]) -> list[tuple[str, float, int]]:
    """Competition ranking (1, 2, 2, 4) with totals within TIE_TOLERANCE sharing a rank."""
    ordered = sorted(totals, key=lambda t: (-t[0], t[1]))
    ranked: list[tuple[str, float, int]] = []
    lead_total, lead_rank = None, 0
    for pos, (total, aid) in enumerate(ordered, start=1):
        if lead_total is None or lead_total - total > TIE_TOLERANCE:
            lead_total, lead_rank = total, pos
        ranked.append((aid, total, lead_rank))
    return ranked


def cutoff(ranked: Sequence[tuple[str, float, int]], places: int) -> tuple[tuple[str, ...], CutoffTie | None]:
    """Winners within ``places`` and the tie across the last place, if any."""
    if len(ranked) <= places:
        return tuple(r[0] for r in ranked), None
    last_rank = ranked[places - 1][2]
    if ranked[places][2] != last_rank:
        return tuple(r[0] for r in ranked[:places]), None
    group = [r for r in ranked if r[2] == last_rank]
    winners = tuple(r[0] for r in ranked if r[2] < last_rank)
    open_places = places - len(winners)
    ids = tuple(r[0] for r in group)
    total = group[0][1]
    return winners, CutoffTie(
        last_rank,
        total,
        ids,
        open_places,
        f"第{last_rank}名并列{len(ids)}人（总分{total:.6f}），跨越第{places}名，剩余{open_places}个名额，"
        f"报评选领导小组决定：{', '.join(ids)}",
        f"{len(ids)} applicants tie at rank {last_rank} (total {total:.6f}) across place {places}; "
        f"{open_places} place(s) left for the leading group to decide: {', '.join(ids)}",
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Scoring a round allocates a few container objects per applicant and indicator (about 150,000 for
    10,000 applicants), none in a reference cycle: reference counting frees them all, while the cyclic
    collector, triggered by the allocation count, walked them (and, in full collections, the caller's whole
    heap) again and again — a quarter to a third of the time, for nothing to collect. Paused for the call
    and restored as it was; one later collection sees the new objects once."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def score_round(
    category_code: str | CategoryCode, applicants: Sequence[Applicant], places: int | None = None
) -> RoundScores:
    """Score and rank the applicants admitted to scoring in one category and round."""
    code = CategoryCode(category_code)
    cat = category(code)
    places = cat.places if places is None else places
    ids = [a.id for a in applicants]
    if len(set(ids)) != len(ids):
        raise ScoringError("申报者编号重复", "duplicate applicant ids", BASIS)
    with _collector_paused():
        return _score(code, places, applicants)


def _score(code: CategoryCode, places: int, applicants: Sequence[Applicant]) -> RoundScores:
    figure_sets = [a.figures for a in applicants]
    per_indicator: list[list[IndicatorScore]] = []
    bounds: dict[str, tuple[float | None, float | None]] = {}
    for ind in indicators_for(code):
        if ind.kind is Kind.QUANTITATIVE:
            col, bounds[ind.code] = _score_quantitative(ind, figure_sets)
        else:
            col = _score_direct(ind, applicants, figure_sets)
        per_indicator.append(col)
    rows = list(zip(*per_indicator, strict=True)) if per_indicator else [() for _ in applicants]
    totals = [(math.fsum([s.points for s in row]), a.id) for a, row in zip(applicants, rows, strict=True)]
    by_id = {a.id: row for a, row in zip(applicants, rows, strict=True)}
    ranked = rank_totals(totals)
    scores = tuple(ApplicantScore(aid, total, rank, by_id[aid]) for aid, total, rank in ranked)
    winners, tie = cutoff(ranked, places)
    return RoundScores(code, places, scores, bounds, winners, tie)


# ---------------------------------------------------------------- changes when someone drops out


@dataclass(frozen=True, slots=True)
class RankChange:
    id: str
    rank_before: int
    rank_after: int
    total_before: float
    total_after: float


@dataclass(frozen=True)
class RankingDiff:
    removed: tuple[str, ...]
    added: tuple[str, ...]
    changes: tuple[RankChange, ...]
    entered_winners: tuple[str, ...]
    left_winners: tuple[str, ...]
    tie_before: CutoffTie | None
    tie_after: CutoffTie | None

    @property
    def changed(self) -> bool:
        return bool(self.removed or self.added or self.changes or self.tie_before != self.tie_after)


def diff_rankings(before: RoundScores, after: RoundScores) -> RankingDiff:
    """What changed between two scorings of the same round (e.g. after a disqualification)."""
    b = {s.id: s for s in before.scores}
    a = {s.id: s for s in after.scores}
    changes = tuple(
        RankChange(i, b[i].rank, a[i].rank, b[i].total, a[i].total)
        for i in after.ranking
        if i in b and (b[i].rank != a[i].rank or abs(b[i].total - a[i].total) > TIE_TOLERANCE)
    )
    wb, wa = set(before.winners), set(after.winners)
    return RankingDiff(
        removed=tuple(i for i in before.ranking if i not in a),
        added=tuple(i for i in after.ranking if i not in b),
        changes=changes,
        entered_winners=tuple(i for i in after.winners if i not in wb),
        left_winners=tuple(i for i in before.winners if i not in wa),
        tie_before=before.tie,
        tie_after=after.tie,
    )


def rescore_without(
    before: RoundScores, applicants: Sequence[Applicant], excluded: set[str] | frozenset[str]
) -> tuple[RoundScores, RankingDiff]:
    """Re-run Art. 10 over the applicants minus ``excluded`` (min/max move too) and record the change."""
    after = score_round(before.category, [a for a in applicants if a.id not in excluded], before.places)
    return after, diff_rankings(before, after)
