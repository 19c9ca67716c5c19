import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.utils import timezone

from portal.outbox.models import OutboxMessage
from portal.outbox.tasks import relay, sweep_outbox
from tests.helpers import broker_down
from tests.services import free_port

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def send_welcome(to="ana@example.org"):
    message = EmailMultiAlternatives("Welcome", "Plain welcome", "portal@example.org", [to])
    message.attach_alternative("<p>HTML welcome</p>", "text/html")
    message.send()


def test_mail_is_stored_and_relayed_after_the_commit_with_both_parts():
    with transaction.atomic():
        send_welcome()
        assert OutboxMessage.objects.get().status == "waiting"
        assert mail.outbox == []  # nothing leaves before the change that caused it is committed

    stored = OutboxMessage.objects.get()
    assert stored.status == "sent" and stored.attempts == 1
    [relayed] = mail.outbox
    assert relayed.body == "Plain welcome"
    assert relayed.alternatives[0][0] == "<p>HTML welcome</p>"
    assert relayed.extra_headers["Message-ID"] == stored.message_id


def test_mail_of_a_rolled_back_change_is_never_sent():
    with pytest.raises(RuntimeError), transaction.atomic():
        send_welcome()
        raise RuntimeError("the change fails")

    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


def test_smtp_refusals_are_retried_and_the_mail_arrives_once(flaky_smtp_server):
    send_mail("Verify", "Please verify", "portal@example.org", ["ana@example.org"])

    stored = OutboxMessage.objects.get()
    assert stored.status == "sent"
    assert stored.attempts == 3
    assert flaky_smtp_server.handler.refused == 2
    [received] = flaky_smtp_server.messages()
    assert received["Subject"] == "Verify"
    assert received["Message-ID"] == stored.message_id


def test_a_message_that_keeps_failing_is_marked_failed_with_its_error(settings):
    settings.OUTBOX_RELAY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.OUTBOX_MAX_ATTEMPTS = 2

    send_mail("Verify", "Please verify", "portal@example.org", ["ana@example.org"])

    stored = OutboxMessage.objects.get()
    assert stored.status == "failed"
    assert stored.attempts == 2
    assert "ConnectionRefusedError" in stored.last_error


def test_a_broker_that_is_down_loses_no_mail_and_the_sweep_sends_it_once(smtp_server):
    with broker_down():
        started = time.monotonic()
        send_mail("Verify", "Please verify", "portal@example.org", ["ana@example.org"])
        elapsed = time.monotonic() - started

    assert elapsed < 10, f"sending waited {elapsed:.1f}s on the broker"
    assert OutboxMessage.objects.get().status == "waiting"
    assert smtp_server.messages() == []

    # The broker is back: the periodic sweep sends what waited, once.
    assert sweep_outbox() == 1
    assert sweep_outbox() == 0
    stored = OutboxMessage.objects.get()
    assert stored.status == "sent"
    assert len(smtp_server.messages()) == 1
    assert relay(stored.pk) is None  # a sent message is never sent again


def test_the_sweep_waits_for_the_backoff(smtp_server):
    with broker_down():
        send_mail("Verify", "Please verify", "portal@example.org", ["ana@example.org"])
    OutboxMessage.objects.update(next_attempt_at=timezone.now() + timedelta(minutes=1))

    assert sweep_outbox() == 0
    assert smtp_server.messages() == []


@pytest.mark.services
def test_a_real_worker_on_redis_relays_the_outbox(celery_worker, smtp_server):
    send_mail("Verify", "Please verify", "portal@example.org", ["ana@example.org"])

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not smtp_server.messages():
        time.sleep(0.1)
    assert len(smtp_server.messages()) == 1
    assert OutboxMessage.objects.get().status == "sent"


def test_wagtails_own_mail_goes_through_the_outbox_too():
    from wagtail.admin.mail import send_mail as wagtail_send_mail

    wagtail_send_mail("Page submitted", "A page awaits moderation", ["office@example.org"])

    stored = OutboxMessage.objects.get()
    assert stored.subject == "Page submitted"
    assert stored.status == "sent"
    assert [m.to for m in mail.outbox] == [["office@example.org"]]


def test_a_relay_before_the_message_is_due_does_nothing(settings):
    settings.OUTBOX_RELAY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.OUTBOX_MAX_ATTEMPTS = 10
    send_mail("Verify", "Please verify", "portal@example.org", ["ana@example.org"])
    stored = OutboxMessage.objects.get()
    assert stored.attempts == settings.OUTBOX_QUICK_RETRIES and stored.status == "waiting"

    assert relay(stored.pk) is None  # not due: a stray or duplicated task sends nothing

    stored.refresh_from_db()
    assert stored.attempts == settings.OUTBOX_QUICK_RETRIES
    assert stored.next_attempt_at > timezone.now()


def test_the_backoff_grows_to_an_hour():
    message = OutboxMessage(attempts=1)
    delays = []
    for attempts in (1, 2, 3, 8, 30):
        message.attempts = attempts
        delays.append(message.backoff().total_seconds())
    assert delays == [30, 60, 120, 3600, 3600]


def test_the_sweep_deletes_sent_mail_after_the_retention_period(settings):
    send_welcome()
    OutboxMessage.objects.update(sent_at=timezone.now() - timedelta(days=settings.OUTBOX_RETENTION_DAYS + 1))
    sweep_outbox()
    assert OutboxMessage.objects.count() == 0


def test_the_sweep_deletes_failed_mail_after_the_retention_period_too(settings):
    send_welcome("old@example.org")
    send_welcome("recent@example.org")
    OutboxMessage.objects.update(status=OutboxMessage.Status.FAILED, sent_at=None)
    OutboxMessage.objects.filter(recipients="old@example.org").update(
        created_at=timezone.now() - timedelta(days=settings.OUTBOX_RETENTION_DAYS + 1))

    sweep_outbox()

    assert list(OutboxMessage.objects.values_list("recipients", flat=True)) == ["recent@example.org"]


def test_a_message_records_whom_it_concerns_without_sending_that_on():
    from portal.core.mail import CONCERNING_HEADER, send_templated_mail

    send_templated_mail("mirror_groups/contact", ["ncp@example.org"],
                        {"name": "Rita", "email": "rita@example.org", "message": "Hello", "group": None},
                        concerning=["Rita@Example.org"])

    assert OutboxMessage.objects.get().concerns == "rita@example.org"
    [relayed] = mail.outbox
    assert relayed.to == ["ncp@example.org"]
    assert CONCERNING_HEADER not in relayed.extra_headers
    assert CONCERNING_HEADER not in relayed.message().as_string()


def test_coordinators_see_failed_mail_and_send_it_again(client, settings, smtp_server):
    from tests.factories import OutboxMessageFactory, coordinator

    OutboxMessageFactory(subject="Lost", message_id="<lost@portal>", status="failed", attempts=30,
                         last_error="SMTPServerDisconnected", recipients="ana@example.org")
    client.force_login(coordinator())
    listing = client.get("/admin/outbox/?status=failed")
    stored = OutboxMessage.objects.get()
    assert "Lost" in listing.text
    assert f"/admin/outbox/send-again/{stored.pk}/" in listing.text
    assert client.get(f"/admin/outbox/send-again/{stored.pk}/").status_code == 200
    assert OutboxMessage.objects.get().status == "failed"  # asking changes nothing

    client.post(f"/admin/outbox/send-again/{stored.pk}/")

    stored.refresh_from_db()
    assert stored.status == "sent"
    assert [m["Subject"] for m in smtp_server.messages()] == ["Lost"]


def test_nobody_edits_an_outgoing_email(client):
    from tests.factories import coordinator

    send_welcome()
    client.force_login(coordinator())
    assert client.get(f"/admin/outbox/edit/{OutboxMessage.objects.get().pk}/").status_code in (302, 403)
