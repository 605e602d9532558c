from types import SimpleNamespace

import pytest

from anyang_tasks.app import spec
from anyang_tasks.settings import TasksSettings
from govkit.testing import bearer, service_client

SUPERVISOR = bearer("department", "dcs", scopes=["tasks.supervisor"], name="市委市政府督查局")
FGW = bearer("department", "fgw")
ENTERPRISE = bearer("enterprise", "91410500MA44GT012H")


@pytest.fixture
def who() -> SimpleNamespace:
    """Authorization headers of the principals the tests act as."""
    return SimpleNamespace(
        supervisor=SUPERVISOR, fgw=FGW, enterprise=ENTERPRISE,
        leader=bearer("department", "szf", scopes=["tasks.read_all"], name="市政府领导"),
        swj=bearer("department", "swj"), czj=bearer("department", "czj"), jtys=bearer("department", "jtys"),
        linzhou=bearer("department", "410581", region="410581"))


@pytest.fixture
async def tasks(databases):
    async with service_client(databases, spec, TasksSettings) as client:
        yield client


@pytest.fixture
def tokens() -> dict[str, dict[str, str]]:
    return {
        "supervisor": SUPERVISOR,
        "scjg": bearer("department", "scjg", scopes=["credit.report"]),
        "fgw": FGW,
        "enterprise": ENTERPRISE,
    }
