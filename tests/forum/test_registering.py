"""Registering on the portal: the form, one click to cancel from the email, offers taken up on My portal."""

import re

import pytest

from portal.forum.models import Registration
from tests.factories import ForumEventPageFactory, ProfileFactory, WorkshopFactory, approved_stakeholder
from tests.services import queued_mail

pytestmark = pytest.mark.django_db


def test_a_stakeholder_registers_for_a_workshop_and_cancels_in_one_click_from_the_email(client):
    event = ForumEventPageFactory(capacity=10)
    cancer = WorkshopFactory(event=event, title="Cancer", capacity=1)
    WorkshopFactory(event=event, title="Rare disease", starts_at=cancer.starts_at)
    person, waiting = approved_stakeholder(), approved_stakeholder()
    client.force_login(person)

    form = client.get(f"/forum/events/{event.pk}/register/")
    assert "Cancer" in form.text and "Rare disease" in form.text
    response = client.post(f"/forum/events/{event.pk}/register/",
                           {"slot_0": cancer.pk, "accessibility_needs": "Captions", "listed": "on"})

    assert response.status_code == 302
    mine = Registration.objects.get(user=person)
    assert (mine.status, mine.accessibility_needs, mine.listed) == ("registered", "Captions", True)
    assert mine.workshops.get().session == cancer
    client.force_login(waiting)
    client.post(f"/forum/events/{event.pk}/register/", {"slot_0": cancer.pk})
    assert Registration.objects.get(user=waiting).workshops.get().status == "waiting"

    confirmation = next(message for message in queued_mail() if person.email in message.to)
    cancel_path = re.search(r"https?://[^/\s]+(/forum/registrations/\S+/cancel/)", confirmation.body).group(1)
    client.logout()
    assert "Cancel my registration" in client.get(cancel_path).text
    client.post(cancel_path)

    assert Registration.objects.get(user=person).status == "cancelled"
    assert Registration.objects.get(user=waiting).workshops.get().status == "offered"
    client.force_login(waiting)
    panel = client.get("/my/").text
    assert "Take up the workshop place" in panel
    offer = Registration.objects.get(user=waiting)
    client.post(f"/forum/registrations/{offer.token}/accept/", {"workshop": offer.workshops.get().pk})
    assert offer.workshops.get().status == "registered"


def test_a_stakeholder_not_yet_approved_is_told_why_and_nothing_is_stored(client):
    event = ForumEventPageFactory()
    client.force_login(ProfileFactory().user)

    response = client.post(f"/forum/events/{event.pk}/register/", {})

    assert "approved" in response.text
    assert not Registration.objects.exists()


def test_two_workshops_of_one_slot_cannot_be_chosen_and_what_was_typed_stays(client):
    event = ForumEventPageFactory()
    WorkshopFactory(event=event)
    client.force_login(approved_stakeholder())

    response = client.post(f"/forum/events/{event.pk}/register/",
                           {"slot_0": "999999", "accessibility_needs": "Step-free access"})

    assert response.status_code == 200
    assert "Step-free access" in response.text
    assert not Registration.objects.exists()


def test_only_the_owner_takes_up_an_offer(client):
    event = ForumEventPageFactory(capacity=1)
    offered = Registration.objects.create(event=event, user=approved_stakeholder(), status="offered")
    client.force_login(approved_stakeholder())

    response = client.post(f"/forum/registrations/{offered.token}/accept/")

    assert response.status_code == 404
    assert Registration.objects.get(pk=offered.pk).status == "offered"


def test_the_confirmation_carries_the_programme_as_an_ics_file_that_reads_back(client):
    import icalendar

    event = ForumEventPageFactory()
    cancer = WorkshopFactory(event=event, title="Cancer")
    person = approved_stakeholder()
    client.force_login(person)

    client.post(f"/forum/events/{event.pk}/register/", {"slot_0": cancer.pk})

    confirmation = next(message for message in queued_mail() if person.email in message.to)
    [(name, content, mimetype)] = confirmation.attachments
    assert (name, mimetype) == (f"{event.slug}.ics", "text/calendar")
    entries = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert [str(entry["SUMMARY"]) for entry in entries] == [f"Cancer ({event.title})"]


def test_the_attendee_list_shows_only_those_who_agreed_and_only_to_attendees(client):
    event = ForumEventPageFactory()
    listed, unlisted, waiting, outsider = (approved_stakeholder() for _ in range(4))
    for person, status, agreed in ((listed, "registered", True), (unlisted, "registered", False),
                                   (waiting, "waiting", True)):
        Registration.objects.create(event=event, user=person, status=status, listed=agreed)

    client.force_login(unlisted)
    page = client.get(event.url).text
    client.force_login(outsider)
    outsiders_page = client.get(event.url).text

    assert listed.get_full_name() in page
    assert unlisted.get_full_name() not in page and waiting.get_full_name() not in page
    assert "Attendees" not in outsiders_page and listed.get_full_name() not in outsiders_page


def test_the_my_portal_panel_lists_registrations_without_a_query_per_event_or_workshop(client):
    from tests.factories import RegistrationFactory, WorkshopChoiceFactory
    from tests.queries import assert_queries_do_not_grow

    person = approved_stakeholder()
    client.force_login(person)

    def register_for_more(count):
        for _ in range(count):
            registration = RegistrationFactory(user=person)
            WorkshopChoiceFactory(registration=registration)

    response = assert_queries_do_not_grow(client, "/my/", register_for_more)
    assert "Your forum registrations" in response.text
