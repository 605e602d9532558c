import pytest

from anyang_awards.app import spec
from anyang_awards.settings import AwardsSettings
from govkit.testing import service_client


@pytest.fixture
async def awards(databases):
    async with service_client(databases, spec, AwardsSettings) as client:
        yield client
