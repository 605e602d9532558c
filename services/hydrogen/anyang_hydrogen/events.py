"""Events the hydrogen service consumes (handlers) and its time-driven jobs."""

from __future__ import annotations

from anyang_hydrogen.domain import construction as construction_rules
from anyang_hydrogen.domain import filing as filing_rules
from anyang_hydrogen.models.construction import Acceptance
from anyang_hydrogen.models.stations import Filing
from anyang_hydrogen.service.stations import open_due_stations
from govkit.events import Handler
from govkit.rules.periods import Deadline
from govkit.rules.provisional import ProvisionalDue, recompute_job
from govkit.scheduler import Job


def _filing_recomputed(f: Filing, due: Deadline) -> None:
    f.due_basis = filing_rules.due_basis(f.received_on, due)
    if f.decided_on is not None:
        f.verified_late = f.decided_on > due.due


def _acceptance_recomputed(a: Acceptance, due: Deadline) -> None:
    a.due_basis = f"{construction_rules.ACCEPTANCE_BASIS}；{due.basis}"
    a.report_late = bool(construction_rules.report_late(a.reported_on, due.due))


PROVISIONAL_DUES = [
    ProvisionalDue(Filing, "verification_due", "due_provisional",
                   lambda f, cal: filing_rules.verification_due(f.received_on, cal), _filing_recomputed),
    ProvisionalDue(Acceptance, "report_due", "due_provisional",
                   lambda a, cal: construction_rules.report_due(a.accepted_on, cal), _acceptance_recomputed),
]

handlers: dict[str, Handler] = {}
jobs: list[Job] = [
    recompute_job(PROVISIONAL_DUES),
    Job("open_due_stations", open_due_stations, 300.0),
]
