import pytest

from portal.stakeholders.models import Consent, PrivacyStatement
from tests.factories import PrivacyStatementFactory, ProfileFactory, coordinator

pytestmark = pytest.mark.django_db


def publish_new_statement(version="2.0"):
    return PrivacyStatementFactory(version=version)


@pytest.fixture
def stakeholder(client):
    profile = ProfileFactory()
    client.force_login(profile.user)
    return profile.user


def test_the_public_statement_is_the_latest_published_version(client):
    first = PrivacyStatement.current()
    assert first.version in client.get("/privacy/").text

    publish_new_statement("2.0")
    PrivacyStatementFactory(version="3.0-draft", changes="", body="<p>Draft</p>", live=False)

    response = client.get("/privacy/")
    assert "Version 2.0" in response.text
    assert "New text." in response.text


def test_a_new_version_asks_a_signed_in_stakeholder_to_agree_before_going_on(client, stakeholder):
    assert client.get("/my/").status_code == 200
    statement = publish_new_statement()

    response = client.get("/my/")

    assert response.status_code == 302
    assert response["Location"] == "/my/privacy/?next=%2Fmy%2F"
    page = client.get(response["Location"])
    assert "We now keep event registrations." in page.text

    agreed = client.post("/my/privacy/", {"agree": "on", "next": "/my/"})

    assert agreed["Location"] == "/my/"
    assert client.get("/my/").status_code == 200
    history = list(stakeholder.consents.filter(purpose=Consent.Purpose.MEMBERSHIP))
    first = PrivacyStatement.objects.get(version="2026-11-21")
    assert [c.privacy_statement for c in history] == [statement, first]
    assert history[0].source == Consent.Source.RECONSENT and history[0].recorded_at is not None


def test_not_ticking_the_box_records_nothing_and_says_why(client, stakeholder):
    publish_new_statement()

    response = client.post("/my/privacy/", {"next": "/my/"})

    assert response.status_code == 200
    assert "Tick the box to agree" in response.text
    assert stakeholder.consents.count() == 1
    assert client.get("/my/").status_code == 302


def test_a_stakeholder_who_does_not_agree_can_still_read_it_take_their_data_and_leave(client, stakeholder):
    publish_new_statement()
    for path in ("/privacy/", "/my/data/", "/my/data/export/"):
        assert client.get(path).status_code == 200, path


def test_an_outside_next_address_is_not_followed(client, stakeholder):
    publish_new_statement()
    response = client.post("/my/privacy/", {"agree": "on", "next": "https://evil.example/"})
    assert response["Location"] == "/my/"


def test_coordinators_without_a_stakeholder_profile_are_not_held_up(client):
    client.force_login(coordinator())
    publish_new_statement()
    assert client.get("/admin/").status_code == 200
    assert client.get("/my/")["Location"] == "/admin/"
