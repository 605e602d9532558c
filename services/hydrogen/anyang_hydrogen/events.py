"""Events the hydrogen service consumes (handlers) and its time-driven jobs."""

from govkit.events import Handler
from govkit.scheduler import Job

handlers: dict[str, Handler] = {}
jobs: list[Job] = []
