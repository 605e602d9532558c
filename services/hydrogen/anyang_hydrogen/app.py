"""Composition root of the hydrogen service: `uvicorn --factory anyang_hydrogen.app:create`."""

from pathlib import Path

from anyang_hydrogen.api import routers
from anyang_hydrogen.demo import load_demo
from anyang_hydrogen.events import handlers, jobs
from anyang_hydrogen.models import Base, kit
from anyang_hydrogen.settings import HydrogenSettings
from govkit.service import ServiceSpec, create_app

spec = ServiceSpec(
    name="hydrogen",
    title="氢能 hydrogen refuelling station service",
    description=(
        "Hydrogen refuelling stations: plan, filing and 3-working-day verification, filling "
        "authorisation against cylinder registration, quality reports, record retention, inspections, "
        "drills, accidents (安政办〔2023〕2号)."
    ),
    metadata=Base.metadata,
    kit=kit,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=routers,
    handlers=handlers,
    jobs=jobs,
    demo_loader=load_demo,
)


def create(settings: HydrogenSettings | None = None):
    return create_app(spec, settings or HydrogenSettings.from_env("hydrogen"))
