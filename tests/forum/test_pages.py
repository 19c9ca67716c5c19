"""The forum's public record: the index, an event's page with its timetable and the answered audience
questions, its calendars and its demo."""

import datetime
import re
import zoneinfo

import pytest
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from portal.forum.demo import create_demo_forum, create_demo_questions
from portal.forum.models import (
    ForumEventPage,
    ForumIndexPage,
    Material,
    Question,
    Registration,
    Session,
    Speaker,
)
from portal.forum.questions import is_attendee
from portal.initiative.models import DiseaseArea
from tests.factories import ImageFactory, ProfileFactory, QuestionFactory, UserFactory
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
LINK = "https://meet.example.org/secret-room"


@pytest.fixture
def index(site):
    page = site.home.add_child(instance=ForumIndexPage(title="Forum", slug="forum-events"))
    page.save_revision().publish()
    return page


def add_event(index, title, day, *, hour=10, **fields) -> ForumEventPage:
    starts_at = datetime.datetime.combine(day, datetime.time(hour), tzinfo=BRUSSELS)
    event = index.add_child(instance=ForumEventPage(
        title=title, date=day, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=6),
        time_zone="Europe/Brussels", **fields))
    event.save_revision().publish()
    return event


def add_session(event, title, hour, *, kind=Session.Kind.UPDATE, minutes=60, **fields) -> Session:
    starts_at = datetime.datetime.combine(event.date, datetime.time(hour), tzinfo=BRUSSELS)
    return Session.objects.create(event=event, title=title, kind=kind, starts_at=starts_at,
                                  ends_at=starts_at + datetime.timedelta(minutes=minutes), **fields)


@pytest.fixture
def event(index):
    event = add_event(index, "Forum 2022", datetime.date(2022, 10, 13), online_link=LINK,
                      report_title="The report", report_url="https://zenodo.org/records/7590743",
                      report_doi="10.5281/zenodo.7590743")
    add_session(event, "Welcome", 10, kind=Session.Kind.WELCOME)
    for track, area in zip(["Room A", "Room B"], DiseaseArea.objects.all()[:2], strict=True):
        workshop = add_session(event, f"Workshop in {track}", 14, kind=Session.Kind.WORKSHOP, track=track,
                               disease_area=area, guiding_questions="What helps?\n\nWhat hinders?")
        Speaker.objects.create(session=workshop, name=f"Chair of {track}", affiliation="A hospital",
                               role=Speaker.Role.CHAIR)
    return event


def sections(html: str) -> list[str]:
    return re.findall(r'<section class="slot".*?</div>\s*</section>', html, re.S)


def test_the_event_page_shows_its_times_in_its_time_zone_and_its_report(client, event):
    html = client.get(event.url).content.decode()
    assert "Thursday 13 October 2022, 10:00" in html
    assert 'datetime="2022-10-13T10:00:00+02:00"' in html
    assert '<a href="https://doi.org/10.5281/zenodo.7590743">10.5281/zenodo.7590743</a>' in html
    assert '<a href="https://zenodo.org/records/7590743">The report</a>' in html


def test_the_timetable_puts_parallel_workshops_in_one_slot_side_by_side(client, event):
    html = client.get(event.url).content.decode()
    welcome, workshops = sections(html)
    assert "slot-sessions--parallel" not in welcome
    assert "slot-sessions--parallel" in workshops
    assert workshops.count("<article") == 2
    assert '<h3 id="slot-2"><time datetime="2022-10-13T14:00:00+02:00">14:00</time>' in workshops
    assert "Chair of Room A</strong>, Chair · A hospital" in workshops
    assert "<li>What helps?</li><li>What hinders?</li>" in workshops
    assert DiseaseArea.objects.all()[0].name in workshops


def test_a_speakers_photo_has_its_alternative_text(client, event):
    speaker = Speaker.objects.first()
    speaker.photo, speaker.photo_alt = ImageFactory(), "A woman smiling"
    speaker.save()
    assert 'alt="A woman smiling"' in client.get(event.url).content.decode()


def test_attendance_is_the_records_figure_or_else_counted(client, event):
    people = [ProfileFactory().user for _ in range(4)]
    for person, status in zip(people, ["registered", "attended", "cancelled", "waiting"], strict=True):
        Registration.objects.create(event=event, user=person, status=status)
    attendance = client.get(event.url).context["attendance"]
    assert attendance == {"registered": 2, "attended": 1}
    event.registered_count = 280
    event.save_revision().publish()
    assert client.get(event.url).context["attendance"] == {"registered": 280, "attended": 1}


@pytest.mark.parametrize("status", ["registered", "offered", "attended"])
def test_the_online_link_is_shown_to_a_person_holding_a_place(client, event, status):
    person = ProfileFactory().user
    Registration.objects.create(event=event, user=person, status=status)
    client.force_login(person)
    assert LINK in client.get(event.url).content.decode()


@pytest.mark.parametrize("status", [None, "waiting", "cancelled"])
def test_the_online_link_is_hidden_from_everyone_else(client, event, status):
    assert LINK not in client.get(event.url).content.decode()
    person = ProfileFactory().user
    if status:
        Registration.objects.create(event=event, user=person, status=status)
    client.force_login(person)
    assert LINK not in client.get(event.url).content.decode()


def test_the_index_lists_coming_events_soonest_first_then_past_ones_latest_first(client, index):
    today = timezone.localdate()
    for title, days in [("Past, older", -400), ("Soon", 30), ("Past, recent", -20), ("Later", 200)]:
        add_event(index, title, today + datetime.timedelta(days=days))
    html = client.get(index.url).content.decode()
    order = [html.index(title) for title in ["Coming events", "Soon", "Later", "Past events", "Past, recent",
                                             "Past, older"]]
    assert order == sorted(order)


def test_the_index_is_paginated(client, index):
    for number in range(12):
        add_event(index, f"Event number {number}", datetime.date(2020, 1, 1 + number))
    first = client.get(index.url).content.decode()
    second = client.get(index.url, {"page": 2}).content.decode()
    assert "Event number 11" in first and "Event number 0" not in first
    assert "Event number 0" in second


def test_the_index_does_not_list_drafts(client, index, event):
    event.unpublish()
    assert "Forum 2022" not in client.get(index.url).content.decode()


def test_the_index_queries_do_not_grow_with_events(client, index):
    def add_events(count):
        for number in range(count):
            add_event(index, f"Event {count}-{number}", datetime.date(2021, 1 + number, count))

    assert_queries_do_not_grow(client, index.url, add_events)


def test_the_event_page_queries_do_not_grow_with_sessions_speakers_and_materials(client, event):
    areas = list(DiseaseArea.objects.all())

    def add_rows(count):
        for number in range(count):
            session = add_session(event, f"Workshop {count}-{number}", 15, kind=Session.Kind.WORKSHOP,
                                  track=f"Room {count}-{number}", disease_area=areas[number % len(areas)])
            for role in (Speaker.Role.CHAIR, Speaker.Role.CO_CHAIR):
                Speaker.objects.create(session=session, name=f"Person {number}", role=role,
                                       photo=ImageFactory(), photo_alt="A portrait")
            Material.objects.create(event=event, session=session, kind=Material.Kind.SLIDES, title="Slides",
                                    url="https://example.org/slides")
            Material.objects.create(event=event, kind=Material.Kind.RECORDING, title=f"Recording {number}",
                                    url="https://example.org/recording")

    assert_queries_do_not_grow(client, event.url, add_rows)


def read(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_the_programme_downloads_as_icalendar_one_event_per_session(client, event):
    calendar = read(client.get(f"/forum/events/{event.pk}.ics"))
    entries = list(calendar.walk("VEVENT"))
    sessions = list(Session.objects.filter(event=event))
    assert [str(entry["UID"]) for entry in entries] == [f"forum-session-{session.pk}@127.0.0.1"
                                                        for session in sessions]
    workshop = entries[1]
    assert workshop.decoded("DTSTART") == datetime.datetime(2022, 10, 13, 14, tzinfo=BRUSSELS)
    assert workshop["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert str(workshop["LOCATION"]) == "Room A, Online"
    assert calendar.walk("VTIMEZONE")
    assert LINK not in response_text(client, f"/forum/events/{event.pk}.ics")


def response_text(client, url) -> str:
    return client.get(url).content.decode()


def test_a_session_downloads_as_icalendar_with_the_same_uid(client, event):
    session = Session.objects.filter(event=event).first()
    calendar = read(client.get(f"/forum/sessions/{session.pk}.ics"))
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["UID"]) == f"forum-session-{session.pk}@127.0.0.1"
    assert str(entry["SUMMARY"]) == "Welcome (Forum 2022)"


@pytest.mark.parametrize("hidden", ["draft", "restricted"])
def test_calendars_of_drafts_and_restricted_events_are_not_found(client, index, event, hidden):
    session = Session.objects.filter(event=event).first()
    coming = add_event(index, "Coming forum", timezone.localdate() + datetime.timedelta(days=40))
    for page in (event, coming):
        if hidden == "draft":
            page.unpublish()
        else:
            PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"/forum/events/{event.pk}.ics").status_code == 404
    assert client.get(f"/forum/sessions/{session.pk}.ics").status_code == 404
    assert not read(client.get("/forum/feed.ics")).walk("VEVENT")


def test_the_feed_lists_coming_public_events_only(client, index, event):
    soon = add_event(index, "Coming forum", timezone.localdate() + datetime.timedelta(days=40),
                     venue="Brussels", online_link=LINK)
    draft = add_event(index, "Draft forum", timezone.localdate() + datetime.timedelta(days=50))
    draft.unpublish()
    response = client.get("/forum/feed.ics")
    entries = list(read(response).walk("VEVENT"))
    assert [str(entry["SUMMARY"]) for entry in entries] == ["Coming forum"]
    assert str(entries[0]["UID"]) == f"forum-event-{soon.pk}@127.0.0.1"
    assert str(entries[0]["LOCATION"]) == "Brussels"
    assert LINK not in response.content.decode()


def test_the_demo_forum_is_created_once(client):
    made = create_demo_forum()
    assert made == ["forum index", "Stakeholder Forum 2022", made[2]]
    assert create_demo_forum() == []
    forum = ForumEventPage.objects.get(slug="stakeholder-forum-2022")
    assert forum.report_doi == "10.5281/zenodo.7590743"
    workshops = forum.sessions.filter(kind=Session.Kind.WORKSHOP)
    assert workshops.count() == 4 and not workshops.filter(disease_area=None).exists()
    assert len({session.starts_at for session in workshops}) == 1
    coming = ForumEventPage.objects.get(slug="stakeholder-forum-coming")
    assert coming.registration_open and coming.capacity and coming.starts_at > timezone.now()
    assert not coming.sessions.filter(kind=Session.Kind.WORKSHOP, capacity=None).exists()
    html = client.get(forum.url).content.decode()
    assert "(example time)" in html and "Parallel workshop" in html


def test_the_answered_questions_stay_in_the_record_of_their_session_without_any_name(client, event):
    welcome = Session.objects.get(event=event, title="Welcome")
    asked = {state: QuestionFactory(session=welcome, state=state, text=f"A {state} question?",
                                    author=UserFactory(first_name="Marta", last_name=f"Asker-{state}"))
             for state in ("pending", "shown", "hidden", "answered")}
    QuestionFactory(session=welcome, state="answered", anonymous=True, votes=12, text="Who pays for it?",
                    author=UserFactory(first_name="Rui", last_name="Secret"))
    QuestionFactory(session=welcome, state="answered", author=None, votes=1, text="What of erased people?")
    attendee = ProfileFactory().user
    Registration.objects.create(event=event, user=attendee, status=Registration.Status.REGISTERED)

    for visitor in (None, attendee):
        if visitor:
            client.force_login(visitor)
        html = client.get(event.url).content.decode()
        welcome_html, workshops = sections(html)

        assert re.findall(r'<ul class="answered-questions">.*?</ul>', html, re.S) == [
            '<ul class="answered-questions"><li>Who pays for it? <span class="votes">(12 votes)</span></li>'
            '<li>What of erased people? <span class="votes">(1 vote)</span></li>'
            '<li>A answered question? <span class="votes">(0 votes)</span></li></ul>']
        assert "Who pays for it?" in welcome_html and "Who pays for it?" not in workshops
        for state in ("pending", "shown", "hidden"):
            assert asked[state].text not in html
        for name in ("Marta", "Asker-", "Rui", "Secret", "A participant", "Anonymous"):
            assert name not in html


def test_the_event_page_queries_do_not_grow_with_answered_questions(client, event):
    sessions = list(Session.objects.filter(event=event))

    def add_rows(count):
        for number in range(count):
            session = add_session(event, f"Panel {count}-{number}", 12, kind=Session.Kind.PANEL)
            for asked_in in (session, sessions[number % len(sessions)]):
                QuestionFactory(session=asked_in, state="answered", votes=number)
                QuestionFactory(session=asked_in, state="shown")

    response = assert_queries_do_not_grow(client, event.url, add_rows)
    assert response.content.decode().count("<li>How will question") == 20  # two in each of 1 + 9 rounds


def test_the_demo_has_answered_questions_in_the_record_and_an_open_qa_coming(client):
    create_demo_forum()
    assert create_demo_questions() == ["answered questions of the 2022 industry panel",
                                       "the open Q&A of a coming workshop"]
    assert create_demo_questions() == []

    panel = Session.objects.get(event__slug="stakeholder-forum-2022", title="Industry panel")
    answered = panel.questions.all()
    assert len(answered) == 3 and {question.state for question in answered} == {Question.State.ANSWERED}
    assert [question.anonymous for question in answered].count(True) == 1
    html = client.get(panel.event.url).content.decode()
    assert all(question.text in html for question in answered)
    assert all(question.author.first_name not in html for question in answered)

    workshop = Session.objects.get(event__slug="stakeholder-forum-coming", title="Workshop: Rare disease")
    assert workshop.questions_open
    assert sorted(workshop.questions.values_list("state", flat=True)) == ["pending", "shown", "shown"]
    for question in workshop.questions.all():
        assert is_attendee(workshop, question.author)
        assert question.votes == question.vote_rows.count()
