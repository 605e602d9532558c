import pytest

from anyang_credit.app import spec
from anyang_credit.settings import CreditSettings
from govkit.testing import service_client


@pytest.fixture
async def credit(databases):
    async with service_client(databases, spec, CreditSettings) as client:
        yield client
