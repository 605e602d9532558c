pytest_plugins = ["govkit.testing", "govkit.testing.browser"]


def pytest_configure(config):
    config.addinivalue_line("markers", "heavy: browser, fuzzing, fault bursts, clusters: run when TEST_HEAVY=1 "
                                       "(one of .ci/run's two passes)")


def pytest_collection_modifyitems(config, items):
    import os

    import pytest

    if os.environ.get("TEST_HEAVY") == "1":
        return
    skip = pytest.mark.skip(reason="heavy: set TEST_HEAVY=1 (CI runs it in the embedded pass)")
    for item in items:
        if "heavy" in item.keywords:
            item.add_marker(skip)

