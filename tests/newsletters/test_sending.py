"""Sending an issue through a real Celery worker on Redis to an SMTP server on loopback."""

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from newsletters import sending
from newsletters.models import Delivery, Send, Subscriber
from tests.factories import (
    ErasedAddressFactory,
    NewsletterIssuePageFactory,
    SendFactory,
    TopicFactory,
    subscribers,
)
from tests.helpers import recipients
from tests.newsletters.helpers import wait_until_done

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.services
def test_a_thousand_subscribers_get_exactly_one_copy_each(celery_worker, smtp_server, settings):
    settings.NEWSLETTER_BATCH_SIZE = 100
    general = TopicFactory()
    readers = subscribers(1000, [general])
    started = time.monotonic()

    send, created = sending.request_send(NewsletterIssuePageFactory(), [general])

    wait_until_done(send)
    assert created
    received = Counter(recipients(smtp_server))
    assert set(received) == {reader.email for reader in readers}
    assert set(received.values()) == {1}
    assert Delivery.objects.filter(send=send, status="sent").exclude(message_id="").count() == 1000
    assert time.monotonic() - started < 60


@pytest.mark.services
def test_an_smtp_server_that_refuses_for_a_while_gets_every_message_once(celery_worker, settings):
    from tests.conftest import relay_to
    from tests.services import SMTPServer

    settings.NEWSLETTER_RETRY_BACKOFF = 0.2
    general = TopicFactory()
    readers = subscribers(30, [general])
    with SMTPServer(refuse=12) as server:
        relay_to(settings, server)
        send, _ = sending.request_send(NewsletterIssuePageFactory(), [general])
        wait_until_done(send)

    assert server.handler.refused == 12
    received = Counter(recipients(server))
    assert set(received) == {reader.email for reader in readers} and set(received.values()) == {1}
    assert Delivery.objects.filter(send=send, attempts__gt=1).count() >= 1
    assert not Delivery.objects.filter(send=send).exclude(status="sent").exists()


def test_unsubscribed_bounced_unconfirmed_and_erased_addresses_get_nothing(smtp_server, settings):

    general = TopicFactory()
    [confirmed, erased, late] = subscribers(3, [general])
    for status in ("unsubscribed", "bounced", "unconfirmed", "complained"):
        subscribers(1, [general], status=status, prefix=status)
    ErasedAddressFactory(address=erased.email)
    assert sorted(sending.audience_ids([general])) == sorted([confirmed.pk, late.pk])

    send = SendFactory()
    send.topics.set([general])
    assert sending.start_send(send.pk)
    Subscriber.objects.filter(pk=late.pk).update(status="unsubscribed")  # after the ledger was made
    while sending.send_batch(send.pk):
        pass

    assert list(Counter(recipients(smtp_server))) == [confirmed.email]
    assert Delivery.objects.get(send=send, subscriber=late).status == "skipped"
    assert not sending.start_send(send.pk)  # started once only


def test_a_second_click_makes_no_second_send():
    general, rare = TopicFactory(), TopicFactory(name="Rare diseases")
    issue = NewsletterIssuePageFactory()
    tomorrow = timezone.now() + timedelta(days=1)

    first, created = sending.request_send(issue, [general, rare], send_at=tomorrow)
    again, created_again = sending.request_send(issue, [rare, general], send_at=tomorrow)

    assert created and not created_again and again == first
    assert Send.objects.count() == 1
    other, created_other = sending.request_send(issue, [rare], send_at=tomorrow)
    assert created_other and other != first


def test_sending_an_issue_again_reaches_only_those_who_did_not_get_it(smtp_server):
    general = TopicFactory()
    [first_reader] = subscribers(1, [general])
    issue = NewsletterIssuePageFactory()
    sending.request_send(issue, [general])  # eager here: sent at once
    [new_reader] = subscribers(1, [general], prefix="newcomer")

    second, created = sending.request_send(issue, [general])

    second.refresh_from_db()
    assert created and second.status == "done"
    assert Counter(recipients(smtp_server)) == Counter({first_reader.email: 1, new_reader.email: 1})
