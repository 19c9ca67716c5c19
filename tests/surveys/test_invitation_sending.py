"""Invitations and reminders go once each: a reminder is claimed before it is mailed (a double click, or
two coordinators at the same moment, send one), a task delivered twice mails nothing twice, and what
could not be queued (the broker was down) is sent by the periodic sweep a few minutes later."""

import threading
import time
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from portal.scheduling.management.commands.run_periodic import run_due_tasks
from surveys import invitations
from surveys.invitations import invite, remind, send_invitations, send_reminders
from surveys.models import Invitation, SurveyPage
from tests import helpers
from tests.factories import coordinator
from tests.services import queued_mail

pytestmark = pytest.mark.django_db

LATER = timedelta(days=4)  # reminders go to those invited more than three days ago


@pytest.fixture
def invited(survey, django_capture_on_commit_callbacks):
    SurveyPage.objects.filter(pk=survey.pk).update(audience=SurveyPage.Audience.INVITED)
    survey.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        invite(survey, ["ana@example.org", "ben@example.org"])
    return survey


@pytest.fixture
def broker_down():
    with helpers.broker_down() as app:
        yield app


def recipients(mails) -> list[str]:
    return sorted(address for mail in mails for address in mail.to)


def reminders(mails) -> list[str]:
    return recipients(mail for mail in mails if "not yet submitted" in mail.body)


def test_a_double_click_sends_one_reminder_each(client, invited, django_capture_on_commit_callbacks):
    url = f"/admin/surveys/{invited.pk}/invitations/"

    with time_machine.travel(timezone.now() + LATER), django_capture_on_commit_callbacks(execute=True):
        client.force_login(coordinator())  # days later: an admin's session would have ended meanwhile
        client.post(url, {"remind": "1"})
        second = client.post(url, {"remind": "1"}, follow=True)

    assert reminders(queued_mail()) == ["ana@example.org", "ben@example.org"]
    assert "2 reminders are on their way." in second.text
    assert "Nobody needs a reminder now" in second.text


def test_a_task_delivered_twice_mails_nothing_twice(invited):
    pks = list(Invitation.objects.values_list("pk", flat=True))
    before = len(queued_mail())
    send_invitations(pks)
    with time_machine.travel(timezone.now() + LATER):
        remind(invited)  # queued on commit, which this test never reaches: the tasks run here instead
        assert send_reminders(pks) == 2
        assert send_reminders(pks) == 0
    assert reminders(queued_mail()[before:]) == ["ana@example.org", "ben@example.org"]
    assert len(queued_mail()) == before + 2


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="two writing transactions at once need PostgreSQL: SQLite locks the whole file")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_coordinators_reminding_at_the_same_moment_send_one_reminder_each(invited):
    """On PostgreSQL, two transactions: the second reads the invitations as needing a reminder before the
    first commits, and its claim then finds them claimed."""
    claimed, counts = threading.Event(), {}
    second_started = threading.Event()

    def first():
        with transaction.atomic():
            counts["first"] = remind(invited)
            claimed.set()
            second_started.wait(5)
            time.sleep(0.5)  # the second reads and waits for the rows meanwhile
        connection.close()

    def second():
        claimed.wait(5)
        second_started.set()
        with transaction.atomic():
            counts["second"] = remind(invited)
        connection.close()

    with time_machine.travel(timezone.now() + LATER, tick=True):
        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(20)

    assert counts == {"first": 2, "second": 0}
    assert reminders(queued_mail()) == ["ana@example.org", "ben@example.org"]


def test_invitations_made_while_the_broker_was_down_are_sent_by_the_sweep(
    survey, broker_down, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(survey, ["ana@example.org"])  # the coordinator's request does not fail

    assert "Could not queue" in caplog.text
    assert Invitation.objects.get().sent_at is None and queued_mail() == []
    assert "survey-invitations-sweep" in run_due_tasks({}, now=0.0)
    assert queued_mail() == []  # a task may still be on its way: the sweep waits a few minutes

    with time_machine.travel(timezone.now() + invitations.SWEEP_AFTER + timedelta(seconds=5)):
        run_due_tasks({}, now=0.0)
        run_due_tasks({}, now=60.0)

    assert recipients(queued_mail()) == ["ana@example.org"]
    assert Invitation.objects.get().sent_at is not None


def test_reminders_asked_for_while_the_broker_was_down_are_sent_by_the_sweep(
    invited, broker_down, django_capture_on_commit_callbacks
):
    later = timezone.now() + LATER
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        assert remind(invited) == 2
    with time_machine.travel(later + timedelta(minutes=1)):
        invitations.sweep_invitations()
    assert reminders(queued_mail()) == []

    with time_machine.travel(later + invitations.SWEEP_AFTER + timedelta(seconds=5)):
        invitations.sweep_invitations()
        invitations.sweep_invitations()

    assert reminders(queued_mail()) == ["ana@example.org", "ben@example.org"]


def test_the_sweep_leaves_closed_surveys_alone(survey):
    invite(survey, ["ana@example.org"])  # its task is queued on a commit this test never reaches
    SurveyPage.objects.filter(pk=survey.pk).update(closes_at=timezone.now() + timedelta(minutes=1))

    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert invitations.sweep_invitations() == 0

    assert queued_mail() == []
