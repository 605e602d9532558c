"""Domain errors: a plain exception carrying zh/en messages and the article it rests on."""

from __future__ import annotations

from typing import Any

DOC = "安政办〔2023〕4号"


def art(n: str) -> str:
    """Cite an article of the awards measures, e.g. art("第三条")."""
    return f"{DOC} {n}"


class AwardsRuleError(Exception):
    """A rule of the awards measures refuses the request."""

    def __init__(self, message_zh: str, message_en: str, basis: str, facts: dict[str, Any] | None = None):
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en
        self.basis = basis
        self.facts = dict(facts or {})

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh


class ProcedureError(AwardsRuleError):
    """A round state change the procedure (Art. 15–20, 25) does not allow."""


class ScoringError(AwardsRuleError):
    """Scoring input that Art. 10 cannot score (e.g. an expert score out of range)."""


class VotingError(AwardsRuleError):
    """An invalid 差额评选 for 十大功勋企业家 (Art. 7)."""
