import pytest

from anyang_credit.settings import CreditSettings
from govkit.crypto import generate_key


def test_production_refuses_the_development_report_secret():
    safe = dict(service_name="credit", env="production", jwt_secret="j" * 40, id_encryption_keys=[generate_key()],
                id_hash_keys=[generate_key()], person_ref_keys=[generate_key()],
                database_url="postgresql+asyncpg://credit@db/credit")
    with pytest.raises(ValueError, match="report_secret"):
        CreditSettings(**safe)
    assert CreditSettings(**safe, report_secret="r" * 40).report_secret == "r" * 40
