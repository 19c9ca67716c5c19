import pytest

from tests.factories import SurveyPageFactory


@pytest.fixture
def survey(db):
    """A published survey with small_definition(), at /test-survey/."""
    return SurveyPageFactory(title="Test survey")
