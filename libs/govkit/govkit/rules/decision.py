"""A decision with its legal basis and the facts it used (README: Legal basis)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from govkit.i18n import t


@dataclass(frozen=True)
class Decision:
    """`value` answers the question the deciding function asks (overdue? eligible? allowed?).

    `outcome` is a stable English code; `basis` the article(s); `facts` JSON-ready values used.
    """

    value: bool
    outcome: str
    basis: str
    facts: Mapping[str, Any] = field(default_factory=dict)
    reason_zh: str = ""
    reason_en: str = ""

    def __bool__(self) -> bool:
        return self.value

    @property
    def reason(self) -> str:
        return t(self.reason_zh, self.reason_en)

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "outcome": self.outcome, "basis": self.basis,
                "facts": dict(self.facts), "reason": self.reason}


@dataclass(frozen=True)
class FieldError:
    """One field problem, in the shape of problem+json `errors` entries."""

    field: str
    code: str
    message_zh: str
    message_en: str
    basis: str = ""

    def as_dict(self) -> dict[str, str]:
        out = {"field": self.field, "code": self.code, "message": t(self.message_zh, self.message_en)}
        if self.basis:
            out["basis"] = self.basis
        return out


def iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


class RuleBroken(ValueError):
    """A domain rule refused an action; govkit's handler answers it as a problem (422, or `status`: 403 where
    the rule says who may act, 409 where it says the state does not allow it) with this basis and facts."""

    def __init__(self, zh: str, en: str, *, basis: str = "", code: str = "rule_violation",
                 errors: list[FieldError] | None = None, facts: Mapping[str, Any] | None = None,
                 status: int = 422):
        super().__init__(en)
        self.zh, self.en, self.basis, self.code, self.status = zh, en, basis, code, status
        self.errors = list(errors or [])
        self.facts = dict(facts or {})

    @property
    def message(self) -> str:
        return t(self.zh, self.en)
