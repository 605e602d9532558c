"""Settings of the credit service (env CREDIT_*, falling back to the shared names)."""

from typing import Self

from pydantic import Field, model_validator

from govkit.settings import ServiceSettings

DEV_REPORT_SECRET = "dev-only-report-verification-secret"


class CreditSettings(ServiceSettings):
    report_secret: str = DEV_REPORT_SECRET
    outbox_retention_days: float = Field(7.0, gt=0, description="published outbox rows are deleted after this")

    @model_validator(mode="after")
    def _report_secret_in_production(self) -> Self:
        if self.env == "production" and (self.report_secret == DEV_REPORT_SECRET or len(self.report_secret) < 32):
            raise ValueError("unsafe development defaults in production: report_secret (32+ characters)")
        return self
