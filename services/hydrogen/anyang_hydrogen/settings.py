"""Settings of the hydrogen service (env HYDROGEN_*, falling back to the shared names)."""

from govkit.settings import ServiceSettings


class HydrogenSettings(ServiceSettings):
    """No settings beyond the shared ones yet."""
