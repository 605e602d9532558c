"""Settings of the awards service (env AWARDS_*, falling back to the shared names)."""

from govkit.settings import ServiceSettings


class AwardsSettings(ServiceSettings):
    """No settings beyond the shared ones yet."""
