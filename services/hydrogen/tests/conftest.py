import pytest

from anyang_hydrogen.app import spec
from anyang_hydrogen.settings import HydrogenSettings
from govkit.testing import service_client


@pytest.fixture
async def hydrogen(databases):
    async with service_client(databases, spec, HydrogenSettings) as client:
        yield client
