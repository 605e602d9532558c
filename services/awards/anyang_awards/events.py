"""Events the awards service consumes (handlers) and its time-driven jobs.

- credit.blacklist.added / removed (第二条; spec README Events): disqualify / restore open candidacies.
- hydrogen.accident.reported / concluded (第二十四条): under review / disqualified or lifted.
Jobs: the end of a public notice (第二十条), provisional notice ends recomputed, listings not in force.
Idempotent by the inbox, and naturally: marks are unique per (application, kind, source reference).
"""

from anyang_awards.models import kit
from anyang_awards.models.rounds import Round
from anyang_awards.service import candidacy, rounds
from govkit.events import Event, Handler
from govkit.events.retention import outbox_purge_job
from govkit.rules.provisional import ProvisionalDue, recompute_job
from govkit.scheduler import Job


async def on_blacklist_added(session, event: Event) -> None:
    await candidacy.on_listing_added(session, event.data, by=event.type)


async def on_blacklist_removed(session, event: Event) -> None:
    await candidacy.on_listing_removed(session, event.data, by=event.type)


async def on_accident_reported(session, event: Event) -> None:
    await candidacy.on_accident(session, event.data, concluded=False, by=event.type)


async def on_accident_concluded(session, event: Event) -> None:
    await candidacy.on_accident(session, event.data, concluded=True, by=event.type)


handlers: dict[str, Handler] = {
    "credit.blacklist.added": Handler(on_blacklist_added),
    "credit.blacklist.removed": Handler(on_blacklist_removed),
    "hydrogen.accident.reported": Handler(on_accident_reported),
    "hydrogen.accident.concluded": Handler(on_accident_concluded),
}
jobs: list[Job] = [
    # a public notice ending in a year whose holiday arrangement was not yet loaded (第二十条; README Working days)
    recompute_job([ProvisionalDue(Round, "notice_end", "notice_end_provisional", candidacy.notice_end_of)]),
    outbox_purge_job(kit),
    Job("awards.listings.not_in_force", candidacy.restore_not_in_force, every_seconds=600),
    # 第二十条: the notice ends by itself when its 7 working days have run and every objection is decided
    Job("awards.notice.end", rounds.end_notices, every_seconds=300),
]
