import pytest

from anyang_tasks.app import spec
from anyang_tasks.settings import TasksSettings
from govkit.testing import bearer, service_client


@pytest.fixture
async def tasks(databases):
    async with service_client(databases, spec, TasksSettings) as client:
        yield client


@pytest.fixture
def tokens() -> dict[str, dict[str, str]]:
    return {
        "supervisor": bearer("department", "dcs", scopes=["tasks.supervisor"], name="市委市政府督查局"),
        "scjg": bearer("department", "scjg", scopes=["credit.report"]),
        "fgw": bearer("department", "fgw"),
        "enterprise": bearer("enterprise", "91410500MA44GT012H"),
    }
