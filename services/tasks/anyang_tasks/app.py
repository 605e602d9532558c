"""Composition root of the tasks service: `uvicorn --factory anyang_tasks.app:create`."""

from pathlib import Path

from anyang_tasks.api import routers
from anyang_tasks.demo import load_demo
from anyang_tasks.events import handlers, jobs
from anyang_tasks.models import Base, kit
from anyang_tasks.settings import TasksSettings
from govkit.service import ServiceSpec, create_app

spec = ServiceSpec(
    name="tasks",
    title="重点工作 key government tasks service",
    description=(
        "The key government tasks of 2023 with their responsible units, monthly reports, supervision and"
        " the monthly report to the city (安政办〔2023〕5号, 安政办〔2023〕1号)."
    ),
    metadata=Base.metadata,
    kit=kit,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=routers,
    handlers=handlers,
    jobs=jobs,
    demo_loader=load_demo,
)


def create(settings: TasksSettings | None = None):
    return create_app(spec, settings or TasksSettings.from_env("tasks"))
