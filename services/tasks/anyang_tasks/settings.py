"""Settings of the tasks service (env TASKS_*, falling back to the shared names)."""

from govkit.settings import ServiceSettings


class TasksSettings(ServiceSettings):
    """No settings beyond the shared ones yet."""
