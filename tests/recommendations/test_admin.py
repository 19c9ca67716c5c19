"""The admin: working group contacts enter it, see the recommendations addressed to their groups and change
their status, and nothing else; coordinators do all."""

import pytest

from portal.recommendations.models import Recommendation
from tests.factories import (
    FollowFactory,
    RecommendationFactory,
    UserFactory,
    WorkingGroupMembershipFactory,
    coordinator,
    tracker,
    working_group,
)
from tests.queries import assert_queries_do_not_grow
from tests.services import queued_mail

pytestmark = pytest.mark.django_db

LIST = "/admin/recommendations/"


def status_url(recommendation) -> str:
    return f"{LIST}{recommendation.pk}/status/"


@pytest.fixture
def contact(client):
    user = WorkingGroupMembershipFactory(working_group=working_group(7)).user
    client.force_login(user)
    return user


def test_a_contact_sees_only_their_groups_recommendations(client, contact):
    ours = RecommendationFactory(title="Industry in every mirror group", working_groups=[7])
    RecommendationFactory(title="Training programmes", working_groups=[1])

    response = client.get(LIST)

    assert response.status_code == 200
    assert "Industry in every mirror group" in response.text and "Training programmes" not in response.text
    assert status_url(ours) in response.text
    exported = b"".join(client.get(LIST + "?export=csv").streaming_content).decode()
    assert "Industry in every mirror group" in exported and "Training programmes" not in exported


def test_a_contact_changes_the_status_and_followers_are_mailed(client, contact):
    page = tracker()
    recommendation = RecommendationFactory(title="Industry in every mirror group", working_groups=[7])
    follower = FollowFactory(recommendation=recommendation, user__email="follower@example.org").user

    response = client.post(status_url(recommendation), {
        "status": "accepted", "date": "2025-03-01", "note": "Agreed at the WG7 meeting.",
        "evidence_url": "https://example.org/minutes"})

    assert response.status_code == 302
    change = Recommendation.objects.get(pk=recommendation.pk).changes.get()
    assert (change.status, change.changed_by, change.changed_as) == (
        "accepted", contact, "Working group contact, WG7")
    [mail] = [message for message in queued_mail() if message.to == [follower.email]]
    assert "Industry in every mirror group" in mail.subject and "Accepted" in mail.subject
    assert "Agreed at the WG7 meeting." in mail.body
    assert f"{page.url}{recommendation.pk}/" in mail.body
    assert contact.get_full_name() not in mail.body


def test_a_contact_may_not_touch_another_groups_recommendation_nor_edit_one(client, contact):
    theirs = RecommendationFactory(working_groups=[1])
    ours = RecommendationFactory(working_groups=[7])

    refused = (302, 403)  # the admin sends a refused person to its home page, with a message
    assert client.get(status_url(theirs)).status_code in refused
    declined = {"status": "declined", "date": "2025-01-01"}
    assert client.post(status_url(theirs), declined).status_code in refused
    assert client.get(f"{LIST}edit/{ours.pk}/").status_code in refused
    assert client.get(f"{LIST}inspect/{theirs.pk}/").status_code in refused
    assert client.get(f"{LIST}inspect/{ours.pk}/").status_code == 200
    assert Recommendation.objects.get(pk=theirs.pk).status == "proposed"


def test_a_member_who_is_not_a_contact_does_not_enter_the_admin(client):
    client.force_login(WorkingGroupMembershipFactory(role="member").user)
    assert client.get(LIST).status_code == 302


def test_removing_the_contact_takes_the_access_away(client):
    membership = WorkingGroupMembershipFactory()
    client.force_login(membership.user)
    assert client.get(LIST).status_code == 200

    membership.delete()

    assert client.get(LIST).status_code == 302


def test_a_coordinator_sees_every_recommendation_and_changes_any(client):
    recommendation = RecommendationFactory(title="Training programmes", working_groups=[1])
    client.force_login(coordinator())

    assert "Training programmes" in client.get(LIST).text
    client.post(status_url(recommendation), {"status": "implemented", "date": "2025-01-01"})

    assert Recommendation.objects.get(pk=recommendation.pk).changes.get().changed_as == "Coordinator"


def test_a_change_cannot_be_dated_in_the_future(client, contact):
    recommendation = RecommendationFactory()

    response = client.post(status_url(recommendation), {"status": "accepted", "date": "2999-01-01"})

    assert response.status_code == 200 and not recommendation.changes.exists()


def test_a_stakeholder_gets_no_status_view(client):
    recommendation = RecommendationFactory()
    client.force_login(UserFactory())
    assert client.get(status_url(recommendation)).status_code == 302


def test_the_listing_queries_do_not_grow(client, contact):
    assert_queries_do_not_grow(client, LIST, lambda count: RecommendationFactory.create_batch(
        count, working_groups=[7, 5]))


def test_coordinators_edit_working_group_memberships(client):
    client.force_login(coordinator())
    assert client.get("/admin/snippets/core/workinggroupmembership/").status_code == 200


def test_evidence_is_uploaded_with_the_change_into_its_own_collection(client, contact):
    from django.core.files.uploadedfile import SimpleUploadedFile

    recommendation = RecommendationFactory()

    client.post(status_url(recommendation), {
        "status": "implemented", "date": "2025-01-01",
        "evidence_file": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes", "application/pdf")})

    document = recommendation.changes.get().evidence_document
    assert document.collection.name == "Recommendation evidence" and document.uploaded_by_user == contact
