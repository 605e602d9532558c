from functools import partial

import pytest

from anyang_housing.app import spec
from anyang_housing.settings import HousingSettings
from govkit.testing import bearer, service_client
from govkit.testing import outbox_events as read_outbox

PERSON_ID = "410502198506150026"  # person-demo, born 1985-06-15


@pytest.fixture
async def housing(databases):
    async with service_client(databases, spec, HousingSettings) as client:
        yield client


@pytest.fixture
def tokens() -> dict[str, dict[str, str]]:
    return {
        "admin": bearer("department", "zjj", scopes=["housing.admin"], name="市住房和城乡建设局"),
        "person": bearer("person", PERSON_ID, region="410502"),
        "other_person": bearer("person", "11010519491231002X"),
        "fgw": bearer("department", "fgw", scopes=["credit.admin"]),
    }


@pytest.fixture
def outbox_events(housing):
    return partial(read_outbox, housing.app)
