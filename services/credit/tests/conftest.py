import pytest

from govkit.testing import service_client

from anyang_credit.app import spec
from anyang_credit.settings import CreditSettings


@pytest.fixture
async def credit(databases):
    async with service_client(databases, spec, CreditSettings) as client:
        yield client
