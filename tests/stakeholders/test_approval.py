import pytest

from portal.stakeholders.models import StakeholderProfile
from tests.factories import ProfileFactory, UserFactory, coordinator, editor
from tests.queries import assert_queries_do_not_grow
from tests.services import queued_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending():
    return ProfileFactory(user__first_name="Ana", user__last_name="Silva")


def decide(client, profile, decision, message=""):
    return client.post(f"/admin/stakeholders/decide/{profile.pk}/{decision}/", {"message": message})


def test_coordinators_are_not_superusers_and_see_the_pending_stakeholders(client, pending):
    user = coordinator()
    client.force_login(user)

    response = client.get("/admin/stakeholders/?status=pending")

    assert not user.is_superuser
    assert response.status_code == 200
    assert "Ana Silva" in response.text
    assert f"/admin/stakeholders/decide/{pending.pk}/approve/" in response.text


def test_approving_tells_the_stakeholder_by_email(client, pending):
    boss = coordinator()
    client.force_login(boss)

    response = decide(client, pending, "approve", "Welcome to the academics cluster.")

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == StakeholderProfile.Status.APPROVED
    assert pending.decided_by == boss
    [approval] = queued_mail()
    assert approval.to == [pending.user.email]
    assert approval.subject == "Your registration is approved"
    assert "Welcome to the academics cluster." in approval.body
    assert "Welcome to the academics cluster." in approval.alternatives[0][0]


def test_declining_tells_the_stakeholder_with_the_coordinators_message(client, pending):
    client.force_login(coordinator())

    decide(client, pending, "decline", "Please register with your work address.")

    pending.refresh_from_db()
    assert pending.status == StakeholderProfile.Status.DECLINED
    [refusal] = queued_mail()
    assert "Please register with your work address." in refusal.body


def test_a_decision_is_taken_once(client, pending):
    client.force_login(coordinator())
    decide(client, pending, "approve")

    decide(client, pending, "decline")

    pending.refresh_from_db()
    assert pending.status == StakeholderProfile.Status.APPROVED
    assert len(queued_mail()) == 1


def test_html_in_the_message_is_refused_and_nothing_is_decided(client, pending):
    client.force_login(coordinator())

    response = decide(client, pending, "approve", "<script>alert(1)</script>")

    assert response.status_code == 200
    assert "remove the HTML tags" in response.text
    pending.refresh_from_db()
    assert pending.status == StakeholderProfile.Status.PENDING


@pytest.mark.parametrize("make_user", [editor, UserFactory], ids=["editor", "stakeholder"])
def test_only_coordinators_may_decide(client, pending, make_user):
    client.force_login(make_user())

    response = decide(client, pending, "approve")

    assert response.status_code in (302, 403)
    pending.refresh_from_db()
    assert pending.status == StakeholderProfile.Status.PENDING
    assert client.get("/admin/stakeholders/").status_code in (302, 403)


def test_an_unknown_decision_is_not_found(client, pending):
    client.force_login(coordinator())
    assert decide(client, pending, "promote").status_code == 404


def test_the_listing_runs_the_same_queries_however_many_stakeholders(client):
    client.force_login(coordinator())
    assert_queries_do_not_grow(client, "/admin/stakeholders/", ProfileFactory.create_batch, few=3, more=15,
                               budget=40)
