"""Credit records (信用信息归集, CP 三（三）, 二（一）1): field rules, the content fingerprint that makes a
re-sent record `unchanged`, checks against the public credit information catalogue, coverage gaps, and the
record as known on a date (the public view's masking: domain/public.py)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from govkit.rules.periods import add_months

from .decision import FieldError
from .vocab import CP, CatalogueFrequency, PenaltySeverity, RecordCategory, RecordStatus

BASIS_COLLECTION = f"{CP} 三（三） (全覆盖、无遗漏归集)"
BASIS_CATALOGUE = f"{CP} 三（三） (定期更新发布安阳市公共信用信息目录)"

# standard record attributes a catalogue entry may list; any other name is a catalogue-specific field
STANDARD_FIELDS = frozenset({"title", "content", "legal_basis", "severity", "amount_fen"})
# the attributes whose change makes a re-sent record a conflict (the key is department + decision number)
FINGERPRINT_FIELDS = ("subject_code", "category", "decision_date", "title", "content", "legal_basis",
                      "severity", "amount_fen", "fields")


def validate_record(*, category: RecordCategory | str, decision_date: date, severity: str | None,
                    today: date) -> list[FieldError]:
    """Rules beyond field syntax: no decision in the future; a penalty states its severity (the grade and
    the minimum publication period before repair depend on it), other categories have none."""
    errors: list[FieldError] = []
    if decision_date > today:
        errors.append(FieldError("decision_date", "in_future", f"决定日期{decision_date}晚于今天{today}",
                                 f"The decision date {decision_date} is after today {today}",
                                 BASIS_COLLECTION))
    penalty = RecordCategory(category) is RecordCategory.ADMINISTRATIVE_PENALTY
    if penalty and severity is None:
        errors.append(FieldError("severity", "required", "行政处罚须载明严重程度（minor / general / serious）",
                                 "An administrative penalty needs its severity (minor / general / serious)"))
    if severity is not None and not penalty:
        errors.append(FieldError("severity", "not_applicable", "只有行政处罚记录载明严重程度",
                                 "Only administrative penalties carry a severity"))
    if severity is not None and severity not in {s.value for s in PenaltySeverity}:
        errors.append(FieldError("severity", "unknown", f"未知严重程度：{severity}", f"Unknown severity: {severity}"))
    return errors


def fingerprint(values: Mapping[str, Any]) -> str:
    """SHA-256 of the record's content (FINGERPRINT_FIELDS, canonical JSON): equal ⇔ same content."""
    canon = {k: values.get(k) for k in FINGERPRINT_FIELDS}
    canon["decision_date"] = str(canon["decision_date"]) if canon["decision_date"] is not None else None
    canon["fields"] = dict(sorted((canon.get("fields") or {}).items()))
    for k in ("title", "content", "legal_basis"):
        canon[k] = (canon[k] or "").strip()
    raw = json.dumps(canon, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def catalogue_check(required_fields: Iterable[str], values: Mapping[str, Any]) -> list[FieldError]:
    """The fields the catalogue requires for this department and category, present and not empty."""
    errors = []
    extra = values.get("fields") or {}
    for name in required_fields:
        value = values.get(name) if name in STANDARD_FIELDS else extra.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            where = name if name in STANDARD_FIELDS else f"fields.{name}"
            errors.append(FieldError(where, "catalogue_field_missing", f"公共信用信息目录要求报送“{name}”",
                                     f"The public credit information catalogue requires '{name}'",
                                     BASIS_CATALOGUE))
    return errors


def reporting_periods(frequency: CatalogueFrequency | str, period_from: date,
                      period_to: date) -> list[tuple[date, date]]:
    """The intervals of a catalogue item's reporting frequency within [period_from, period_to], clipped to it:
    calendar days, ISO weeks (Monday–Sunday), months, quarters, years; `realtime` (each decision within 7
    working days) is the whole period."""
    frequency = CatalogueFrequency(frequency)
    if frequency is CatalogueFrequency.REALTIME:
        return [(period_from, period_to)]
    out, start = [], period_from
    while start <= period_to:
        if frequency is CatalogueFrequency.DAILY:
            end = start
        elif frequency is CatalogueFrequency.WEEKLY:
            end = start + timedelta(days=6 - start.weekday())
        else:
            months = {CatalogueFrequency.MONTHLY: 1, CatalogueFrequency.QUARTERLY: 3,
                      CatalogueFrequency.YEARLY: 12}[frequency]
            first = date(start.year, 1 if months == 12 else start.month - (start.month - 1) % months, 1)
            end = add_months(first, months) - timedelta(days=1)
        end = min(end, period_to)
        out.append((start, end))
        start = end + timedelta(days=1)
    return out


def coverage_gaps(required: Mapping[str, Mapping[str, str]],
                  decided: Mapping[tuple[str, str], Mapping[date, int]],
                  period_from: date, period_to: date) -> dict[str, dict[str, Any]]:
    """Per department: the catalogue categories it must report (with their frequency), how many records it
    reported decided in the period (`decided`: records per decision date), and the reporting periods of each
    frequency without any record; a gap is a category with such a period (CP 三（三）: 全覆盖、无遗漏)."""
    out: dict[str, dict[str, Any]] = {}
    for department, categories in sorted(required.items()):
        counts, missing = {}, {}
        for category, frequency in sorted(categories.items()):
            per_day = decided.get((department, category), {})
            counts[category] = sum(per_day.values())
            dates = sorted(per_day)
            empty = [(a, b) for a, b in reporting_periods(frequency, period_from, period_to)
                     if not any(a <= d <= b for d in dates)]
            if empty:
                missing[category] = empty
        out[department] = {"counts": counts, "frequency": dict(categories), "missing": missing,
                           "gaps": sorted(missing), "complete": not missing}
    return out


def as_known_on(current: Mapping[str, Any], changes: Sequence[tuple[datetime, Mapping[str, Any]]],
                cutoff: datetime) -> dict[str, Any] | None:
    """A record as it was known at `cutoff` (the end of a business day; issue #10 item 8): None when it was
    reported after; else its state before the first change made at or after `cutoff` (`changes`: the kept
    versions, oldest first, each (when it was replaced, the state it replaced)), without a publication or a
    repair that came later."""
    if current["reported_at"] >= cutoff:
        return None
    state = dict(next((snapshot for changed_at, snapshot in changes if changed_at >= cutoff), current))
    if state.get("published_at") is not None and state["published_at"] >= cutoff:
        state["published_at"] = state["published_on"] = None
    if state.get("publication_ended_at") is not None and state["publication_ended_at"] >= cutoff:
        state["publication_ended_at"] = None
        if state.get("status") == RecordStatus.REPAIRED:
            state["status"] = RecordStatus.ACTIVE.value
    return state
