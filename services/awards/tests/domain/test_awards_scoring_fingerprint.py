"""Art. 10 scoring pinned to its exact output: seeded rounds of every scored category (ties, corrections,
expert scores, missing figures, a single applicant, max = min, refusals) against a SHA-256 of every field of
the result — floats by `repr` (bit for bit), Decimals, ints and bools by type, dict order, notes, errors.

A speed-up of `score_round` must leave these unchanged. To see what changed, print a case's lines before and
after the change and diff them: `.venv/bin/python services/awards/tests/domain/test_awards_scoring_fingerprint.py
CASE`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from anyang_awards.domain.figures import Figure
from anyang_awards.domain.indicators import Kind, indicators_for
from anyang_awards.domain.scoring import Applicant, score_round

YI = 100_000_000


def canon(x: Any) -> Any:
    """Every value with its type; containers keep their order."""
    if dataclasses.is_dataclass(x):
        return {type(x).__name__: {f.name: canon(getattr(x, f.name)) for f in dataclasses.fields(x)}}
    if isinstance(x, dict):
        return {"dict": [[canon(k), canon(v)] for k, v in x.items()]}
    if isinstance(x, list | tuple):
        return {type(x).__name__: [canon(v) for v in x]}
    return f"{type(x).__name__}:{x!r}"


def lines(run: Callable[[], Any]) -> list[str]:
    """One line per applicant's score and one for the rest of the round, or one for the refusal."""
    try:
        rs = run()
    except Exception as e:  # the refusal is part of the output pinned
        return [json.dumps([type(e).__name__, str(e), canon(vars(e))], ensure_ascii=False)]
    head = {f.name: canon(getattr(rs, f.name)) for f in dataclasses.fields(rs) if f.name != "scores"}
    return [json.dumps(head, ensure_ascii=False)] + [json.dumps(canon(s), ensure_ascii=False) for s in rs.scores]


def _amount(rnd: random.Random) -> Any:
    """Amounts as the API gives them (Decimal), as the bench seeds them (int), as a float; 0 and negatives."""
    r = rnd.random()
    if r < 0.05:
        return 0
    if r < 0.1:
        return -rnd.randint(1, 10 * YI)
    base = rnd.randint(1, 200 * YI)
    if r < 0.45:
        return Decimal(base) / 100
    if r < 0.8:
        return base
    return base * rnd.uniform(0.5, 1.5)


def _figure(rnd: random.Random, v: Any) -> Any:
    """A bare value, a Figure, a department's correction (or a confirmation), a missing figure."""
    r = rnd.random()
    if r < 0.55:
        return v
    if r < 0.65:
        return Figure(v, "doc-1")
    if r < 0.75:
        return Figure(v, "doc-2", "statistics", v * 2 if not isinstance(v, bool) else not v)
    if r < 0.8:
        return Figure(v, None, "tax", v)  # confirmed: not a correction
    if r < 0.85:
        return Figure(v, None, "declared", 7)  # declared by the applicant: not a correction
    if r < 0.9:
        return Figure(None, "doc-3", "statistics", v)
    return None if r < 0.95 else "absent"


def _figures(rnd: random.Random, code: str) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for ind in indicators_for(code):
        if ind.kind is Kind.EXPERT:
            continue
        for name in ind.evidence_figures:
            v = rnd.random() < 0.4 if ind.kind is not Kind.QUANTITATIVE else _amount(rnd)
            f = _figure(rnd, v)
            if f != "absent":
                figures[name] = f
    return figures


def _experts(rnd: random.Random, code: str) -> dict[str, list[Any]]:
    out = {}
    for ind in indicators_for(code):
        if ind.kind is Kind.EXPERT:
            n = rnd.choice((1, 2, 3, 4, 5, 6, 7))
            out[ind.code] = [rnd.choice((rnd.randint(0, int(ind.weight)), round(rnd.uniform(0, ind.weight), 2)))
                             for _ in range(n)]
    return out


def round_of(code: str, n: int, seed: int, twins: int = 0) -> list[Applicant]:
    """n applicants, the last `twins` of them copies of earlier ones' figures (equal totals)."""
    rnd = random.Random(seed)
    apps = [Applicant(f"A{i:04d}", _figures(rnd, code), _experts(rnd, code)) for i in range(n - twins)]
    for k in range(twins):
        twin = apps[rnd.randrange(len(apps))]
        apps.append(Applicant(f"T{k:04d}", dict(twin.figures), twin.expert_scores))
    rnd.shuffle(apps)
    return apps


def _top10(i: int, revenue: Any, tax: Any = 5 * YI) -> Applicant:
    return Applicant(f"E{i}", {"revenue": revenue, "value_added": 3 * YI, "tax": tax, "rd_expense": YI,
                               "avg_employees": 100, "listed_company": True, "single_champion": True})


CASES: dict[str, Callable[[], Any]] = {
    **{f"{code}-random": (lambda code=code, seed=seed: score_round(code, round_of(code, 60, seed, twins=8)))
       for seed, code in enumerate(("top10", "fast10", "top50", "fast50", "innovator10", "trade10"))},
    "top10-large": lambda: score_round("top10", round_of("top10", 600, 42, twins=30)),
    "top10-tie-across-last-place": lambda: score_round(
        "top10", [_top10(i, YI, (20 - i) * YI) for i in range(8)] + [_top10(i, YI, 12 * YI) for i in range(8, 12)]),
    "top10-all-equal": lambda: score_round("top10", [_top10(i, YI) for i in range(4)], places=2),
    "top10-single": lambda: score_round("top10", [_top10(0, Decimal("12345.67"))]),
    "top10-none": lambda: score_round("top10", []),
    "top10-all-missing": lambda: score_round("top10", [Applicant(f"M{i}", {"revenue": i}) for i in range(3)]),
    "top10-nan": lambda: score_round("top10", [_top10(0, Decimal("NaN")), _top10(1, YI), _top10(2, 2 * YI)]),
    "top10-text-figure": lambda: score_round("top10", [_top10(0, "abc")]),
    "top10-duplicate-ids": lambda: score_round("top10", [_top10(0, YI), _top10(0, 2 * YI)]),
    "merit10": lambda: score_round("merit10", [_top10(0, YI)]),
    "trade10-expert-scores-missing": lambda: score_round("trade10", [Applicant("X", {"import_export": 1}, {})]),
    "innovator10-expert-refusals": lambda: score_round("innovator10", [
        Applicant("X", {}, {"management_structure": [1, 2], "education_title": [1], "research_results": [11]}),
        Applicant("Y", {}, {"management_structure": [True], "education_title": ["x"]})]),
}

FINGERPRINTS = {
    "fast10-random": "c4af00555c9a1b899b0d708d3508c2730e9535089683ef8340cca2a3e3bc3a32",
    "fast50-random": "6c9bc6ae3977133c4004378bcf6f9aa8e28b42d081832378fc4b042846504184",
    "innovator10-expert-refusals": "dcc156c22f54e950ae5697ff18fc555938d279da545c2115368b8fbdadcc9b47",
    "innovator10-random": "55a4131a30ef4c78fb79713cdfb8e5204845150c4b08dc89c0d33bf018afa913",
    "merit10": "6813b2c4e51eee2da6ba3fc70439ab61ee5162f17f232c2b56e01750d61ce804",
    "top10-all-equal": "2ba77bea879af296749e209e6bdee90454f06015a019bffaccc682218bee2b38",
    "top10-all-missing": "b6e22d6cbfb09c66a33297c3586972e9d4687c8a8c699cd4409a14d824ef6595",
    "top10-duplicate-ids": "b185e6984f317e5916dedc0caded75a96ef48a5ee3d2799c1d2d66c7c350f5ea",
    "top10-large": "bfee3c2581ed07c6368b1d061932f282aeb37fef1c2d4cb73ff50c9694302960",
    "top10-nan": "53549f698be13a37c54c6a76b541437ac866d35d73ce635d1a790d68f76bdba8",
    "top10-none": "38cfb1ee6cc665f2a637d20de4ba09268345dc924f7143201af4fa991793961c",
    "top10-random": "c019d59807637fa0822d3298e60fd8e52d5c38c0ef81c6eb3f05914f2baf9573",
    "top10-single": "1ea7d7448bc01a94b4c748e5d40aca2dcd93d72c0b1c436eca8896e05aeb8315",
    "top10-text-figure": "dcc462bf2a704d4a8ecf5e43f246b76a1414e0b4703aa042a6b2f7f99dd98de9",
    "top10-tie-across-last-place": "eda749b4787e15ba63992d0f77a81ec0153322eb32a5854e5d6ee968cf0e8b2a",
    "top50-random": "787f3c5f0c330fe277e55e76c4eeabaf95052fb0f7ec20d970dbbad195efc279",
    "trade10-expert-scores-missing": "85d360885f3a288492596fb05de3487af67a98542fdf240ec0f86670dac1546f",
    "trade10-random": "5cc41c9a620e7f4e871f0b6598d4684584029d7f224da2d4e4446ffc9e0d96dd",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_scoring_output_is_unchanged(case: str) -> None:
    text = "\n".join(lines(CASES[case]))
    assert hashlib.sha256(text.encode()).hexdigest() == FINGERPRINTS[case]


if __name__ == "__main__":
    for name in sys.argv[1:] or sorted(CASES):
        text = "\n".join(lines(CASES[name]))
        print(name, hashlib.sha256(text.encode()).hexdigest()) if len(sys.argv) == 1 else print(text)
