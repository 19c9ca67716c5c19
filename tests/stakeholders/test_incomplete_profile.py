"""A registered person whose profile is not complete yet is asked to complete it, never made to: "My
portal", their data, erasure and their survey drafts stay in reach; what needs approval stays closed."""

import json

import pytest
from django.contrib.auth import get_user_model

from surveys.models import Response
from tests.factories import MirrorGroupFactory
from tests.stakeholders.test_members_only import members_area  # noqa: F401 (a fixture)
from tests.stakeholders.test_privacy_statement import publish_new_statement
from tests.surveys.conftest import survey  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def test_my_portal_opens_and_asks_for_the_profile(client, newcomer):
    response = client.get("/my/")

    assert response.status_code == 200
    assert "Profile not completed" in response.text
    assert '<a class="button button--primary" href="/my/profile/">Complete your profile</a>' in response.text
    assert 'href="/my/data/"' in response.text
    assert "<dd>None</dd>" not in response.text  # nothing filled in yet shows no placeholder


def test_the_profile_form_says_it_can_wait(client, newcomer):
    assert 'You can also do this later: <a href="/my/">My portal</a>' in client.get("/my/profile/").text


def test_a_newcomer_downloads_their_data(client, newcomer):
    assert "Download my data" in client.get("/my/data/").text

    response = client.get("/my/data/export/")

    assert response.status_code == 200
    assert newcomer.user.email in json.dumps(json.loads(response.content))


def test_a_newcomer_erases_their_account(client, newcomer):
    response = client.post("/my/data/erase/", {"password": "a-long-test-password", "understood": "on"})

    assert response["Location"] == "/my/erased/"
    assert not get_user_model().objects.filter(pk=newcomer.user_id).exists()


def test_a_newcomers_survey_draft_is_on_my_portal(client, newcomer, survey):  # noqa: F811
    client.post(survey.url + "start/")
    draft = Response.objects.get(respondent=newcomer.user)

    portal = client.get("/my/").text

    assert 'id="surveys-title"' in portal
    assert f"{survey.url}r/{draft.token}/" in portal


def test_what_needs_approval_stays_closed(client, newcomer, members_area):  # noqa: F811
    page, document, _ = members_area
    group = MirrorGroupFactory()

    for response in (client.get(page.url), client.get(document.url)):
        assert response.status_code == 403
        assert "For approved members" in response.text
    applying = client.get(f"/mirror-groups/{group.country.iso_code.lower()}/apply/", follow=True)
    assert "Complete your profile" in applying.text
    assert not group.applications.exists()


def test_a_new_privacy_statement_still_comes_first(client, newcomer):
    publish_new_statement()

    assert client.get("/my/")["Location"] == "/my/privacy/?next=%2Fmy%2F"
    assert client.get("/my/data/export/").status_code == 200
