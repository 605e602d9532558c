import pytest

pytest_plugins = ["govkit.testing", "govkit.testing.browser"]


def pytest_configure(config):
    config.addinivalue_line("markers", "heavy: browser, fuzzing, fault bursts, clusters: run when TEST_HEAVY=1 "
                                       "(one of .ci/run's two passes)")


def pytest_collection_modifyitems(config, items):
    import os

    if os.environ.get("TEST_HEAVY") == "1":
        return
    skip = pytest.mark.skip(reason="heavy: set TEST_HEAVY=1 (CI runs it in the embedded pass)")
    for item in items:
        if "heavy" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _service_clock_back_to_real_time():
    """A test that moved govkit.clock (travel_to) leaves the next test on real time."""
    yield
    from govkit.clock import travel_to

    travel_to(None)
