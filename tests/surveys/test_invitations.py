"""Invitations: single-use links mailed by Celery, reminders to those who have not answered, who did what."""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.stakeholders.services import account_erase
from surveys.invitations import open_invitation
from surveys.models import Invitation, Response, SurveyPage
from tests.factories import InvitationFactory, ProfileFactory, coordinator, editor
from tests.queries import assert_queries_do_not_grow
from tests.services import queued_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited_survey(survey, client, django_capture_on_commit_callbacks):
    SurveyPage.objects.filter(pk=survey.pk).update(audience=SurveyPage.Audience.INVITED)
    survey.refresh_from_db()
    client.force_login(coordinator())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/surveys/{survey.pk}/invitations/",
            {
                "addresses": "ana@example.org, BEN@example.org; not-an-address\nana@example.org",
                "csv_file": SimpleUploadedFile("more.csv", b"name,email\nCai,cai@example.org\n"),
            },
        )
    return survey


def test_coordinators_invite_pasted_and_csv_addresses_once_each(invited_survey):
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "ana@example.org",
        "ben@example.org",
        "cai@example.org",
    ]
    mails = queued_mail()
    assert sorted(m.to[0] for m in mails) == ["ana@example.org", "ben@example.org", "cai@example.org"]
    assert all("/i/" in m.body for m in mails)
    assert Invitation.objects.filter(sent_at__isnull=True).count() == 0


def test_the_link_opens_one_response_and_the_listing_follows_each_person(client, invited_survey):
    invitation = Invitation.objects.get(email="ana@example.org")
    client.logout()

    first = client.get(f"{invited_survey.url}i/{invitation.token}/", follow=True)
    again = client.get(f"{invited_survey.url}i/{invitation.token}/", follow=True)

    invitation.refresh_from_db()
    assert invitation.opened_at is not None and invitation.response is not None
    assert Response.objects.count() == 1
    assert first.redirect_chain[-1][0] == again.redirect_chain[-1][0]
    client.force_login(coordinator(email="second.coordinator@example.org"))
    listing = client.get(f"/admin/surveys/{invited_survey.pk}/invitations/")
    assert "3 invited, 1 opened the link, 1 started, 0 submitted." in listing.text


def test_without_an_invitation_an_invited_only_survey_cannot_be_started(client, invited_survey):
    client.logout()
    client.post(invited_survey.url + "start/")
    assert Response.objects.count() == 0


def test_reminders_go_only_to_those_who_have_not_submitted(
    client, invited_survey, django_capture_on_commit_callbacks
):
    done = Invitation.objects.get(email="ben@example.org")
    response = open_invitation(done)
    Response.objects.filter(pk=response.pk).update(status=Response.Status.SUBMITTED)
    before = len(queued_mail())

    with (
        time_machine.travel(timezone.now() + timedelta(days=4)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.force_login(coordinator(email="back.days.later@example.org"))  # the first one's session ended
        client.post(f"/admin/surveys/{invited_survey.pk}/invitations/", {"remind": "1"})

    reminders = queued_mail()[before:]
    assert sorted(m.to[0] for m in reminders) == ["ana@example.org", "cai@example.org"]
    assert all("not yet submitted" in m.body for m in reminders)


def test_a_bad_csv_file_is_refused_with_a_message(client, invited_survey):
    reply = client.post(
        f"/admin/surveys/{invited_survey.pk}/invitations/",
        {
            "csv_file": SimpleUploadedFile("people.exe", b"MZ"),
        },
    )
    assert "Upload a .csv file of at most 2 MB." in reply.text
    assert Invitation.objects.count() == 3


def test_stakeholders_reach_no_invitations(client, invited_survey):
    client.force_login(ProfileFactory().user)
    assert client.get(f"/admin/surveys/{invited_survey.pk}/invitations/").status_code in (302, 403)


def test_editors_neither_see_invitees_nor_invite_nor_remind(
    client, invited_survey, django_capture_on_commit_callbacks
):
    """Like the results, invitations are the coordinators': the invitees' addresses are personal data."""
    user = editor()
    assert invited_survey.permissions_for_user(user).can_edit()  # they do edit the survey itself
    client.force_login(user)
    url = f"/admin/surveys/{invited_survey.pk}/invitations/"
    before = len(queued_mail())

    listing = client.get(url)
    with (
        time_machine.travel(timezone.now() + timedelta(days=4)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.force_login(user)  # days later: an admin's session would have ended meanwhile
        sending = client.post(url, {"addresses": "dan@example.org"})
        reminding = client.post(url, {"remind": "1"})

    for refused in (listing, sending, reminding):  # Wagtail sends the refused to the dashboard
        assert refused.status_code in {302, 403} and refused.get("Location") in {None, "/admin/"}
    assert b"ana@example.org" not in listing.content
    assert not Invitation.objects.filter(email="dan@example.org").exists()
    assert len(queued_mail()) == before
    assert Invitation.objects.filter(reminded_at__isnull=False).count() == 0
    editing = client.get(f"/admin/pages/{invited_survey.pk}/edit/")
    assert editing.status_code == 200 and url not in editing.text
    assert url not in client.get(f"/admin/pages/{invited_survey.get_parent().pk}/").text


def test_an_erased_address_is_not_invited_and_erasure_removes_invitations(client, invited_survey):
    profile = ProfileFactory(user__email="cai@example.org")
    account_erase(profile.user)
    assert not Invitation.objects.filter(email="cai@example.org").exists()

    client.post(f"/admin/surveys/{invited_survey.pk}/invitations/", {"addresses": "cai@example.org"})

    assert not Invitation.objects.filter(email="cai@example.org").exists()


def test_the_survey_editor_links_coordinators_to_the_invitations(client, invited_survey):
    editor_page = client.get(f"/admin/pages/{invited_survey.pk}/edit/")
    assert f"/admin/surveys/{invited_survey.pk}/invitations/" in editor_page.text
    url = f"/admin/surveys/{invited_survey.pk}/invitations/"
    assert client.post(url, {"addresses": "dan@example.org"}).status_code == 302
    assert Invitation.objects.filter(email="dan@example.org").exists()


def test_the_listing_runs_the_same_queries_however_many_invitations(client, invited_survey):
    def add_invitations(count):
        for _ in range(count):
            number = Invitation.objects.count()
            invitation = InvitationFactory(survey=invited_survey, sent_at=timezone.now(),
                                           opened_at=timezone.now())
            if number % 2:
                open_invitation(invitation)

    assert_queries_do_not_grow(client, f"/admin/surveys/{invited_survey.pk}/invitations/", add_invitations,
                               budget=40)
