"""A refused domain decision as the caller sees it: problem+json naming the rule, its basis and facts."""

from __future__ import annotations

from typing import NoReturn

from anyang_hydrogen.domain.decision import Decision
from govkit.errors import Conflict, RuleViolation


def refuse(d: Decision, *, field: str | None = None, conflict: bool = False) -> NoReturn:
    extra = {"basis": d.basis, "rule": d.outcome, "facts": dict(d.facts)}
    errors = [{"field": field, "message": d.reason}] if field else None
    cls = Conflict if conflict else RuleViolation
    raise cls(d.reason_zh, d.reason_en, errors=errors, code=d.outcome.replace("_", "-"), extra=extra)


def ensure(d: Decision, **kwargs) -> Decision:
    if not d:
        refuse(d, **kwargs)
    return d
