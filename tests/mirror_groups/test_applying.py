"""Applying to join a group: a registered stakeholder with a confirmed address applies to their own
country's group, one pending application at a time; the managers hear of it; bad input loses nothing."""

import pytest
from allauth.account.models import EmailAddress

from portal.mirror_groups.models import MANAGING_ROLES, Application, Membership, Role, Sector
from portal.stakeholders.models import StakeholderProfile
from tests.factories import (
    CountryFactory,
    EstablishedGroupFactory,
    MembershipFactory,
    ProfileFactory,
    UserFactory,
)
from tests.services import queued_mail

pytestmark = pytest.mark.django_db

APPLY = "/mirror-groups/pt/apply/"
ANSWERS = {"motivation": "I run the genomics unit of a regional hospital.", "sector": Sector.RESEARCH,
           "region": "Centro", "organisation": "Example Hospital"}


@pytest.fixture
def stakeholder(group):
    return ProfileFactory(country=group.country, organisation="Example Hospital").user


def test_a_stakeholder_applies_and_the_managers_hear_of_it(client, group, stakeholder):
    for manager in Membership.objects.filter(group=group, role__in=MANAGING_ROLES):
        manager.user = UserFactory(email=manager.email)
        manager.save()
    client.force_login(stakeholder)
    form = client.get(APPLY)
    assert form.status_code == 200
    assert 'value="Example Hospital"' in form.text  # the profile's organisation, to change if need be

    response = client.post(APPLY, ANSWERS, follow=True)

    assert response.redirect_chain == [("/my/", 302)]
    assert "Your application is sent." in response.text
    application = Application.objects.get()
    assert (application.applicant, application.status) == (stakeholder, Application.Status.PENDING)
    assert application.region == "Centro"
    assert application.group.country.iso_code == "PT"
    (mail,) = queued_mail()
    assert sorted(mail.to) == ["ana.coordinator.pt@example.org", "bruno.contact.pt@example.org"]
    assert "applies to join the National Mirror Group of Portugal" in mail.body


def test_the_group_page_invites_to_apply_according_to_who_looks(client, stakeholder):
    page = client.get("/mirror-groups/pt/").text
    assert "Sign in to apply" in page and f'href="{APPLY}"' in page

    client.force_login(stakeholder)
    assert "Apply to join the group" in client.get("/mirror-groups/pt/").text

    client.force_login(ProfileFactory(country=CountryFactory(iso_code="ES", name="Spain")).user)
    page = client.get("/mirror-groups/pt/").text
    assert "You can join the National Mirror Group of your own country only" in page
    assert f'href="{APPLY}"' not in page


def test_signing_in_comes_first(client, group):
    response = client.get(APPLY)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={APPLY}"


def test_an_unconfirmed_address_is_refused(client, group):
    user = ProfileFactory(country=group.country).user
    EmailAddress.objects.filter(user=user).update(verified=False)
    client.force_login(user)

    for response in (client.get(APPLY), client.post(APPLY, ANSWERS)):
        assert response.status_code == 403
        assert "Please confirm your email address first" in response.text
        assert 'href="/accounts/email/"' in response.text
    assert not Application.objects.exists()


def test_a_stakeholder_without_a_complete_profile_is_refused(client, group):
    user = UserFactory()
    StakeholderProfile.objects.create(user=user)
    client.force_login(user)

    response = client.post(APPLY, ANSWERS)

    assert response.status_code == 403
    assert "Please complete your profile with your country first." in response.text
    assert not Application.objects.exists()


def test_another_countrys_group_is_refused(client, stakeholder):
    EstablishedGroupFactory(iso="IT", name="Italy")
    client.force_login(stakeholder)

    italy = "/mirror-groups/it/apply/"
    for response in (client.get(italy), client.post(italy, ANSWERS)):
        assert response.status_code == 403
        assert ("You can join the National Mirror Group of your own country only; your profile gives "
                "Portugal.") in response.text
    assert not Application.objects.exists()
    assert queued_mail() == []


def test_one_pending_application_at_a_time(client, stakeholder):
    client.force_login(stakeholder)
    assert client.post(APPLY, ANSWERS).status_code == 302

    again = client.post(APPLY, {**ANSWERS, "motivation": "Once more."})

    assert again.status_code == 403
    assert ("Your application to the National Mirror Group of Portugal is waiting for its managers&#x27; "
            "decision") in again.text
    assert 'href="/my/"' in again.text
    assert Application.objects.count() == 1

    Application.objects.update(status=Application.Status.DECLINED, message="Not this year.")
    assert client.post(APPLY, {**ANSWERS, "motivation": "Once more."}).status_code == 302
    assert Application.objects.filter(status=Application.Status.PENDING).count() == 1


def test_a_member_does_not_apply_again(client, group, stakeholder):
    MembershipFactory(group=group, name="Already In", email=stakeholder.email.upper(), role=Role.MEMBER)
    client.force_login(stakeholder)

    response = client.get(APPLY)

    assert response.status_code == 403
    assert "You are a member of this group already." in response.text


def test_bad_input_gets_a_clear_error_and_loses_nothing(client, stakeholder):
    client.force_login(stakeholder)

    response = client.post(APPLY, {**ANSWERS, "sector": "", "region": "<b>Centro</b>",
                                   "motivation": "x" * 3001})

    assert response.status_code == 200
    assert "Error:" in response.text.split("</title>")[0]
    text = response.text
    assert '<a href="#id_sector">Which sector do you represent?: This field is required.</a>' in text
    assert "Please remove the HTML tags" in text
    assert "Ensure this value has at most 3000 characters (it has 3001)." in text
    assert 'value="&lt;b&gt;Centro&lt;/b&gt;"' in text and "x" * 3001 in text
    assert 'value="Example Hospital"' in text
    assert not Application.objects.exists()
