"""Composition root of the housing service: `uvicorn --factory anyang_housing.app:create`."""

from pathlib import Path

from anyang_housing.api import routers
from anyang_housing.demo import load_demo
from anyang_housing.events import handlers, jobs
from anyang_housing.models import Base, kit
from anyang_housing.settings import HousingSettings
from govkit.service import ServiceSpec, create_app

spec = ServiceSpec(
    name="housing",
    title="保障性租赁住房 affordable rental housing service",
    description=(
        "Affordable rental housing: eligibility, projects and their recognition, unit-size and rent "
        "rules, allocation, leases (安政办〔2023〕7号)."
    ),
    metadata=Base.metadata,
    kit=kit,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=routers,
    handlers=handlers,
    jobs=jobs,
    demo_loader=load_demo,
)


def create(settings: HousingSettings | None = None):
    return create_app(spec, settings or HousingSettings.from_env("housing"))
