"""Places at an event and in its workshops: capacity, waiting lists, offers with deadlines, and the last place
asked for twice at once."""

import datetime
import threading

import pytest
import time_machine
from django.db import connection, connections
from django.db.models import ProtectedError
from django.utils import timezone

from portal.forum.models import Registration, WorkshopChoice
from portal.forum.registration import Refused, accept, cancel, cancel_workshop, lapse_offers, register
from tests.factories import (
    ForumEventPageFactory,
    SessionFactory,
    UserFactory,
    WorkshopFactory,
    approved_stakeholder,
)
from tests.services import queued_mail

pytestmark = pytest.mark.django_db
Status = Registration.Status


def subjects_to(user) -> list[str]:
    return [message.subject for message in queued_mail() if user.email in message.to]


def test_the_event_fills_then_people_wait_and_each_is_told_which():
    event = ForumEventPageFactory(capacity=2)
    first, second, third = approved_stakeholder(), approved_stakeholder(), approved_stakeholder()

    statuses = [register(event, person).status for person in (first, second, third)]

    assert statuses == [Status.REGISTERED, Status.REGISTERED, Status.WAITING]
    assert subjects_to(first) == [f"You are registered for {event.title}"]
    assert subjects_to(third) == [f"You are on the waiting list of {event.title}"]


def test_a_freed_place_is_offered_to_the_first_waiting_until_the_deadline_then_to_the_next():
    event = ForumEventPageFactory(capacity=1, offer_hours=48)
    holder, first_waiting, second_waiting = (approved_stakeholder() for _ in range(3))
    held = register(event, holder)
    register(event, first_waiting)
    register(event, second_waiting)
    now = timezone.now()

    cancel(held, now=now)

    offered = Registration.objects.get(user=first_waiting)
    assert offered.status == Status.OFFERED and offered.offered_until == now + datetime.timedelta(hours=48)
    assert f"A place is free for you at {event.title}" in subjects_to(first_waiting)
    assert Registration.objects.get(user=second_waiting).status == Status.WAITING
    # An offered place counts: a newcomer waits behind the queue.
    assert register(event, approved_stakeholder()).status == Status.WAITING

    with time_machine.travel(now + datetime.timedelta(hours=49)):
        with pytest.raises(Refused):
            accept(offered)
        assert lapse_offers() == 1

    assert Registration.objects.get(user=first_waiting).status == Status.CANCELLED
    assert Registration.objects.get(user=second_waiting).status == Status.OFFERED
    assert any("has gone to the next person" in subject for subject in subjects_to(first_waiting))


def test_an_offer_taken_up_in_time_is_a_place():
    event = ForumEventPageFactory(capacity=1)
    holder, waiting = approved_stakeholder(), approved_stakeholder()
    held = register(event, holder)
    register(event, waiting)
    cancel(held)

    accept(Registration.objects.get(user=waiting))

    assert Registration.objects.get(user=waiting).status == Status.REGISTERED
    assert lapse_offers(timezone.now() + datetime.timedelta(days=30)) == 0


def test_a_person_holds_an_event_place_while_waiting_for_a_full_workshop():
    event = ForumEventPageFactory(capacity=10)
    rare_disease = WorkshopFactory(event=event, capacity=1, title="Rare disease")
    first, second = approved_stakeholder(), approved_stakeholder()
    register(event, first, workshops=[rare_disease])

    registration = register(event, second, workshops=[rare_disease])

    assert registration.status == Status.REGISTERED
    assert registration.workshops.get().status == Status.WAITING
    cancel_workshop(WorkshopChoice.objects.get(registration__user=first))
    offer = registration.workshops.get()
    assert offer.status == Status.OFFERED
    assert "A place is free for you in Rare disease" in subjects_to(second)
    accept(offer)
    assert registration.workshops.get().status == Status.REGISTERED


def test_people_waiting_for_the_event_take_no_workshop_place_until_they_have_one():
    event = ForumEventPageFactory(capacity=1)
    cancer = WorkshopFactory(event=event, capacity=5)
    holder, waiting = approved_stakeholder(), approved_stakeholder()
    held = register(event, holder)

    registration = register(event, waiting, workshops=[cancer])

    assert registration.workshops.get().status == Status.WAITING
    cancel(held)
    accept(Registration.objects.get(pk=registration.pk))
    assert registration.workshops.get().status == Status.OFFERED


def test_cancelling_frees_the_workshop_places_too():
    event = ForumEventPageFactory()
    infectious = WorkshopFactory(event=event, capacity=1)
    first, second = approved_stakeholder(), approved_stakeholder()
    held = register(event, first, workshops=[infectious])
    register(event, second, workshops=[infectious])

    cancel(held)

    assert WorkshopChoice.objects.get(registration__user=second).status == Status.OFFERED


def test_registering_twice_is_refused_and_registering_again_after_cancelling_joins_the_end_of_the_queue():
    event = ForumEventPageFactory(capacity=1)
    person, other = approved_stakeholder(), approved_stakeholder()
    mine = register(event, person)
    with pytest.raises(Refused, match="registered for this event already"):
        register(event, person)

    cancel(mine)
    register(event, other)
    again = register(event, person)

    assert again.pk == mine.pk and again.status == Status.WAITING
    assert Registration.objects.filter(event=event, user=person).count() == 1


@pytest.mark.parametrize("reason, make", [
    ("approved stakeholders", lambda: (ForumEventPageFactory(), UserFactory())),
    ("closed", lambda: (ForumEventPageFactory(registration_open=False), approved_stakeholder())),
    ("closed", lambda: (ForumEventPageFactory(
        registration_closes_at=timezone.now() - datetime.timedelta(minutes=1)), approved_stakeholder())),
])
def test_who_may_not_register_is_told_why(reason, make):
    event, person = make()

    with pytest.raises(Refused, match=reason):
        register(event, person)

    assert not Registration.objects.filter(user=person).exists()


def test_one_workshop_per_parallel_slot_and_only_this_events_workshops():
    event = ForumEventPageFactory()
    rare, cancer = WorkshopFactory(event=event), WorkshopFactory(event=event)
    keynote = SessionFactory(event=event)
    elsewhere = WorkshopFactory()

    for workshops in ([rare, cancer], [keynote], [elsewhere]):
        with pytest.raises(Refused):
            register(event, approved_stakeholder(), workshops=workshops)
    assert not Registration.objects.filter(event=event).exists()


def test_a_session_or_an_event_with_registrations_cannot_be_deleted():
    event = ForumEventPageFactory()
    workshop = WorkshopFactory(event=event)
    register(event, approved_stakeholder(), workshops=[workshop])

    with pytest.raises(ProtectedError):
        workshop.delete()
    with pytest.raises(ProtectedError):
        event.delete()


def test_erasing_a_persons_data_gives_their_place_to_the_next_in_line():
    from portal.core.personal_data import Owner, erase_personal_data

    event = ForumEventPageFactory(capacity=1)
    leaving, waiting = approved_stakeholder(), approved_stakeholder()
    register(event, leaving)
    register(event, waiting)

    erase_personal_data(Owner.of(leaving))

    assert not Registration.objects.filter(user=leaving).exists()
    assert Registration.objects.get(user=waiting).status == Status.OFFERED
    assert f"A place is free for you at {event.title}" in subjects_to(waiting)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("places", ["event", "workshop"])
def test_two_people_asking_for_the_last_place_at_once_never_over_fill_it(places):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write: the race needs PostgreSQL")
    event = ForumEventPageFactory(capacity=1 if places == "event" else None)
    workshop = WorkshopFactory(event=event, capacity=1)
    people = [approved_stakeholder() for _ in range(6)]
    start = threading.Barrier(len(people))
    errors = []

    def ask(person):
        try:
            start.wait()
            register(event, person, workshops=[workshop])
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    held = Registration.objects.filter(event=event, status=Status.REGISTERED)
    assert held.count() == (1 if places == "event" else 6)
    assert WorkshopChoice.objects.filter(session=workshop, status=Status.REGISTERED).count() == 1


def test_people_with_a_place_are_reminded_once_before_the_event_with_its_joining_link():
    from portal.forum.tasks import send_reminders

    event = ForumEventPageFactory(reminder_hours=24, online_link="https://meet.example.org/forum")
    holder, waiting, gone = approved_stakeholder(), approved_stakeholder(), approved_stakeholder()
    event.capacity = 1
    event.save()
    register(event, holder)
    register(event, waiting)
    cancel(register(event, gone))

    with time_machine.travel(event.starts_at - datetime.timedelta(hours=25)):
        assert send_reminders() == 0
    with time_machine.travel(event.starts_at - datetime.timedelta(hours=23)):
        assert send_reminders() == 1
        assert send_reminders() == 0

    reminders = [message for message in queued_mail() if message.subject.startswith("Reminder:")]
    assert [message.to for message in reminders] == [[holder.email]]
    assert "https://meet.example.org/forum" in reminders[0].body


def test_the_forums_periodic_work_is_on_the_schedule_make_run_runs():
    from django.conf import settings

    from portal.celery import app

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"portal.forum.tasks.lapse_offers", "portal.forum.tasks.send_reminders"} <= tasks
    app.loader.import_default_modules()
    assert tasks <= set(app.tasks)
