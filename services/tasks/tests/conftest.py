import pytest

from anyang_tasks.app import spec
from anyang_tasks.settings import TasksSettings
from govkit.testing import service_client


@pytest.fixture
async def tasks(databases):
    async with service_client(databases, spec, TasksSettings) as client:
        yield client
