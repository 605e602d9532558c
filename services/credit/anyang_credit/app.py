"""Composition root of the credit service: `uvicorn --factory anyang_credit.app:create`."""

from pathlib import Path

from anyang_credit.api import routers
from anyang_credit.demo import load_demo
from anyang_credit.events import handlers, jobs
from anyang_credit.models import Base, kit
from anyang_credit.settings import CreditSettings
from govkit.service import ServiceSpec, create_app

spec = ServiceSpec(
    name="credit",
    title="信用安阳 credit service",
    description="Social credit information: records and their 7-working-day publication, commitments, grades, "
                "joint-punishment lists, repair, objections, credit reports, 信易贷 (安政〔2023〕2号).",
    metadata=Base.metadata, kit=kit, migrations_dir=Path(__file__).parent / "migrations",
    routers=routers, handlers=handlers, jobs=jobs, demo_loader=load_demo)


def create(settings: CreditSettings | None = None):
    return create_app(spec, settings or CreditSettings.from_env("credit"))
