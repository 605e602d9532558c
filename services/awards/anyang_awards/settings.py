"""Settings of the awards service (env AWARDS_*, falling back to the shared names)."""

from datetime import time

from pydantic import Field

from govkit.settings import ServiceSettings


class AwardsSettings(ServiceSettings):
    credit_base_url: str = Field("http://127.0.0.1:8001",
                                 description="credit service base URL for list checks at application (第二条)")
    credit_timeout_seconds: float = Field(5.0, gt=0)
    office_close: time = Field(time(18, 0), description="closing time of the office counter (民法典 第二百零三条)")
    review_departments: list[str] = Field(
        default_factory=lambda: ["tjj", "sw", "kjj", "swj"],
        description="member departments whose opinion a round needs by default (第十七条): those holding the "
                    "figures the categories use (第十二条: 统计, 税务, 科技, 商务)")
    outbox_retention_days: float = Field(7.0, gt=0, description="published outbox rows are deleted after this")
