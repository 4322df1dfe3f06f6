"""Test support for MediaOps services: a pytest plugin with database, app and client fixtures.

A service's ``tests/conftest.py``::

    pytest_plugins = ["servicekit.testing.plugin"]

    @pytest.fixture(scope="session")
    def service_under_test() -> ServiceUnderTest:
        return ServiceUnderTest("content", ALEMBIC_INI, create_app, Settings)
"""

from servicekit.testing.service import ServiceUnderTest

__all__ = ["ServiceUnderTest"]
