"""Events the tasks service consumes (handlers) and its time-driven jobs."""

from anyang_tasks.service.supervision import raise_from_overdue_publication
from govkit.events import Handler
from govkit.scheduler import Job

handlers: dict[str, Handler] = {
    # credit: a department missed the 7-working-day publication deadline (安政〔2023〕2号 二（一）1)
    "credit.publication.overdue": Handler(raise_from_overdue_publication),
}
jobs: list[Job] = []
