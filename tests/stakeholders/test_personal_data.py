import json

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models

from portal.core.personal_data import registered_models
from portal.initiative.models import DiseaseArea, StakeholderCluster
from portal.outbox.models import OutboxMessage
from portal.stakeholders.consents import change_newsletter_consent
from portal.stakeholders.models import Consent, DepartedStakeholder, StakeholderProfile
from portal.stakeholders.services import is_erased_address, stakeholder_decide
from tests.factories import ConsentFactory, ProfileFactory, coordinator

pytestmark = pytest.mark.django_db
User = get_user_model()

# Models of other projects that point at a user but hold no stakeholder data to export: coordinators'
# editing traces and preferences. They go with the account (CASCADE) or forget it (SET_NULL or a
# foreign key without constraint) when the user row is deleted.
EDITING_TRACES = {
    "admin.LogEntry", "wagtailusers.UserProfile", "wagtaildocs.Document", "wagtailimages.Image",
    "wagtailadmin.EditingSession", "wagtailadmin.FormState", "wagtailcore.APIToken",
    "wagtailcore.ModelLogEntry", "wagtailcore.PageLogEntry", "wagtailcore.Revision",
    "wagtailcore.UploadedFile", "wagtailcore.WorkflowState", "wagtailcore.TaskState", "wagtailcore.Page",
    "wagtailcore.Comment", "wagtailcore.CommentReply", "wagtailcore.PageSubscription",
}


def points_at_a_user(model) -> bool:
    """A field of the model itself (not inherited, not who decided on it) refers to a user."""
    return any(
        isinstance(field, models.ForeignKey)
        and field.model is model
        and field.related_model._meta.label == settings.AUTH_USER_MODEL
        and field.name != "decided_by"
        for field in model._meta.get_fields()
        if field.concrete
    )


def test_every_model_that_points_at_a_user_is_registered_for_export_and_erasure():
    missing = [
        model._meta.label
        for model in apps.get_models()
        if points_at_a_user(model)
        and model not in registered_models()
        and model._meta.label not in EDITING_TRACES
    ]
    assert missing == [], "register these in the app's personal_data.py: " + ", ".join(missing)


@pytest.fixture
def approved_stakeholder(client):
    profile = ProfileFactory(
        user__first_name="Ana", user__last_name="Silva", user__email="ana@example.org",
        role="Researcher", clusters=[StakeholderCluster.objects.get(slug="academics")], workshop_expert=True,
    )
    profile.disease_areas.set([DiseaseArea.objects.get(slug="cancer")])
    # A newsletter consent the profile recorded before the newsletter's ledger held it, and one given now.
    ConsentFactory(user=profile.user)
    change_newsletter_consent(profile.user, True)
    stakeholder_decide(profile=profile, approve=True, by=coordinator(), message="Welcome!")
    client.force_login(profile.user)
    return profile


def test_the_export_holds_everything_about_the_person_in_one_json_file(client, approved_stakeholder):
    response = client.get("/my/data/export/")

    assert response["Content-Disposition"] == 'attachment; filename="my-1mg-portal-data.json"'
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "ana@example.org"
    assert data["account"]["family_name"] == "Silva"
    profile = data["stakeholder_profile"]
    assert profile["organisation"] == "Instituto Nacional de Saude"
    assert profile["clusters"] == ["Academics"]
    assert profile["disease_areas"] == ["Cancer"]
    assert profile["ways_of_taking_part"] == ["expert in workshops"]
    assert profile["status"] == "Approved"
    assert profile["message_from_the_coordinators"] == "Welcome!"
    assert {c["purpose"] for c in data["consents"]} == {
        "Membership and the privacy statement", "The stakeholder newsletter",
    }
    assert data["email_addresses"] == [{"email": "ana@example.org", "verified": True, "primary": True}]
    # The newsletter consent asks to confirm the address (newsletters/stakeholders.py).
    assert sorted(m["subject"] for m in data["emails_to_or_about_you"]) == [
        "Confirm your subscription to the 1+MG stakeholder newsletter", "Your registration is approved",
    ]


def test_another_persons_data_is_never_in_the_export(client, approved_stakeholder):
    ProfileFactory(user__email="someone.else@example.org", organisation="Other Org")
    text = client.get("/my/data/export/").content.decode()
    assert "someone.else@example.org" not in text and "Other Org" not in text


def test_erasure_removes_the_person_and_keeps_anonymous_counts_and_a_hash(client, approved_stakeholder):
    user = approved_stakeholder.user

    response = client.post("/my/data/erase/", {"password": "a-long-test-password", "understood": "on"})

    assert response["Location"] == "/my/erased/"
    assert not User.objects.filter(pk=user.pk).exists()
    assert not StakeholderProfile.objects.filter(pk=approved_stakeholder.pk).exists()
    assert not Consent.objects.filter(user_id=user.pk).exists()
    assert not EmailAddress.objects.filter(email="ana@example.org").exists()
    assert not OutboxMessage.objects.filter(recipients__contains="ana@example.org").exists()
    departed = DepartedStakeholder.objects.get()
    assert departed.was_approved and departed.country.iso_code == "PT"
    assert [c.slug for c in departed.clusters.all()] == ["academics"]
    assert is_erased_address("ANA@example.org")
    assert "_auth_user_id" not in client.session
    assert "ana@example.org" not in json.dumps(list(DepartedStakeholder.objects.values()), default=str)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"password": "wrong", "understood": "on"}, "password", "This is not your password."),
        ({"password": "a-long-test-password"}, "understood", "Tick the box to confirm."),
    ],
)
def test_erasure_needs_the_password_and_the_confirmation(client, approved_stakeholder, data, field, message):
    response = client.post("/my/data/erase/", data)

    assert response.status_code == 400
    assert message in response.text
    assert User.objects.filter(pk=approved_stakeholder.user.pk).exists()


def test_erasure_is_only_by_post(client, approved_stakeholder):
    assert client.get("/my/data/erase/").status_code == 405


def test_registering_again_with_an_erased_address_lifts_the_suppression(client, approved_stakeholder):
    client.post("/my/data/erase/", {"password": "a-long-test-password", "understood": "on"})
    assert is_erased_address("ana@example.org")

    password = "genomes-for-europe-2026"
    client.post("/accounts/signup/", {
        "first_name": "Ana", "last_name": "Silva", "email": "ana@example.org",
        "password1": password, "password2": password, "privacy_consent": "on",
    })

    assert not is_erased_address("ana@example.org")
