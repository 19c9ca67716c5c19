import pytest

from portal.stakeholders.models import StakeholderProfile
from tests.factories import ProfileFactory


@pytest.fixture
def newcomer(client):
    """Signed in with a confirmed address, the profile not completed yet."""
    profile = ProfileFactory(status=StakeholderProfile.Status.INCOMPLETE, organisation="", country=None,
                             submitted_at=None)
    client.force_login(profile.user)
    return profile
