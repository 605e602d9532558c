"""Decisions with their legal basis and facts: the shared shape from govkit (README: Legal basis)."""

from govkit.rules.decision import Decision, FieldError, RuleBroken, iso

__all__ = ["Decision", "FieldError", "RuleBroken", "iso"]
