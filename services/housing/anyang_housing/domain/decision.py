"""Decisions with their legal basis and facts: the shared shape from govkit (README: Legal basis)."""

from govkit.rules.decision import Decision

__all__ = ["Decision"]
