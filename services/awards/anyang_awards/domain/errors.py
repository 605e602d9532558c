"""Refusals of the awards measures: govkit's RuleBroken (one problem shape), carrying the article and facts."""

from __future__ import annotations

from typing import Any

from govkit.rules.decision import RuleBroken

DOC = "安政办〔2023〕4号"


def art(n: str) -> str:
    """Cite an article of the awards measures, e.g. art("第三条")."""
    return f"{DOC} {n}"


class _AwardsRefusal(RuleBroken):
    code = "rule_violation"

    def __init__(self, message_zh: str, message_en: str, basis: str, facts: dict[str, Any] | None = None):
        super().__init__(message_zh, message_en, basis=basis, code=type(self).code, facts=facts)


class ProcedureError(_AwardsRefusal):
    """A round state change the procedure (Art. 15–20, 25) does not allow."""

    code = "procedure"


class ScoringError(_AwardsRefusal):
    """Scoring input that Art. 10 cannot score (e.g. an expert score out of range)."""

    code = "scoring"


class VotingError(_AwardsRefusal):
    """An invalid 差额评选 for 十大功勋企业家 (Art. 7)."""

    code = "voting"
