import pytest

from tests.factories import EstablishedGroupFactory


@pytest.fixture
def group(db):
    """Portugal's group, established, with the COMPLETE members."""
    return EstablishedGroupFactory()
