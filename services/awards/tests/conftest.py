import pytest

from anyang_awards.app import spec
from anyang_awards.settings import AwardsSettings
from govkit.clock import travel_to
from govkit.testing import service_client


@pytest.fixture(autouse=True)
def real_time_after_each_test():
    yield
    travel_to(None)


@pytest.fixture
async def awards(databases):
    async with service_client(databases, spec, AwardsSettings) as client:
        yield client
