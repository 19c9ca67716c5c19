"""Bad input on the stakeholder's own forms: a clear message, nothing stored, never a 500."""

from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.utils import timezone

from portal.initiative.models import StakeholderCluster, SubArea
from portal.stakeholders.models import StakeholderProfile
from tests.factories import ProfileFactory, UserFactory, coordinator
from tests.helpers import path_in
from tests.services import queued_mail

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Ana", "last_name": "Silva", "email": "ana.silva@example.org",
    "password1": "genomes-for-europe-2026", "password2": "genomes-for-europe-2026", "privacy_consent": "on",
}


def test_an_expired_verification_link_is_refused_with_a_message(client):
    client.post("/accounts/signup/", SIGNUP)
    path = path_in(queued_mail()[-1], "/accounts/confirm-email/")
    client.logout()

    with time_machine.travel(timezone.now() + timedelta(days=4)):
        response = client.get(path)
        client.post(path)

    assert "expired or is invalid" in response.text
    assert not EmailAddress.objects.get(email="ana.silva@example.org").verified


def test_a_password_reset_link_works_once(client):
    UserFactory(email="known@example.org")
    client.post("/accounts/password/reset/", {"email": "known@example.org"})
    path = path_in(queued_mail()[-1], "/accounts/password/reset/key/")
    form_page = client.get(path, follow=True)
    set_password = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    new = {"password1": "another-long-password-1", "password2": "another-long-password-1"}
    assert client.post(set_password, new).status_code == 302
    client.logout()

    again = client.get(path, follow=True)

    assert "Bad Token" in again.text or "invalid" in again.text.lower()


def test_a_double_submitted_profile_goes_to_review_once(client):
    coordinator(email="office@example.org")
    profile = ProfileFactory(status=StakeholderProfile.Status.INCOMPLETE, submitted_at=None)
    client.force_login(profile.user)
    data = {
        "first_name": "Ana", "last_name": "Silva", "organisation": "INSA",
        "country": profile.country.pk, "clusters": [StakeholderCluster.objects.get(slug="academics").pk],
    }

    client.post("/my/profile/", data)
    client.post("/my/profile/", data)

    assert [m.subject for m in queued_mail()].count("New stakeholder registration: Ana Silva") == 1


def test_a_sub_area_of_another_cluster_is_refused(client):
    profile = ProfileFactory(status=StakeholderProfile.Status.INCOMPLETE, submitted_at=None, organisation="")
    client.force_login(profile.user)
    industry_area = SubArea.objects.filter(cluster__slug="industry").first()

    response = client.post("/my/profile/", {
        "first_name": "Ana", "last_name": "Silva", "organisation": "INSA", "country": profile.country.pk,
        "clusters": [StakeholderCluster.objects.get(slug="academics").pk], "sub_areas": [industry_area.pk],
    })

    assert response.status_code == 200
    assert "Choose sub-areas of the clusters you chose only." in response.text
    profile.refresh_from_db()
    assert profile.organisation == "" and profile.sub_areas.count() == 0


@pytest.mark.parametrize("value", ["\x00", "a" * 10_000, "<b>x</b>", "%00", "' OR 1=1 --"])
def test_hostile_values_in_every_profile_field_never_cause_a_500(client, value):
    profile = ProfileFactory(status=StakeholderProfile.Status.INCOMPLETE, submitted_at=None)
    client.force_login(profile.user)
    for field in ("first_name", "last_name", "organisation", "role", "country", "clusters", "sub_areas",
                  "disease_areas", "workshop_expert"):
        response = client.post("/my/profile/", {"organisation": "INSA", field: value})
        assert response.status_code == 200, (field, value)
