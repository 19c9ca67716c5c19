"""A session's Q&A as CSV for the report: for its moderators only, with who asked, times in the event's time
zone, and cells a spreadsheet would run made harmless."""

import csv
import datetime
import io

import pytest

from portal.forum.models import Registration, Speaker
from tests.factories import QuestionFactory, SessionFactory, SpeakerFactory, UserFactory, coordinator

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def session():
    session = SessionFactory(questions_open=True, event__time_zone="America/New_York")
    QuestionFactory(session=session, text="Who pays for sequencing?", votes=4, pinned=True,
                    author=UserFactory(first_name="Marta", last_name="Lopes"),
                    created_at=datetime.datetime(2030, 3, 1, 15, 5, tzinfo=UTC))
    QuestionFactory(session=session, text="=HYPERLINK(\"http://evil.example\",\"Open\")", state="hidden",
                    author=UserFactory(first_name="Rui", last_name="Secret"), anonymous=True,
                    created_at=datetime.datetime(2030, 3, 1, 15, 20, tzinfo=UTC))
    QuestionFactory(session=session, text="-2+3", state="answered", author=None, votes=1,
                    created_at=datetime.datetime(2030, 3, 1, 15, 30, tzinfo=UTC))
    QuestionFactory(text="A question of another session")
    return session


def url(session) -> str:
    return f"/forum/sessions/{session.pk}/questions.csv"


def rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_a_coordinator_gets_every_question_with_who_asked_in_the_events_time(client, session):
    client.force_login(coordinator())

    assert rows(client.get(url(session))) == [
        ["Asked at", "Question", "Asked by", "Anonymous", "State", "Pinned", "Votes"],
        ["2030-03-01 10:05", "Who pays for sequencing?", "Marta Lopes", "no", "Shown", "yes", "4"],
        ["2030-03-01 10:20", "'=HYPERLINK(\"http://evil.example\",\"Open\")", "Rui Secret", "yes", "Hidden",
         "no", "0"],
        ["2030-03-01 10:30", "'-2+3", "A participant", "no", "Answered", "no", "1"],
    ]


def test_the_sessions_chair_gets_it_too(client, session):
    chair = UserFactory()
    SpeakerFactory(session=session, user=chair, role=Speaker.Role.CHAIR)
    client.force_login(chair)

    assert len(rows(client.get(url(session)))) == 4


@pytest.mark.parametrize("who", ["attendee", "speaker", "stranger"])
def test_attendees_and_others_do_not_get_it(client, session, who):
    person = UserFactory()
    if who == "attendee":
        Registration.objects.create(event=session.event, user=person, status=Registration.Status.REGISTERED)
    elif who == "speaker":
        SpeakerFactory(session=session, user=person, role=Speaker.Role.SPEAKER)
    client.force_login(person)

    response = client.get(url(session))

    assert response.status_code == 403
    assert "Who pays" not in response.content.decode()


def test_the_signed_out_are_asked_to_sign_in(client, session):
    assert client.get(url(session))["Location"].startswith("/accounts/login/")


def test_an_unknown_session_is_not_found(client):
    client.force_login(coordinator())

    assert client.get("/forum/sessions/999999/questions.csv").status_code == 404
