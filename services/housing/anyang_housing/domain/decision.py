"""Decisions with their legal basis and facts: the shared shape from govkit (README: Legal basis)."""

from govkit.rules.decision import Decision, RuleBroken

__all__ = ["Decision", "RuleBroken", "refusal"]


def refusal(d: Decision) -> RuleBroken:
    """A refusing decision as the 422 problem naming its basis, with the facts it used."""
    return RuleBroken(d.reason_zh, d.reason_en, basis=d.basis, code=d.outcome, facts=d.facts)
