import pytest

from tests.factories import newsletter_topics


@pytest.fixture
def topics(db):
    return newsletter_topics()
