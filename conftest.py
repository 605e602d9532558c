import pytest

pytest_plugins = ["govkit.testing", "govkit.testing.browser"]


@pytest.fixture(autouse=True)
def _service_clock_back_to_real_time():
    """A test that moved govkit.clock (travel_to) leaves the next test on real time."""
    yield
    from govkit.clock import travel_to

    travel_to(None)
