"""Settings of the housing service (env HOUSING_*, falling back to the shared names)."""

from govkit.settings import ServiceSettings


class HousingSettings(ServiceSettings):
    """No settings beyond the shared ones yet."""
