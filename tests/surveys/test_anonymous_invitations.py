"""Invitations to an anonymous survey: once the answers are submitted, nothing leads from the invited
address to them; the link stays single-use and the coordinators' listing still says "Submitted"."""

import datetime
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from portal.core.personal_data import export_personal_data
from portal.stakeholders.services import account_erase
from surveys.invitations import invite, remind
from surveys.models import Invitation, Response, SurveyPage
from tests.factories import ProfileFactory, coordinator
from tests.services import queued_mail

from .test_responding import FIRST_PAGE, SECOND_PAGE, section_url

pytestmark = pytest.mark.django_db


def invited_survey(survey, capture, *, anonymous: bool) -> SurveyPage:
    SurveyPage.objects.filter(pk=survey.pk).update(audience=SurveyPage.Audience.INVITED, anonymous=anonymous)
    survey.refresh_from_db()
    with capture(execute=True):
        invite(survey, ["ana@example.org", "ben@example.org"])
    return survey


@pytest.fixture
def anonymous(survey, django_capture_on_commit_callbacks):
    return invited_survey(survey, django_capture_on_commit_callbacks, anonymous=True)


def answer_through(client, survey, email: str) -> Response:
    invitation = Invitation.objects.get(email=email)
    client.get(f"{survey.url}i/{invitation.token}/")
    response = Response.objects.get(invitation=invitation)
    client.post(section_url(survey, response, "data"), FIRST_PAGE)
    client.post(section_url(survey, response, "counts"), SECOND_PAGE)
    receipt = client.post(f"{survey.url}r/{response.token}/review/")
    assert receipt["Location"] == f"{survey.url}r/{response.token}/receipt/"
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    return response


def test_after_submitting_nothing_leads_from_the_address_to_the_answers(client, anonymous):
    response = answer_through(client, anonymous, "ana@example.org")

    invitation = Invitation.objects.get(email="ana@example.org")
    assert invitation.response_id is None
    assert invitation.submitted_on == timezone.localdate()
    assert not Response.objects.filter(invitation__email="ana@example.org").exists()
    assert not Response.objects.filter(invitation__isnull=False).exists()
    # The invitation keeps nothing of the response, and no time finer than the day that would order it
    # among the other responses.
    kept = [str(getattr(invitation, field.attname)) for field in Invitation._meta.concrete_fields]
    assert not any(response.token in value or response.contribution_id in value for value in kept)
    assert invitation.opened_at.astimezone(datetime.UTC).time() == datetime.time(0, 0)
    # Nor does the person's account, should they register with the address.
    person = ProfileFactory(user__email="ana@example.org").user
    assert export_personal_data(person)["survey_responses"] == []
    account_erase(person)
    response.refresh_from_db()
    assert response.answers["describe"] == FIRST_PAGE["describe"]


def test_the_link_stays_single_use_and_the_listing_says_submitted(client, anonymous):
    answer_through(client, anonymous, "ana@example.org")
    invitation = Invitation.objects.get(email="ana@example.org")

    again = client.get(f"{anonymous.url}i/{invitation.token}/", follow=True)

    assert again.redirect_chain[-1][0] == anonymous.url
    assert "Your answers were submitted: thank you." in again.text
    assert Response.objects.count() == 1
    client.force_login(coordinator())
    listing = client.get(f"/admin/surveys/{anonymous.pk}/invitations/").text
    assert "2 invited, 1 opened the link, 1 started, 1 submitted." in listing
    assert "<td>ana@example.org</td><td>Submitted</td>" in listing


def test_reminders_leave_out_who_submitted_an_anonymous_survey(
    client, anonymous, django_capture_on_commit_callbacks
):
    answer_through(client, anonymous, "ana@example.org")
    before = len(queued_mail())

    with (
        time_machine.travel(timezone.now() + timedelta(days=4)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert remind(anonymous) == 1

    assert [mail.to for mail in queued_mail()[before:]] == [["ben@example.org"]]


def test_an_invitation_to_a_survey_that_is_not_anonymous_keeps_its_response(
    client, survey, django_capture_on_commit_callbacks
):
    named = invited_survey(survey, django_capture_on_commit_callbacks, anonymous=False)
    response = answer_through(client, named, "ana@example.org")

    invitation = Invitation.objects.get(email="ana@example.org")
    assert invitation.response == response and invitation.submitted_on == timezone.localdate()
    again = client.get(f"{named.url}i/{invitation.token}/", follow=True)
    assert again.redirect_chain[-1][0] == f"{named.url}r/{response.token}/receipt/"
