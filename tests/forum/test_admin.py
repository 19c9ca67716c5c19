"""The forum in the admin: coordinators list, filter and export registrations and audience questions, moderate
questions, and run the programme."""

import csv
import io

import pytest

from portal.forum.models import Question, Registration
from portal.initiative.models import Country, StakeholderCluster
from tests.factories import (
    ForumEventPageFactory,
    ProfileFactory,
    QuestionFactory,
    RegistrationFactory,
    SessionFactory,
    UserFactory,
    WorkshopChoiceFactory,
    WorkshopFactory,
    coordinator,
    editor,
)
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
LIST = "/admin/forum/registrations/"


@pytest.fixture
def registrations():
    event = ForumEventPageFactory()
    cancer, rare = WorkshopFactory(event=event, title="Cancer"), WorkshopFactory(event=event, title="Rare")
    portugal, spain = Country.objects.get(iso_code="PT"), Country.objects.get(iso_code="ES")
    industry = StakeholderCluster.objects.get(slug="industry")
    people = {
        "ana": ProfileFactory(country=portugal, clusters=[industry], user__first_name="Ana").user,
        "bea": ProfileFactory(country=spain, user__first_name="Bea").user,
        "caio": ProfileFactory(country=portugal, user__first_name="Caio").user,
    }
    ana = RegistrationFactory(event=event, user=people["ana"])
    bea = RegistrationFactory(event=event, user=people["bea"], status=Registration.Status.WAITING)
    RegistrationFactory(event=event, user=people["caio"], status=Registration.Status.CANCELLED)
    WorkshopChoiceFactory(registration=ana, session=cancer)
    WorkshopChoiceFactory(registration=bea, session=rare)
    return event, cancer, rare


def listed_names(response) -> set[str]:
    return {name for name in ("Ana", "Bea", "Caio") if f"{name} " in response.text}


@pytest.mark.parametrize("query, expected", [
    ("", {"Ana", "Bea", "Caio"}),
    ("status=waiting", {"Bea"}),
    ("country={PT}", {"Ana", "Caio"}),
    ("cluster={industry}", {"Ana"}),
    ("workshop={rare}", {"Bea"}),
])
def test_coordinators_filter_the_registrations(client, registrations, query, expected):
    event, cancer, rare = registrations
    values = {"PT": Country.objects.get(iso_code="PT").pk,
              "industry": StakeholderCluster.objects.get(slug="industry").pk, "rare": rare.pk}
    client.force_login(coordinator())

    response = client.get(f"{LIST}?event={event.pk}&{query.format(**values)}")

    assert response.status_code == 200
    assert listed_names(response) == expected


def test_the_export_lists_who_registered_with_their_needs(client, registrations):
    event, *_ = registrations
    Registration.objects.filter(user__first_name="Ana").update(accessibility_needs="Step-free access")
    client.force_login(coordinator())

    response = client.get(f"{LIST}?event={event.pk}&export=csv")

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert sorted(row["First name"] for row in rows) == ["Ana", "Bea", "Caio"]
    ana = next(row for row in rows if row["First name"] == "Ana")
    assert ana["Accessibility needs"] == "Step-free access"


def test_editors_do_not_see_who_registered(client, registrations):
    client.force_login(editor())

    assert client.get(LIST).status_code in (302, 403)


def test_a_coordinator_marks_attendance_in_the_registration(client, registrations):
    client.force_login(coordinator())
    ana = Registration.objects.get(user__first_name="Ana")

    client.post(f"{LIST}edit/{ana.pk}/", {"status": "attended"})

    assert Registration.objects.get(pk=ana.pk).status == Registration.Status.ATTENDED


def test_the_registrations_listing_queries_do_not_grow(client):
    event = ForumEventPageFactory()
    client.force_login(coordinator())

    assert_queries_do_not_grow(
        client, LIST, lambda count: [RegistrationFactory(event=event, user=ProfileFactory().user)
                                     for _ in range(count)])


def test_the_sessions_listing_queries_do_not_grow(client):
    event = ForumEventPageFactory()
    client.force_login(coordinator())

    assert_queries_do_not_grow(client, "/admin/forum/sessions/",
                               lambda count: [WorkshopFactory(event=event) for _ in range(count)])


def test_a_coordinator_writes_to_the_people_of_one_workshop_through_the_outbox(client):
    from tests.services import queued_mail

    event = ForumEventPageFactory()
    cancer, rare = WorkshopFactory(event=event), WorkshopFactory(event=event)
    in_cancer = RegistrationFactory(event=event, user=ProfileFactory().user)
    waiting_for_cancer = RegistrationFactory(event=event, user=ProfileFactory().user)
    in_rare = RegistrationFactory(event=event, user=ProfileFactory().user)
    WorkshopChoiceFactory(registration=in_cancer, session=cancer)
    WorkshopChoiceFactory(registration=waiting_for_cancer, session=cancer, status=Registration.Status.WAITING)
    WorkshopChoiceFactory(registration=in_rare, session=rare)
    client.force_login(coordinator())

    client.post("/admin/forum/registrations/message/", {
        "event": event.pk, "workshop": cancer.pk, "audience": "attendees", "subject": "Your room",
        "text": "Room B, second floor."})

    sent = [message for message in queued_mail() if message.subject == "Your room"]
    assert [message.to for message in sent] == [[in_cancer.user.email]]
    assert "Room B, second floor." in sent[0].body


def test_editors_may_not_write_to_attendees(client):
    client.force_login(editor())

    assert client.get("/admin/forum/registrations/message/").status_code in (302, 403)


QUESTIONS = "/admin/forum/questions/"


@pytest.fixture
def questions():
    panel, other = SessionFactory(title="Panel"), SessionFactory(title="Elsewhere")
    return {
        "shown": QuestionFactory(session=panel, text="Shown question?", votes=3,
                                 author=UserFactory(first_name="Marta", last_name="Lopes")),
        "pending": QuestionFactory(session=panel, text="Pending question?", state="pending", anonymous=True,
                                   author=UserFactory(first_name="Rui", last_name="Secret")),
        "erased": QuestionFactory(session=panel, text="Erased question?", state="answered", author=None),
        "elsewhere": QuestionFactory(session=other, text="Elsewhere question?"),
    }


def listed_questions(response) -> set[str]:
    names = ("Shown", "Pending", "Erased", "Elsewhere")
    return {name for name in names if f"{name} question?" in response.text}


@pytest.mark.parametrize("query, expected", [
    ("", {"Shown", "Pending", "Erased", "Elsewhere"}),
    ("event={panel_event}", {"Shown", "Pending", "Erased"}),
    ("session={other}", {"Elsewhere"}),
    ("state=pending", {"Pending"}),
])
def test_coordinators_see_every_question_and_filter_them(client, questions, query, expected):
    values = {"panel_event": questions["shown"].session.event_id, "other": questions["elsewhere"].session_id}
    client.force_login(coordinator())

    response = client.get(f"{QUESTIONS}?{query.format(**values)}")

    assert response.status_code == 200
    assert listed_questions(response) == expected
    if not query:
        assert "Rui Secret" in response.text and "A participant" in response.text


def test_the_questions_export_names_who_asked(client, questions):
    client.force_login(coordinator())

    response = client.get(f"{QUESTIONS}?event={questions['shown'].session.event_id}&export=csv")

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["Question"]: row["Asked by"] for row in rows} == {"Shown question?": "Marta Lopes",
                                                                  "Pending question?": "Rui Secret",
                                                                  "Erased question?": "A participant"}
    assert {row["Question"]: row["Event"] for row in rows} == dict.fromkeys(
        ("Shown question?", "Pending question?", "Erased question?"), questions["shown"].session.event.title)


def test_editors_do_not_see_the_questions(client, questions):
    client.force_login(editor())

    assert client.get(QUESTIONS).status_code in (302, 403)
    assert client.get(f"{QUESTIONS}edit/{questions['shown'].pk}/").status_code in (302, 403)


def test_a_coordinator_pins_as_on_the_qa_page_and_only_a_shown_question(client, questions):
    shown, pending = questions["shown"], questions["pending"]
    Question.objects.filter(pk=shown.pk).update(pinned=True)
    client.force_login(coordinator())

    refused = client.post(f"{QUESTIONS}edit/{pending.pk}/", {"state": "answered", "pinned": "on"})
    response = client.post(f"{QUESTIONS}edit/{pending.pk}/", {"state": "shown", "pinned": "on"})

    assert refused.status_code == 200 and refused.context["form"].errors["pinned"]
    assert response.status_code == 302
    pending.refresh_from_db()
    shown.refresh_from_db()
    assert (pending.state, pending.pinned, shown.pinned) == (Question.State.SHOWN, True, False)
    assert pending.changed_at > pending.created_at


def test_a_seen_question_does_not_go_back_to_waiting(client, questions):
    client.force_login(coordinator())

    response = client.post(f"{QUESTIONS}edit/{questions['shown'].pk}/", {"state": "pending"})

    assert response.status_code == 200
    assert Question.objects.get(pk=questions["shown"].pk).state == Question.State.SHOWN


def test_the_questions_listing_queries_do_not_grow(client):
    client.force_login(coordinator())

    assert_queries_do_not_grow(client, QUESTIONS, lambda count: [
        QuestionFactory(anonymous=bool(number % 2), author=None if number % 3 else UserFactory())
        for number in range(count)])


def test_a_coordinator_opens_a_sessions_questions_from_the_admin(client):
    session = SessionFactory(questions_open=False)
    client.force_login(coordinator())
    url = f"/admin/forum/sessions/edit/{session.pk}/"
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {"starts_at": session.starts_at.strftime("%Y-%m-%d %H:%M"),
             "ends_at": session.ends_at.strftime("%Y-%m-%d %H:%M"),
             "questions_open": "on", "questions_moderated": ""}

    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    session.refresh_from_db()
    assert (session.questions_open, session.questions_moderated) == (True, False)
