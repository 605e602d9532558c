import pytest

from govkit.testing import service_client

from anyang_tasks.app import spec
from anyang_tasks.settings import TasksSettings


@pytest.fixture
async def tasks(databases):
    async with service_client(databases, spec, TasksSettings) as client:
        yield client
