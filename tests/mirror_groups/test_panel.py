"""The National Mirror Groups panel of "My portal": the applicant follows their application and sees
their memberships."""

import datetime

import pytest
from django.utils import timezone

from portal.mirror_groups.models import Application, Role, Sector
from tests.factories import (
    ApplicationFactory,
    CountryFactory,
    EstablishedGroupFactory,
    MembershipFactory,
    ProfileFactory,
)

pytestmark = pytest.mark.django_db


def panel(client) -> str:
    html = client.get("/my/").text
    if 'id="mirror-groups-title"' not in html:
        return ""
    return html.split('id="mirror-groups-title"', 1)[1].split("</section>", 1)[0]


def test_a_stakeholder_of_a_country_with_a_group_is_offered_to_apply(client, group):
    client.force_login(ProfileFactory(country=group.country).user)

    offer = 'href="/mirror-groups/pt/apply/">Apply to join the National Mirror Group of Portugal'
    assert offer in panel(client)


def test_no_panel_without_a_group_an_application_or_a_membership(client, group):
    client.force_login(ProfileFactory(country=CountryFactory(iso_code="ES", name="Spain")).user)

    assert panel(client) == ""


def test_the_applicant_follows_applications_with_the_managers_message(client, group):
    user = ProfileFactory(country=group.country).user
    ApplicationFactory(group=group, applicant=user, motivation="First try.", sector=Sector.ELSI,
                       region="Norte", status=Application.Status.DECLINED,
                       message="We need someone from industry this year.",
                       applied_at=timezone.make_aware(datetime.datetime(2024, 2, 1, 12)))
    ApplicationFactory(group=group, applicant=user, motivation="Second try.", region="Norte")
    client.force_login(user)

    text = panel(client)

    assert "Your applications" in text
    assert "National Mirror Group of Portugal, sent on 1 February 2024:" in text
    assert "Declined" in text and "We need someone from industry this year." in text
    assert "Waiting for a decision" in text
    assert "Apply to join" not in text  # one pending application at a time


def test_a_membership_made_before_they_registered_waits_as_an_invitation(client, group):
    user = ProfileFactory(country=group.country).user
    invited = MembershipFactory(
        group=group, name="Invited Person", email=user.email.upper(), role=Role.MEMBER,
        sector=Sector.PATIENTS, region="Açores", organisation="Example Association",
        starts_on=datetime.date(2023, 5, 1), listed_publicly=False)
    client.force_login(user)

    text = panel(client)

    assert "The managers of the National Mirror Group of Portugal invite you to join as: Member." in text
    assert f"/mirror-groups/invitation/{invited.invitation_token}/" in text
    assert "Your membership" not in text  # not theirs until they accept
    assert "Apply to join" not in text


def test_the_panel_shows_another_countrys_membership_too(client):
    portugal = EstablishedGroupFactory(people=[])
    italy = EstablishedGroupFactory(iso="IT", name="Italy", people=[])
    user = ProfileFactory(country=italy.country).user
    MembershipFactory(group=portugal, user=user, name="Moved Person", email="other@example.org",
                      listed_publicly=True)
    client.force_login(user)

    text = panel(client)

    assert "Your membership: National Mirror Group of Portugal" in text
    assert "Yes: your name, role, organisation and sector are on the group's public page." in text
    assert "Apply to join the National Mirror Group of Italy" in text


def test_a_member_decides_on_their_listing_and_declares_a_gender_themselves(client, group):
    user = ProfileFactory(country=group.country).user
    membership = MembershipFactory(group=group, user=user, name="Rita Example", sector=Sector.ELSI,
                                   region="Norte")
    client.force_login(user)
    assert f'href="/mirror-groups/membership/{membership.pk}/"' in panel(client)

    refused = client.post(f"/mirror-groups/membership/{membership.pk}/", {"gender": "robot"})
    assert refused.status_code == 200 and "Select a valid choice" in refused.text

    saved = client.post(f"/mirror-groups/membership/{membership.pk}/",
                        {"listed_publicly": "on", "gender": "woman"})
    assert saved.status_code == 302
    membership.refresh_from_db()
    assert membership.listed_publicly and membership.gender == "woman"
    assert "Rita Example" in client.get("/mirror-groups/pt/").text


def test_nobody_else_changes_a_members_choices(client, group):
    member = ProfileFactory(country=group.country).user
    membership = MembershipFactory(group=group, user=member, name="Rita Example", sector=Sector.ELSI,
                                   region="Norte")
    client.force_login(ProfileFactory(country=group.country).user)

    assert client.post(f"/mirror-groups/membership/{membership.pk}/",
                       {"listed_publicly": "on", "gender": "man"}).status_code == 404
    membership.refresh_from_db()
    assert not membership.listed_publicly and membership.gender == ""
    client.logout()
    assert client.get(f"/mirror-groups/membership/{membership.pk}/").status_code == 302
