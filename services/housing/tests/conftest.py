import pytest

from anyang_housing.app import spec
from anyang_housing.settings import HousingSettings
from govkit.testing import service_client


@pytest.fixture
async def housing(databases):
    async with service_client(databases, spec, HousingSettings) as client:
        yield client
