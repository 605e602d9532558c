"""Events the credit service consumes (handlers) and its time-driven jobs."""

from anyang_credit.models import kit
from anyang_credit.models.records import CreditRecord
from anyang_credit.service import event_records, grades, lists, records, subjects
from govkit.events import Handler
from govkit.events.retention import outbox_purge_job
from govkit.rules.provisional import ProvisionalDue, recompute_job
from govkit.scheduler import Job

# the data fields of each consumed event are documented in service/event_records.py
handlers: dict[str, Handler] = {
    "awards.honor.granted": Handler(event_records.on_honor_granted),
    "awards.honor.revoked": Handler(event_records.on_honor_revoked),
    "housing.fraud.confirmed": Handler(event_records.on_housing_fraud),
    "hydrogen.penalty.decided": Handler(event_records.on_hydrogen_penalty),
}
jobs: list[Job] = [
    Job("credit.publication.overdue", event_records.overdue_job, every_seconds=300),
    Job("credit.lists.expire", lists.expire_due, every_seconds=600),
    Job("credit.lists.in_force", lists.announce_in_force, every_seconds=600),
    Job("credit.grades.recompute", grades.recompute_touched, every_seconds=900),
    # publication deadlines counted on a year's holiday arrangement once it is loaded (README: Working days)
    recompute_job([ProvisionalDue(CreditRecord, "due_date", "due_provisional", records.recomputed_due)]),
    Job("credit.subjects.rekey", subjects.rekey_persons, every_seconds=3600),
    outbox_purge_job(kit),
]
