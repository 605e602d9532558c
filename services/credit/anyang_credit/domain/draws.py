"""双随机、一公开 random inspection draw, grade-differentiated (CP 三（四）; 安政办〔2023〕1号（十七）).

Reproducible: inputs are sorted first, then one `random.Random(seed)` draws the entities grade by grade
(A, B, C, D) and then, inspection by inspection, the inspectors of each department (sorted codes).
The same seed and inputs give the same draw; the seed and a fingerprint of the inputs are recorded.
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
from .vocab import BE, CP, Grade

ALGORITHM = ("draw-v1: sorted inputs; random.Random(seed).sample per grade A-D, "
             "then per inspection per department")
BASIS = (f"{CP} 三（四） (根据信用等级在…“双随机、一公开”抽查比例和频次等方面采取差异化措施); "
         f"{BE}（十七） (跨部门联合“双随机、一公开”监管，建立联合监管事项清单)")
BASIS_COUNT = ("Interpretation: drawn per grade = ceil(ratio × number of entities of that grade), so a "
               "non-empty grade with a ratio above 0 always yields at least one; never more than the group")
PARAM_RATIO = "credit.draw.ratio.{grade}"
PARAM_INSPECTORS = "credit.draw.inspectors_per_inspection"


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
        """The public result (一公开)."""
        return {
            "seed": self.seed, "departments": list(self.departments),
            "inspectors_per_inspection": self.inspectors_per_inspection,
            "inspections": [{"entity_code": i.entity_code, "grade": i.grade.value,
                             "inspectors": {d: list(ids) for d, ids in i.inspectors.items()}}
                            for i in self.inspections],
            "counts": [{"grade": c.grade.value, "population": c.population, "ratio": c.ratio,
                        "drawn": c.drawn} for c in self.counts],
            "input_fingerprint": self.input_fingerprint, "algorithm": self.algorithm, "basis": self.basis,
        }


def new_seed() -> int:
    """A fresh seed for a new draw (record it with the result)."""
    return secrets.randbits(63)


def default_ratios(on: date, params: ParameterSet) -> dict[Grade, Decimal]:
    return {g: Decimal(str(params.at(PARAM_RATIO.format(grade=g.value), on).value)) for g in Grade}


def default_inspectors_per_inspection(on: date, params: ParameterSet) -> int:
    return int(params.at(PARAM_INSPECTORS, on).value)


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
         inspectors_per_inspection: int = 2) -> DrawResult:
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
        counts.append(GradeCount(grade, len(group), str(ratio), n))
    inspections = tuple(
        Inspection(c.code, c.grade,
                   {d: tuple(sorted(rng.sample(sorted_pools[d], inspectors_per_inspection))) for d in depts})
        for c in chosen)
    return DrawResult(seed, depts, inspectors_per_inspection, inspections, tuple(counts),
                      _fingerprint(candidates, rates, sorted_pools, depts, inspectors_per_inspection),
                      ALGORITHM, f"{BASIS}; {BASIS_COUNT}")
