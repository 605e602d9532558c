from datetime import date, datetime

import pytest

from govkit import clock
from govkit.clock import SHANGHAI
from govkit.settings import ServiceSettings


def test_the_clock_travels_to_an_instant_and_runs_on_from_there():
    try:
        clock.travel_to(datetime(2023, 2, 17, 23, 59, tzinfo=SHANGHAI))
        assert clock.business_date() == date(2023, 2, 17)
        assert clock.utcnow() >= datetime(2023, 2, 17, 15, 59, tzinfo=clock.UTC)
    finally:
        clock.travel_to(None)
    assert clock.business_date() > date(2026, 1, 1)


def test_production_refuses_a_clock_override():
    with pytest.raises(ValueError, match="clock_override"):
        ServiceSettings(service_name="x", env="production", id_encryption_keys=["k"], id_hash_keys=["h"],
                        database_url="postgresql+asyncpg://db/x",
                        clock_override="2023-03-01T09:00:00+08:00")
