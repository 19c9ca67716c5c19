"""The Q&A board of a session as people use it: asking (errors next to the field), voting once, moderating,
anonymity in the HTML and in every poll, the poll's cache and ETags, rate limits, erasure, and the
presenter view."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.core.personal_data import Owner, erase_personal_data
from portal.forum.models import Question, Speaker, Vote
from tests.factories import (
    QuestionFactory,
    RegistrationFactory,
    SessionFactory,
    SpeakerFactory,
    UserFactory,
    coordinator,
)
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def board(session_id):
    return f"/forum/sessions/{session_id}/questions/"


def poll(session_id, **query):
    return f"/forum/sessions/{session_id}/questions/poll" + (
        "?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def attendee(session, client=None, **fields):
    user = UserFactory(**fields)
    RegistrationFactory(event=session.event, user=user)
    if client is not None:
        client.force_login(user)
    return user


def chair_of(session, client=None):
    user = UserFactory(first_name="Chair")
    SpeakerFactory(session=session, user=user, role=Speaker.Role.CHAIR)
    if client is not None:
        client.force_login(user)
    return user


def ids_in(response) -> set[int]:
    data = response.json()
    rows = data["questions"] if "questions" in data else [
        row for rows in data["sections"].values() for row in rows]
    return {row["id"] for row in rows}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """What runs once a change is committed (the board's version moving) runs at the end of the block: each
    test runs inside one transaction that is never committed."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def session():
    return SessionFactory(questions_open=True, questions_moderated=True)


def test_an_attendee_asks_and_sees_their_question_wait_while_others_do_not(client, session):
    asker = attendee(session, client)
    response = client.post(board(session.pk), {"text": "Who keeps the genomes?", "sort": "time"})

    assert response.status_code == 302 and response["Location"].endswith("?sort=time")
    question = Question.objects.get(session=session)
    assert (question.author, question.state) == (asker, Question.State.PENDING)
    page = client.get(board(session.pk)).content.decode()
    assert "Who keeps the genomes?" in page and "waits for a moderator" in page
    attendee(session, client)
    assert "Who keeps the genomes?" not in client.get(board(session.pk)).content.decode()
    assert question.pk not in ids_in(client.get(poll(session.pk)))


@pytest.mark.parametrize("text, error", [
    ("", "This field is required."),
    ("<script>alert(1)</script> Why?", "this field takes plain text"),
    ("x" * 501, "at most 500 characters"),
])
def test_a_question_that_cannot_be_taken_is_refused_next_to_the_field_and_kept(client, session, text, error):
    attendee(session, client)
    response = client.post(board(session.pk), {"text": text, "anonymous": "on"})

    assert response.status_code == 400
    form = response.context["form"]
    assert error in " ".join(form.errors["text"])
    assert form["text"].value() == text and form["anonymous"].value() is True
    assert not Question.objects.exists()


def test_only_attendees_and_moderators_follow_the_board(client, session):
    assert client.get(board(session.pk))["Location"].startswith("/accounts/login/")
    assert client.get(poll(session.pk)).status_code == 403
    client.force_login(UserFactory())
    assert client.get(board(session.pk)).status_code == 403
    assert client.get(poll(session.pk)).status_code == 403
    assert client.post(board(session.pk), {"text": "Let me in?"}).status_code == 403
    RegistrationFactory(event=session.event, user=UserFactory(), status="cancelled")
    chair_of(session, client)
    assert client.get(board(session.pk)).status_code == 200
    assert client.get(poll(session.pk)).json()["moderator"] is True


def test_an_anonymous_questions_author_reaches_moderators_only(client, session):
    asker = attendee(session, first_name="Marta", last_name="Quintela")
    question = QuestionFactory(session=session, author=asker, anonymous=True, text="Is consent dynamic?")
    attendee(session, client)

    for response in (client.get(board(session.pk)), client.get(poll(session.pk)),
                     client.get(poll(session.pk, sort="time"))):
        assert "Is consent dynamic?" in response.content.decode()
        assert "Quintela" not in response.content.decode()
    chair_of(session, client)
    row, = client.get(poll(session.pk)).json()["sections"]["asked"]
    assert (row["id"], row["author"], row["anonymous"]) == (question.pk, "Marta Quintela", True)
    assert "Quintela" in client.get(board(session.pk)).content.decode()


def test_a_vote_counts_once_and_the_board_says_so(client, session):
    question = QuestionFactory(session=session)
    attendee(session, client)
    url = f"/forum/questions/{question.pk}/vote"

    first = client.post(url, {"sort": "votes"}, headers={"Accept": "application/json"})
    again = client.post(url, headers={"Accept": "application/json"})

    assert first.json() | {"message": ""} == {"counted": True, "votes": 1, "message": ""}
    assert again.json()["counted"] is False and again.json()["votes"] == 1
    assert client.post(url)["Location"] == board(session.pk) + "?sort=votes"
    assert client.get(poll(session.pk)).json()["voted"] == [question.pk]
    assert "You voted" in client.get(board(session.pk)).content.decode()
    assert Vote.objects.count() == 1


def test_votes_are_refused_on_hidden_questions_closed_sessions_and_by_strangers(client, session):
    hidden = QuestionFactory(session=session, state=Question.State.HIDDEN)
    shown = QuestionFactory(session=session)
    client.force_login(UserFactory())
    assert client.post(f"/forum/questions/{shown.pk}/vote", headers={"Accept": "application/json"}
                       ).status_code == 403
    attendee(session, client)
    assert client.post(f"/forum/questions/{hidden.pk}/vote", headers={"Accept": "application/json"}
                       ).status_code == 403
    session.questions_open = False
    session.save()
    assert client.post(f"/forum/questions/{shown.pk}/vote", headers={"Accept": "application/json"}
                       ).status_code == 403
    assert "Questions are closed" in client.get(board(session.pk)).content.decode()
    assert not Vote.objects.exists()


def test_the_chair_approves_pins_and_marks_answered_and_attendees_cannot(client, session, committed):
    question = QuestionFactory(session=session, state=Question.State.PENDING)
    url = f"/forum/questions/{question.pk}/moderate"
    attendee(session, client)
    assert client.post(url, {"action": "approve"}).status_code == 302
    assert Question.objects.get().state == Question.State.PENDING
    chair_of(session, client)

    assert client.post(url, {"action": "burn"}, headers={"Accept": "application/json"}).status_code == 400
    with committed():
        client.post(url, {"action": "approve"})
    with committed():
        answer = client.post(url, {"action": "pin"}, headers={"Accept": "application/json"}).json()
    assert (answer["state"], answer["pinned"]) == ("shown", True)
    sections = client.get(poll(session.pk)).json()["sections"]
    assert [row["id"] for row in sections["pinned"]] == [question.pk]
    assert sections["pinned"][0]["actions"] == ["answer", "unpin", "hide"]
    with committed():
        client.post(url, {"action": "answer"})
    sections = client.get(poll(session.pk)).json()["sections"]
    assert sections["pinned"] == [] and [row["id"] for row in sections["answered"]] == [question.pk]


def test_sorting_by_votes_or_by_time(client, session):
    older = QuestionFactory(session=session, votes=5)
    newer = QuestionFactory(session=session, votes=1)
    attendee(session, client)

    by_votes = client.get(poll(session.pk, sort="votes")).json()["sections"]["asked"]
    by_time = client.get(poll(session.pk, sort="time")).json()["sections"]["asked"]

    assert [row["id"] for row in by_votes] == [older.pk, newer.pk]
    assert [row["id"] for row in by_time] == [newer.pk, older.pk]
    page = client.get(board(session.pk) + "?sort=time").content.decode()
    assert page.index(newer.text) < page.index(older.text)


@pytest.mark.parametrize("cache_backend", ["local memory", "redis"])
def test_an_attendee_never_gets_what_a_moderator_or_another_attendee_sees_from_the_cache(
        client, session, cache_backend, request):
    if cache_backend == "redis":
        request.getfixturevalue("redis_cache")
    anonymous = QuestionFactory(session=session, anonymous=True,
                                author=attendee(session, first_name="Ines", last_name="Anonyma"))
    first, second = attendee(session), attendee(session)
    waiting_of_first = QuestionFactory(session=session, author=first, state=Question.State.PENDING)
    hidden = QuestionFactory(session=session, state=Question.State.HIDDEN)
    moderator = coordinator()

    client.force_login(moderator)
    warmed = client.get(poll(session.pk))
    assert {anonymous.pk, waiting_of_first.pk, hidden.pk} <= ids_in(warmed)
    client.force_login(first)
    for_first = client.get(poll(session.pk))
    assert for_first.json()["sections"]["waiting"][0]["id"] == waiting_of_first.pk

    client.force_login(second)
    for_second = client.get(poll(session.pk))
    assert ids_in(for_second) == {anonymous.pk}
    assert "Anonyma" not in for_second.content.decode()
    assert for_second.json()["moderator"] is False
    # Not with the moderator's nor the other attendee's validator: those name another answer.
    def answer_to(tag):
        return client.get(poll(session.pk), headers={"If-None-Match": tag}).status_code

    assert (answer_to(warmed["ETag"]), answer_to(for_first["ETag"]), answer_to(for_second["ETag"])) == (
        200, 200, 304)
    assert ids_in(client.get(poll(session.pk), headers={"If-None-Match": warmed["ETag"]})) == {anonymous.pk}


def test_a_poll_answers_304_until_something_changes(client, session, committed):
    question = QuestionFactory(session=session)
    voter = attendee(session)
    attendee(session, client)
    tag = client.get(poll(session.pk))["ETag"]

    assert client.get(poll(session.pk), headers={"If-None-Match": tag}).status_code == 304
    client.force_login(voter)
    with committed():
        client.post(f"/forum/questions/{question.pk}/vote")
    client.force_login(attendee(session))
    changed = client.get(poll(session.pk), headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.json()["sections"]["asked"][0]["votes"] == 1
    # A change made in the admin (a save, not the board's own functions) moves the board too.
    tag = changed["ETag"]
    with committed():
        Question.objects.get().save()
    assert client.get(poll(session.pk), headers={"If-None-Match": tag}).status_code == 200


@pytest.mark.parametrize("who", ["attendee", "coordinator"])
def test_a_poll_writes_nothing_to_the_database(client, session, who):
    QuestionFactory(session=session)
    if who == "attendee":
        attendee(session, client)
    else:
        client.force_login(coordinator())
    client.get(board(session.pk))
    tag = client.get(poll(session.pk))["ETag"]

    for headers in ({}, {"If-None-Match": tag}):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(poll(session.pk), headers=headers)
        assert response.status_code in (200, 304)
        writes = [query["sql"] for query in captured.captured_queries
                  if not query["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))]
        assert writes == []
        assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies


def test_questions_and_votes_have_per_person_rate_limits(client, session, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "forum_question": "2/m/user",
                                    "forum_vote": "2/m/user"}
    questions = QuestionFactory.create_batch(3, session=session)
    attendee(session, client)
    for number in range(2):
        assert client.post(board(session.pk), {"text": f"Question {number}?"}).status_code == 302

    refused = client.post(board(session.pk), {"text": "A third one?"})
    assert refused.status_code == 400 and "please wait" in " ".join(refused.context["form"].errors["text"])
    assert "A third one?" in refused.content.decode()
    answers = [client.post(f"/forum/questions/{question.pk}/vote", headers={"Accept": "application/json"})
               for question in questions]
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    # Another person has their own allowance.
    attendee(session, client)
    assert client.post(board(session.pk), {"text": "Mine?"}).status_code == 302


def test_an_erased_persons_question_stays_as_a_participants_at_once(client, session, committed):
    asker = attendee(session, first_name="Erika", last_name="Erased")
    question = QuestionFactory(session=session, author=asker, text="What about children?")
    attendee(session, client)
    tag = client.get(poll(session.pk))["ETag"]

    with committed():
        erase_personal_data(Owner.of(asker))

    response = client.get(poll(session.pk), headers={"If-None-Match": tag})
    assert response.status_code == 200
    row, = response.json()["sections"]["asked"]
    assert (row["id"], row["author"]) == (question.pk, "A participant")
    assert "Erased" not in response.content.decode()


def test_the_presenter_view_shows_the_pinned_then_the_most_voted_as_attendees_see_them(client, session):
    pinned = QuestionFactory(session=session, pinned=True, votes=0)
    top = QuestionFactory(session=session, votes=9, anonymous=True,
                          author=UserFactory(first_name="Hidden", last_name="Person"))
    others = [QuestionFactory(session=session, votes=votes) for votes in (1, 2, 3, 4, 5)]
    QuestionFactory(session=session, state=Question.State.PENDING, votes=50)
    url = f"/forum/sessions/{session.pk}/questions/present"
    attendee(session, client)
    assert client.get(url).status_code == 403

    chair_of(session, client)
    page = client.get(url).content.decode()
    shown = client.get(poll(session.pk, view="present")).json()["questions"]

    assert [row["id"] for row in shown] == [pinned.pk, top.pk] + [question.pk for question in others[:0:-1]]
    assert "Hidden Person" not in page and "Person" not in json.dumps(shown)
    assert page.index(pinned.text) < page.index(top.text) < page.index(others[-1].text)


def test_the_boards_queries_do_not_grow_with_its_questions(client, session, committed):
    attendee(session, client)

    def add(count):
        with committed():
            for question in QuestionFactory.create_batch(count, session=session, anonymous=True):
                Vote.objects.create(question=question, voter=UserFactory())

    assert_queries_do_not_grow(client, board(session.pk), add)
    assert_queries_do_not_grow(client, poll(session.pk), add)
    client.force_login(coordinator())
    assert_queries_do_not_grow(client, board(session.pk), add)
