"""Abuse limits on what anyone may ask for: answers started (per client address) and resume links
mailed (per recipient address and per client address). Over a limit the respondent is told why, and
nothing typed is lost."""

import pytest

from surveys.models import Response, SurveyPage
from tests.factories import ProfileFactory, ResponseFactory
from tests.services import queued_mail

pytestmark = pytest.mark.django_db

ELSEWHERE = "192.0.2.7"


@pytest.fixture
def tight_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "survey_start": "2/h/ip",
        "survey_resume_link": "3/h/ip,1/h/key",
    }


def test_the_limits_are_settings_with_defaults(settings):
    assert settings.ACCOUNT_RATE_LIMITS["survey_start"] == "20/m/ip,100/h/ip"
    assert settings.ACCOUNT_RATE_LIMITS["survey_resume_link"] == "20/h/ip,5/h/key"


def test_answers_started_from_one_address_are_limited(client, survey, tight_limits):
    start = survey.url + "start/"
    assert [client.post(start).status_code for _ in range(2)] == [302, 302]

    refused = client.post(start)

    assert refused.status_code == 429
    assert "Many answers to surveys were started from your network" in refused.text
    assert "Start the survey" in refused.text  # the survey's page, to try again from
    assert Response.objects.count() == 2
    assert client.post(start, REMOTE_ADDR=ELSEWHERE).status_code == 302
    assert Response.objects.count() == 3


def test_surveys_for_signed_in_stakeholders_are_not_limited(client, survey, tight_limits):
    SurveyPage.objects.filter(pk=survey.pk).update(
        audience=SurveyPage.Audience.STAKEHOLDERS, one_response_per_person=False
    )
    client.force_login(ProfileFactory().user)
    assert [client.post(survey.url + "start/").status_code for _ in range(3)] == [302, 302, 302]
    assert Response.objects.count() == 3


def ask_for_link(client, survey, email, **extra):
    response = ResponseFactory(survey=survey, answers={"purpose": "research"})
    reply = client.post(f"{survey.url}r/{response.token}/saved/", {"email": email}, **extra)
    return response, reply


def test_resume_links_are_limited_per_recipient_and_per_client_address(client, survey, tight_limits):
    assert ask_for_link(client, survey, "ana@example.org")[1].status_code == 302

    response, refused = ask_for_link(client, survey, "ANA@example.org")

    assert refused.status_code == 429
    assert "Many links were asked for this address or from your network" in refused.text
    assert 'value="ANA@example.org"' in refused.text  # what was typed stays in the form
    assert f"/r/{response.token}/" in refused.text  # and the link is on the page
    response.refresh_from_db()
    assert response.answers == {"purpose": "research"}

    assert ask_for_link(client, survey, "ben@example.org")[1].status_code == 302
    assert ask_for_link(client, survey, "cai@example.org")[1].status_code == 429  # the fourth from here
    assert ask_for_link(client, survey, "cai@example.org", REMOTE_ADDR=ELSEWHERE)[1].status_code == 302

    assert [mail.to for mail in queued_mail()] == [["ana@example.org"], ["ben@example.org"],
                                                   ["cai@example.org"]]
