"""A recommendation's status is a history of changes: a coordinator changes any, a working group contact only
those addressed to their groups, and each change shows the role it was made in, never the person."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from portal.recommendations import services
from portal.recommendations.models import Recommendation, StatusChange
from tests.factories import (
    RecommendationFactory,
    UserFactory,
    WorkingGroupMembershipFactory,
    coordinator,
    working_group,
)

pytestmark = pytest.mark.django_db


def contact_of(number: int):
    return WorkingGroupMembershipFactory(working_group=working_group(number)).user


def test_a_contact_changes_the_status_of_a_recommendation_addressed_to_their_group():
    recommendation = RecommendationFactory(working_groups=[5, 7])
    contact = contact_of(7)

    change = services.change_status(recommendation, status="accepted", by=contact, note="Agreed at WG7.")

    recommendation.refresh_from_db()
    assert recommendation.status == "accepted"
    assert change.changed_as == "Working group contact, WG7"
    assert change.changed_by == contact and change.date == datetime.date.today()


def test_a_coordinator_changes_any_and_is_shown_as_a_coordinator():
    recommendation = RecommendationFactory(working_groups=[3])

    change = services.change_status(recommendation, status="considered", by=coordinator())

    assert change.changed_as == "Coordinator"
    assert Recommendation.objects.get(pk=recommendation.pk).status == "considered"


@pytest.mark.parametrize("who", ["contact of another group", "member of the group", "stakeholder"])
def test_nobody_else_changes_a_status(who):
    recommendation = RecommendationFactory(working_groups=[7])
    person = {
        "contact of another group": lambda: contact_of(5),
        "member of the group": lambda: WorkingGroupMembershipFactory(role="member").user,
        "stakeholder": UserFactory,
    }[who]()

    with pytest.raises(PermissionDenied):
        services.change_status(recommendation, status="accepted", by=person)

    assert not StatusChange.objects.filter(recommendation=recommendation).exists()
    assert Recommendation.objects.get(pk=recommendation.pk).status == "proposed"


def test_a_change_dated_before_the_latest_goes_into_the_history_without_changing_the_status():
    recommendation = RecommendationFactory()
    contact = contact_of(7)
    services.change_status(recommendation, status="in_progress", by=contact, date=datetime.date(2024, 5, 1))

    services.change_status(recommendation, status="accepted", by=contact, date=datetime.date(2024, 2, 1))

    assert Recommendation.objects.get(pk=recommendation.pk).status == "in_progress"
    assert [change.status for change in recommendation.changes.all()] == ["accepted", "in_progress"]
