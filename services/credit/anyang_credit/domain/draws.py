"""双随机、一公开 random inspection draw, grade-differentiated (CP 三（四）; 安政办〔2023〕1号（十七）).

Cannot be steered: the service draws the seed (256 random bits) and publishes only its commitment (SHA-256)
with the draw; the seed is revealed with the results, once every drawn inspection's result is recorded, so
anyone can then check the commitment and re-run the draw. Reproducible: inputs are sorted first, then one
`random.Random(seed)` draws the entities grade by grade (A, B, C, D) and then, inspection by inspection, the
inspectors of each department (sorted codes). The population is the market entities (市场主体, 安政办〔2023〕1号
（十七）) without those already inspected as often in the past year as their grade's frequency allows.
"""

from __future__ import annotations

import hashlib
import json
import random
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Any

from govkit.rules.params import ParameterSet

from .decision import RuleBroken
from .vocab import BE, CP, Grade, SubjectKind

ALGORITHM = ("draw-v1: sorted inputs; random.Random(seed).sample per grade A-D, "
             "then per inspection per department")
BASIS = (f"{CP} 三（四） (根据信用等级在…“双随机、一公开”抽查比例和频次等方面采取差异化措施); "
         f"{BE}（十七） (跨部门联合“双随机、一公开”监管，建立联合监管事项清单)")
BASIS_COUNT = ("Interpretation: drawn per grade = ceil(ratio × number of entities of that grade), so a "
               "non-empty grade with a ratio above 0 always yields at least one; never more than the group")
BASIS_POPULATION = (f"{BE}（十七） (在市场监管…等领域实施信用分级分类监管，依据市场主体风险高低…抽查比例和频次): "
                    "market entities only — enterprises and individual businesses, no government bodies or public "
                    "institutions; each with its public grade on the draw date")
BASIS_FREQUENCY = (f"{CP} 三（四） (根据信用等级在…抽查比例和频次等方面采取差异化措施); {BE}（十七） (避免…重复检查): "
                   "an entity drawn in the past year as often as its grade's frequency allows (draws of any of the "
                   "participating departments) is left out")
BASIS_SEED = ("Interpretation: commit and reveal — the service draws the seed, publishes its SHA-256 with the "
              "draw and reveals it once every drawn inspection's result is recorded (一公开)")
PARAM_RATIO = "credit.draw.ratio.{grade}"
PARAM_FREQUENCY = "credit.draw.frequency_per_year.{grade}"
PARAM_INSPECTORS = "credit.draw.inspectors_per_inspection"
MARKET_ENTITIES = (SubjectKind.ENTERPRISE, SubjectKind.INDIVIDUAL_BUSINESS)


@dataclass(frozen=True)
class Candidate:
    code: str
    grade: Grade


@dataclass(frozen=True)
class Inspection:
    entity_code: str
    grade: Grade
    inspectors: Mapping[str, tuple[str, ...]]  # department code → inspector ids


@dataclass(frozen=True)
class GradeCount:
    grade: Grade
    population: int
    ratio: str
    drawn: int
    frequency_per_year: int = 0
    left_out: int = 0  # already inspected as often in the past year as the frequency allows


@dataclass(frozen=True)
class DrawResult:
    seed: int | str
    departments: tuple[str, ...]
    inspectors_per_inspection: int
    inspections: tuple[Inspection, ...]
    counts: tuple[GradeCount, ...]
    input_fingerprint: str
    algorithm: str
    basis: str

    def as_dict(self) -> dict[str, Any]:
        """The whole result, as recorded (what is public of it is decided by the service: 一公开 once done)."""
        return {
            "seed": self.seed, "departments": list(self.departments),
            "inspectors_per_inspection": self.inspectors_per_inspection,
            "inspections": [{"entity_code": i.entity_code, "grade": i.grade.value,
                             "inspectors": {d: list(ids) for d, ids in i.inspectors.items()}}
                            for i in self.inspections],
            "counts": [{"grade": c.grade.value, "population": c.population, "ratio": c.ratio,
                        "drawn": c.drawn, "frequency_per_year": c.frequency_per_year, "left_out": c.left_out}
                       for c in self.counts],
            "input_fingerprint": self.input_fingerprint, "algorithm": self.algorithm, "basis": self.basis,
        }


def new_seed() -> int:
    """A fresh seed for a new draw: 256 random bits from the OS (never the caller's)."""
    return secrets.randbits(256)


def commitment(seed: int | str) -> str:
    """SHA-256 of the seed's decimal digits: published with the draw, checked when the seed is revealed."""
    return hashlib.sha256(str(seed).encode("ascii")).hexdigest()


def revealed(drawn: int, recorded: int) -> bool:
    """The seed is revealed once every drawn inspection's result is recorded (BASIS_SEED)."""
    return recorded >= drawn


def default_ratios(on: date, params: ParameterSet) -> dict[Grade, Decimal]:
    return {g: Decimal(str(params.at(PARAM_RATIO.format(grade=g.value), on).value)) for g in Grade}


def frequencies(on: date, params: ParameterSet) -> dict[Grade, int]:
    """Per grade, how often an entity may be drawn in a year (dated, cited parameters)."""
    return {g: int(params.at(PARAM_FREQUENCY.format(grade=g.value), on).value) for g in Grade}


def default_inspectors_per_inspection(on: date, params: ParameterSet) -> int:
    return int(params.at(PARAM_INSPECTORS, on).value)


def within_frequency(population: Iterable[Candidate], drawn_past_year: Mapping[str, int],
                     per_year: Mapping[Grade, int]) -> tuple[list[Candidate], dict[Grade, int]]:
    """The candidates not yet drawn in the past year as often as their grade allows, and per grade how many
    were left out (BASIS_FREQUENCY)."""
    kept, left_out = [], dict.fromkeys(Grade, 0)
    for c in population:
        if drawn_past_year.get(c.code, 0) >= per_year[Grade(c.grade)]:
            left_out[Grade(c.grade)] += 1
        else:
            kept.append(c)
    return kept, left_out


def draw_count(ratio: Decimal | float | str, population: int) -> int:
    """ceil(ratio × population), capped at the population (see BASIS_COUNT); exact decimal arithmetic."""
    r = Decimal(str(ratio))
    if not Decimal(0) <= r <= Decimal(1):
        raise ValueError(f"ratio {ratio} is outside 0..1")
    return min(population, int((r * population).to_integral_value(rounding=ROUND_CEILING)))


def _fingerprint(candidates: Sequence[Candidate], ratios: Mapping[Grade, Decimal],
                 pools: Mapping[str, Sequence[str]], departments: Sequence[str], k: int) -> str:
    doc = {"population": [[c.code, c.grade.value] for c in candidates],
           "ratios": {g.value: str(r) for g, r in sorted(ratios.items())},
           "pools": {d: sorted(set(pools[d])) for d in departments}, "departments": list(departments),
           "inspectors_per_inspection": k}
    raw = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


def draw(population: Iterable[Candidate], ratios: Mapping[Grade | str, Decimal | float | str],
         pools: Mapping[str, Iterable[str]], departments: Iterable[str], seed: int | str,
         inspectors_per_inspection: int, per_year: Mapping[Grade | str, int] | None = None,
         left_out: Mapping[Grade | str, int] | None = None) -> DrawResult:
    """Draw the entities to inspect and, for each, `inspectors_per_inspection` inspectors from EACH
    participating department's pool (a joint draw has several departments; one department is the usual case).
    """
    depts = tuple(sorted(set(departments)))
    if not depts:
        raise RuleBroken("至少需要一个参与部门", "At least one department must take part",
                         code="no_department")
    if inspectors_per_inspection < 1:
        raise RuleBroken("每次检查至少一名检查人员", "At least one inspector per inspection",
                         code="bad_inspectors")
    sorted_pools = {d: tuple(sorted(set(pools.get(d, ())))) for d in depts}
    short = {d: len(p) for d, p in sorted_pools.items() if len(p) < inspectors_per_inspection}
    if short:
        raise RuleBroken("执法检查人员名录库人数不足",
                         "An inspector pool is smaller than the inspectors needed", code="pool_too_small",
                         facts={"pool_sizes": short, "needed": inspectors_per_inspection})
    rates = {Grade(g): Decimal(str(r)) for g, r in ratios.items()}
    candidates = sorted((Candidate(c.code, Grade(c.grade)) for c in population), key=lambda c: c.code)
    codes = [c.code for c in candidates]
    if len(set(codes)) != len(codes):
        raise RuleBroken("抽查对象名录中有重复主体", "The population lists an entity twice",
                         code="duplicate_entity")
    rng = random.Random(seed)
    counts: list[GradeCount] = []
    chosen: list[Candidate] = []
    for grade in Grade:
        group = [c for c in candidates if c.grade is grade]
        ratio = rates.get(grade, Decimal(0))
        n = draw_count(ratio, len(group))
        picked = sorted(rng.sample(group, n), key=lambda c: c.code) if n else []
        chosen.extend(picked)
        counts.append(GradeCount(grade, len(group), str(ratio), n, int((per_year or {}).get(grade, 0)),
                                 int((left_out or {}).get(grade, 0))))
    inspections = tuple(
        Inspection(c.code, c.grade,
                   {d: tuple(sorted(rng.sample(sorted_pools[d], inspectors_per_inspection))) for d in depts})
        for c in chosen)
    return DrawResult(seed, depts, inspectors_per_inspection, inspections, tuple(counts),
                      _fingerprint(candidates, rates, sorted_pools, depts, inspectors_per_inspection),
                      ALGORITHM, f"{BASIS}; {BASIS_COUNT}; {BASIS_POPULATION}; {BASIS_FREQUENCY}; {BASIS_SEED}")
