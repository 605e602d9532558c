"""Shared pieces of the routers: Location of a created resource, verdicts from decisions."""

from __future__ import annotations

from fastapi import Request, Response

from anyang_housing.domain.decision import Decision
from anyang_housing.schemas.projects import Verdict
from anyang_housing.schemas.vocab import VERDICT_OUTCOME_LABELS


def created(request: Request, response: Response, path: str) -> None:
    """201 answers name the new resource (behind the gateway, under its prefix)."""
    response.headers["Location"] = f"{request.scope.get('root_path', '')}{path}"


def verdict(d: Decision) -> Verdict:
    return Verdict(passed=d.value, outcome=d.outcome, outcome_label=VERDICT_OUTCOME_LABELS[d.outcome], basis=d.basis,
                   reason=d.reason, facts=dict(d.facts))
