"""Settings of the credit service (env CREDIT_*, falling back to the shared names)."""

from govkit.settings import ServiceSettings


class CreditSettings(ServiceSettings):
    report_secret: str = "dev-only-report-verification-secret"
