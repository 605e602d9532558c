"""Local fallback public credit grade: a transparent, versioned, dated rule set (rules/grade_rules.yaml).

The bulletin gives no formula (spec: Interpretation); a grade imported from the provincial/national
evaluation wins over it (CP 三（二）、三（四）).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from govkit.rules.params import NotInForce
from govkit.rules.periods import add_months, completed_years

from .decision import iso
from .lists import ListEntry, is_effective
from .vocab import CP, LISTS, Grade, ListCode, PenaltySeverity, RecordCategory

BASIS_IMPORTED = (f"{CP} 三（二） (落实国家和省信用通用标准); "
                  f"{CP} 三（四） (公共信用评价结果和行业信用评价结果…融合应用): "
                  "the provincial/national 公共信用综合评价 is the public grade")
RULE_SET_NAME = "credit.grade.rule_set"  # named in the 422 when a date precedes every version
BASIS_LOCAL = f"{CP} 三（四）; Interpretation: local fallback rule set (no provincial/national grade given)"
BASIS_RECORD_EFFECTIVE = ("Interpretation: a record counts from its decision date until the day before its "
                          "publication ended (repair approved, withdrawn)")


@dataclass(frozen=True)
class ScoredRecord:
    """What the grade needs of a credit record."""

    record_id: str
    category: RecordCategory
    decision_date: date
    severity: PenaltySeverity | None = None
    ended_on: date | None = None  # publication ended (repair approved / withdrawn): not counted from then


def record_effective(record: ScoredRecord, on: date) -> bool:
    return record.decision_date <= on and (record.ended_on is None or on < record.ended_on)


@dataclass(frozen=True)
class CategoryPoints:
    zh: str
    en: str
    points: int | None = None
    by_severity: Mapping[PenaltySeverity, int] | None = None


@dataclass(frozen=True)
class Decay:
    method: str  # halving | linear | none
    period_years: int = 1  # halving
    over_years: int = 3  # linear
    max_age_years: int | None = None  # halving: nothing after this many completed years


@dataclass(frozen=True)
class RuleSet:
    version: str
    valid_from: date
    reference: str
    baseline: int
    min_score: int
    max_score: int
    default_severity: PenaltySeverity
    points: Mapping[RecordCategory, CategoryPoints]
    decay: Decay
    list_forces: Mapping[ListCode, Grade]
    thresholds: tuple[tuple[Grade, int], ...]  # (grade, min_score 以上), highest first

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> RuleSet:
        points = {}
        for cat, spec in (d.get("points") or {}).items():
            by_sev = spec.get("by_severity")
            points[RecordCategory(cat)] = CategoryPoints(
                spec.get("zh", cat), spec.get("en", cat), spec.get("points"),
                {PenaltySeverity(k): int(v) for k, v in by_sev.items()} if by_sev else None)
        dec = d.get("decay") or {"method": "none"}
        decay = Decay(dec["method"], int(dec.get("period_years", 1)), int(dec.get("over_years", 3)),
                      dec.get("max_age_years"))
        if decay.method not in ("halving", "linear", "none"):
            raise ValueError(f"unknown decay method {decay.method!r}")
        forces = {ListCode(code): Grade(spec["forces_grade"])
                  for code, spec in (d.get("lists") or {}).items() if spec and spec.get("forces_grade")}
        thresholds = tuple(sorted(((Grade(t["grade"]), int(t["min_score"])) for t in d["thresholds"]),
                                  key=lambda gt: -gt[1]))
        valid_from = d["valid_from"]
        if isinstance(valid_from, str):
            valid_from = date.fromisoformat(valid_from)
        return cls(str(d["version"]), valid_from, d.get("reference", ""), int(d["baseline"]),
                   int(d.get("min_score", 0)), int(d.get("max_score", 100)),
                   PenaltySeverity(d.get("default_severity", "general")), points, decay, forces, thresholds)


def load_rule_sets(document: Mapping[str, Any]) -> list[RuleSet]:
    """All versions in a grade_rules document, oldest first."""
    return sorted((RuleSet.from_dict(rs) for rs in document["rule_sets"]), key=lambda rs: rs.valid_from)


def rule_set_at(rule_sets: Sequence[RuleSet], on: date) -> RuleSet:
    """The version in force on `on` (latest valid_from <= on).

    NotInForce (a KeyError, answered 422) when `on` is before the first version; KeyError when there is none.
    """
    if not rule_sets:
        raise KeyError("no grade rule set loaded")
    valid = [rs for rs in rule_sets if rs.valid_from <= on]
    if not valid:
        raise NotInForce(RULE_SET_NAME, on, min(rs.valid_from for rs in rule_sets))
    return max(valid, key=lambda rs: rs.valid_from)


@dataclass(frozen=True)
class Contribution:
    record_id: str
    category: str
    points: float
    reason: str  # Chinese
    reason_en: str
    base_points: int = 0
    factor: float = 1.0
    age_years: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"record_id": self.record_id, "category": self.category, "points": self.points,
                "reason": self.reason, "reason_en": self.reason_en, "base_points": self.base_points,
                "factor": self.factor, "age_years": self.age_years}


@dataclass(frozen=True)
class GradeResult:
    grade: Grade
    score: float
    rule_set_version: str
    as_of: date
    contributions: tuple[Contribution, ...]
    basis: str
    forced_by: tuple[str, ...] = ()  # list entry ids forcing the grade
    facts: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"grade": self.grade.value, "score": self.score, "rule_set_version": self.rule_set_version,
                "as_of": self.as_of.isoformat(), "basis": self.basis, "forced_by": list(self.forced_by),
                "contributions": [c.as_dict() for c in self.contributions], "facts": dict(self.facts)}


def _completed_months(start: date, as_of: date) -> int:
    months = (as_of.year - start.year) * 12 + as_of.month - start.month
    while months > 0 and add_months(start, months) > as_of:
        months -= 1
    return max(months, 0)


def decay_factor(decay: Decay, decision_date: date, as_of: date) -> tuple[Decimal, int]:
    """(factor, completed years of age) — anniversaries per 民法典 第二百零二条."""
    years = completed_years(decision_date, as_of)
    if decay.method == "none":
        return Decimal(1), years
    if decay.method == "halving":
        if decay.max_age_years is not None and years >= decay.max_age_years:
            return Decimal(0), years
        return Decimal(1) / (Decimal(2) ** (years // decay.period_years)), years
    months = _completed_months(decision_date, as_of)
    total = decay.over_years * 12
    return max(Decimal(0), Decimal(total - months) / Decimal(total)), years


def _base_points(rule_set: RuleSet, record: ScoredRecord) -> tuple[int, str, str] | None:
    spec = rule_set.points.get(RecordCategory(record.category))
    if spec is None:
        return None
    if spec.by_severity:
        severity = PenaltySeverity(record.severity or rule_set.default_severity)
        pts = spec.by_severity.get(severity)
        if pts is None:
            return None
        return pts, f"{spec.zh}（{_SEVERITY_ZH[severity]}）", f"{spec.en} ({severity.value})"
    if spec.points is None:
        return None
    return spec.points, spec.zh, spec.en


_SEVERITY_ZH = {PenaltySeverity.MINOR: "轻微", PenaltySeverity.GENERAL: "一般",
                PenaltySeverity.SERIOUS: "严重"}
_CENT = Decimal("0.01")


def compute_grade(records: Iterable[ScoredRecord], list_entries: Iterable[ListEntry], as_of: date,
                  rule_set: RuleSet) -> GradeResult:
    """Grade as it stood on `as_of`, using only records and list entries effective on that date."""
    contributions: list[Contribution] = []
    total = Decimal(rule_set.baseline)
    considered = 0
    for record in sorted(records, key=lambda r: (r.decision_date, r.record_id)):
        if not record_effective(record, as_of):
            continue
        considered += 1
        base = _base_points(rule_set, record)
        if base is None or base[0] == 0:
            continue
        pts, zh, en = base
        factor, years = decay_factor(rule_set.decay, record.decision_date, as_of)
        points = (Decimal(pts) * factor).quantize(_CENT, ROUND_HALF_UP)
        if points == 0:
            continue  # aged out: not a contributor any more
        total += points
        age_zh = f"，已满{years}年，按{factor.normalize()}计" if factor != 1 else ""
        age_en = f", {years} completed year(s) old, factor {factor.normalize()}" if factor != 1 else ""
        contributions.append(Contribution(record.record_id, RecordCategory(record.category).value,
                                          float(points), f"{zh}{age_zh}", f"{en}{age_en}", pts,
                                          float(factor), years))
    score = min(max(total, Decimal(rule_set.min_score)), Decimal(rule_set.max_score))
    grade = next((g for g, minimum in rule_set.thresholds if score >= minimum), rule_set.thresholds[-1][0])
    forced: list[str] = []
    worst = grade
    for entry in sorted(list_entries, key=lambda e: (e.list_code, e.entry_id)):
        forces = rule_set.list_forces.get(ListCode(entry.list_code))
        if forces is None or not is_effective(entry, as_of):
            continue
        forced.append(entry.entry_id)
        definition = LISTS[ListCode(entry.list_code)]
        contributions.append(Contribution(entry.entry_id, RecordCategory.LIST_ENTRY.value, 0.0,
                                          f"列入{definition.zh}，等级不高于{forces.value}",
                                          f"on the list {definition.en}: grade at best {forces.value}"))
        worst = max(worst, forces)  # "D" > "C" > "B" > "A" as strings: the worse grade wins
    basis = f"{BASIS_LOCAL}; rule set {rule_set.version} ({rule_set.reference}); {BASIS_RECORD_EFFECTIVE}"
    if forced:
        basis += f"; {CP} 四（四）: only lists configured to force a grade do so"
    facts = {"baseline": rule_set.baseline, "score_before_clamp": float(total),
             "records_considered": considered, "score_grade": grade.value,
             "rule_set_valid_from": iso(rule_set.valid_from)}
    return GradeResult(worst, float(score), rule_set.version, as_of, tuple(contributions), basis,
                       tuple(forced), facts)


@dataclass(frozen=True)
class ImportedGrade:
    grade: Grade
    source: str  # "provincial" | "national"
    evaluated_on: date
    reference: str = ""


@dataclass(frozen=True)
class PublicGrade:
    grade: Grade
    source: str  # "provincial" | "national" | "local"
    basis: str
    local: GradeResult | None
    imported: ImportedGrade | None


def choose_public_grade(imported: ImportedGrade | None, local: GradeResult | None) -> PublicGrade:
    """An imported provincial/national grade is the public grade; the local grade is the fallback."""
    if imported is not None:
        return PublicGrade(Grade(imported.grade), imported.source, BASIS_IMPORTED, local, imported)
    if local is None:
        raise ValueError("neither an imported nor a local grade")
    return PublicGrade(local.grade, "local", local.basis, local, None)
