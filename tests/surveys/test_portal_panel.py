"""The surveys panel of "My portal": invitations to the person's confirmed addresses not answered yet,
drafts with a link to continue, contributions made; never someone else's invitation."""

import datetime
import re

import pytest
from django.utils import timezone

from surveys.models import Invitation, Response, SurveyPage
from tests.factories import (
    EmailAddressFactory,
    InvitationFactory,
    ProfileFactory,
    ResponseFactory,
    SurveyPageFactory,
)
from tests.queries import assert_queries_do_not_grow

from .test_responding import FIRST_PAGE, SECOND_PAGE, section_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited_survey(survey):
    SurveyPage.objects.filter(pk=survey.pk).update(audience=SurveyPage.Audience.INVITED)
    survey.refresh_from_db()
    return survey


def panel(client, **query) -> str:
    html = client.get("/my/", query).text
    if 'id="surveys-title"' not in html:
        return ""
    return html.split('id="surveys-title"', 1)[1].split("</section>", 1)[0]


def links(html: str) -> dict[str, str]:
    return {text: href for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', html)}


def test_an_invitation_to_a_confirmed_address_is_shown_until_it_is_answered(client, invited_survey):
    ana = ProfileFactory(user__email="ana@example.org").user
    EmailAddressFactory(user=ana, email="ana.work@example.org")
    invitation = InvitationFactory(survey=invited_survey, email="ana.work@example.org")
    client.force_login(ana)

    link = links(panel(client))["answer the survey"]
    assert link == f"{invited_survey.url}i/{invitation.token}/"

    resumed = client.get(link, follow=True)
    client.post(resumed.redirect_chain[-1][0], FIRST_PAGE)
    assert links(panel(client))["continue your answers"] == link
    response = Response.objects.get()
    client.post(section_url(invited_survey, response, "counts"), SECOND_PAGE)
    client.post(f"{invited_survey.url}r/{response.token}/review/")

    assert "Test survey" not in panel(client)  # answered: nothing left to do


def test_someone_elses_invitation_or_one_to_an_unconfirmed_address_is_never_shown(client, invited_survey):
    InvitationFactory(survey=invited_survey, email="ben@example.org")
    InvitationFactory(survey=invited_survey, email="typed@example.org")
    InvitationFactory(survey=invited_survey, email="unconfirmed@example.org")
    ProfileFactory(user__email="ben@example.org")  # Ben has confirmed his own address
    # Ana typed two addresses she never confirmed: one as her account's address, one added later.
    ana = ProfileFactory(user__email="unconfirmed@example.org", user__verified=False).user
    ana.save()  # the factory keeps the password it set only when it makes a confirmed address
    EmailAddressFactory(user=ana, email="unconfirmed@example.org", verified=False, primary=True)
    EmailAddressFactory(user=ana, email="typed@example.org", verified=False)
    EmailAddressFactory(user=ana, email="ana@example.org")
    InvitationFactory(survey=invited_survey, email="ana@example.org")
    client.force_login(ana)

    html = panel(client)
    assert html.count("answer the survey") == 1  # only the invitation to her confirmed address
    invitations = {invitation.email: invitation for invitation in Invitation.objects.all()}
    assert invitations["ana@example.org"].token in html
    for address in ("ben@example.org", "typed@example.org", "unconfirmed@example.org"):
        assert invitations[address].token not in client.get("/my/").text


def test_invitations_to_closed_or_unpublished_surveys_are_left_out(client, invited_survey):
    ana = ProfileFactory(user__email="ana@example.org").user
    InvitationFactory(survey=invited_survey, email="ana@example.org")
    client.force_login(ana)
    assert "answer the survey" in panel(client)

    SurveyPage.objects.filter(pk=invited_survey.pk).update(closes_at=timezone.now())
    assert panel(client) == ""
    SurveyPage.objects.filter(pk=invited_survey.pk).update(closes_at=None)
    invited_survey.unpublish()
    assert panel(client) == ""


def test_a_draft_links_to_where_the_respondent_left_and_a_closed_one_says_so(client, survey):
    ana = ProfileFactory().user
    client.force_login(ana)
    client.post(survey.url + "start/")
    response = Response.objects.get()
    client.post(section_url(survey, response, "data"), FIRST_PAGE)

    continuing = links(panel(client))["continue your draft"]
    assert client.get(continuing)["Location"] == section_url(survey, response, "counts")

    SurveyPage.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - datetime.timedelta(days=1))
    closed = panel(client)
    assert "continue your draft" not in closed and "the survey no longer takes answers" in closed


def test_the_panel_paginates(client, survey):
    ana = ProfileFactory().user
    client.force_login(ana)
    for number in range(12):
        other = SurveyPageFactory(parent=survey.get_parent(), title=f"Survey {number:02}",
                                  slug=f"survey-{number}")
        ResponseFactory(survey=other, respondent=ana,
                        updated_at=timezone.now() - datetime.timedelta(minutes=number))

    first, second = panel(client), panel(client, surveys_page=2)

    assert first.count("continue your draft") == 10 and "Survey 09" in first
    assert second.count("continue your draft") == 2 and "Survey 11" in second
    assert 'href="?surveys_page=2#surveys-title" rel="next"' in first


def test_the_panels_query_count_does_not_grow_with_invitations_and_drafts(client, invited_survey):
    ana = ProfileFactory(user__email="ana@example.org").user
    client.force_login(ana)
    InvitationFactory(survey=invited_survey, email="ana@example.org")

    def add_drafts(count):
        for _ in range(count):
            ResponseFactory(survey=invited_survey, respondent=ana)

    assert_queries_do_not_grow(client, "/my/", add_drafts, few=1, more=11, budget=42)
    assert panel(client).count("continue your draft") == 9  # ten a page: the invitation and nine drafts
