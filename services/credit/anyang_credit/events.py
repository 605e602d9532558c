"""Events the credit service consumes (handlers) and its time-driven jobs."""

from govkit.events import Handler
from govkit.scheduler import Job

handlers: dict[str, Handler] = {}
jobs: list[Job] = []

from anyang_credit.service import event_records as _a_records  # noqa: E402  (part A; data fields documented there)

handlers |= {"awards.honor.granted": Handler(_a_records.on_honor_granted),  # part A
             "awards.honor.revoked": Handler(_a_records.on_honor_revoked),  # part A
             "housing.fraud.confirmed": Handler(_a_records.on_housing_fraud),  # part A
             "hydrogen.penalty.decided": Handler(_a_records.on_hydrogen_penalty)}  # part A
jobs += [Job("credit.publication.overdue", _a_records.overdue_job, every_seconds=300)]  # part A

from anyang_credit.service import grades as _b_grades  # noqa: E402  (part B)
from anyang_credit.service import lists as _b_lists  # noqa: E402  (part B)

jobs += [Job("credit.lists.expire", _b_lists.expire_due, every_seconds=600),  # part B
         Job("credit.grades.recompute", _b_grades.recompute_touched, every_seconds=900)]  # part B
