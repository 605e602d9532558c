"""Composition root of the awards service: `uvicorn --factory anyang_awards.app:create`."""

from pathlib import Path

from anyang_awards.api import routers
from anyang_awards.demo import load_demo
from anyang_awards.events import handlers, jobs
from anyang_awards.models import Base, kit
from anyang_awards.settings import AwardsSettings
from govkit.service import ServiceSpec, create_app

spec = ServiceSpec(
    name="awards",
    title="制造业评选 manufacturing awards service",
    description=("The yearly manufacturing awards: eligibility, weighted min-max (极值法) scoring, review procedure,"
                 " 7-working-day public notice, objections, honours and revocation (安政办〔2023〕4号)."),
    metadata=Base.metadata, kit=kit, migrations_dir=Path(__file__).parent / "migrations",
    routers=routers, handlers=handlers, jobs=jobs, demo_loader=load_demo)


def create(settings: AwardsSettings | None = None):
    return create_app(spec, settings or AwardsSettings.from_env("awards"))
