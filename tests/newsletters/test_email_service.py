"""An email service's reports through django-anymail's tracking webhook (Postmark's payloads): bounces,
complaints and unsubscribes stop the newsletter; a request without the webhook secret changes nothing."""

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsletters.models import Consent, Delivery, Subscriber
from tests.factories import NewsletterIssuePageFactory, TopicFactory, subscribers
from tests.helpers import recipients
from tests.newsletters.helpers import send_now, signed_in

pytestmark = pytest.mark.django_db
TRACKING = "/anymail/postmark/tracking/"
ROOT = Path(__file__).resolve().parents[2]


def report(client, payload, **headers):
    return client.post(TRACKING, json.dumps(payload), content_type="application/json", **headers)


def bounce(email, message_id="883953f4-6105-42a2-a16a-77a8eac79483", kind="HardBounce"):
    """What Postmark posts for a bounce (its documented example, addressed to our subscriber)."""
    return {
        "RecordType": "Bounce", "MessageStream": "outbound", "ID": 4323372036854775807, "Type": kind,
        "TypeCode": 1, "Name": "Hard bounce", "Tag": "", "MessageID": message_id, "Metadata": {},
        "ServerID": 23, "Description": "The server was unable to deliver your message (ex: unknown user, "
        "mailbox not found).", "Details": "smtp;550 5.1.1 The email account that you tried to reach "
        "does not exist.", "Email": email, "From": "newsletter@example.org",
        "BouncedAt": "2026-11-05T16:33:54.9070259Z", "DumpAvailable": True, "Inactive": True,
        "CanActivate": True, "Subject": "Issue 1: the genome of Europe",
    }


def complaint(email):
    return {
        "RecordType": "SpamComplaint", "MessageStream": "outbound", "ID": 42, "Type": "SpamComplaint",
        "TypeCode": 512, "Name": "Spam complaint", "Tag": "", "MessageID": "00000000-0000-0000-0000-0",
        "ServerID": 1234, "Description": "", "Details": "Test spam complaint details", "Email": email,
        "From": "newsletter@example.org", "BouncedAt": "2026-11-05T16:33:54.9070259Z",
        "DumpAvailable": True, "Inactive": True, "CanActivate": False, "Subject": "Issue 1",
    }


def subscription_change(email):
    return {
        "RecordType": "SubscriptionChange", "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "ServerID": 23, "MessageStream": "broadcast", "ChangedAt": "2026-11-05T10:53:34.416071Z",
        "Recipient": email, "Origin": "Recipient", "SuppressSending": True,
        "SuppressionReason": "ManualSuppression", "Tag": "", "Metadata": {},
    }


def test_a_bounce_marks_the_subscriber_and_the_latest_delivery_and_the_next_send_skips_them(
        client, settings, smtp_server):
    general = TopicFactory()
    [ana, rui] = subscribers(2, [general])
    first = send_now(NewsletterIssuePageFactory(), [general])

    response = report(client, bounce(ana.email.upper()), **signed_in(settings))

    assert response.status_code == 200
    ana.refresh_from_db()
    assert ana.status == Subscriber.Status.BOUNCED
    assert Delivery.objects.get(send=first, subscriber=ana).status == Delivery.Status.BOUNCED
    assert Delivery.objects.get(send=first, subscriber=rui).status == Delivery.Status.SENT
    smtp_server.handler.received.clear()
    send_now(NewsletterIssuePageFactory(title="Issue 2"), [general])
    assert recipients(smtp_server) == [rui.email]


def test_a_bounce_naming_one_of_our_message_ids_marks_that_delivery(client, settings, smtp_server):
    general = TopicFactory()
    [ana] = subscribers(1, [general])
    first = send_now(NewsletterIssuePageFactory(), [general])
    second = send_now(NewsletterIssuePageFactory(title="Issue 2"), [general])
    older = Delivery.objects.get(send=first)

    report(client, bounce(ana.email, message_id=older.message_id.strip("<>")), **signed_in(settings))

    assert Delivery.objects.get(send=first).status == Delivery.Status.BOUNCED
    assert Delivery.objects.get(send=second).status == Delivery.Status.SENT
    # The service repeating its report marks no other delivery.
    report(client, bounce(ana.email, message_id=older.message_id.strip("<>")), **signed_in(settings))
    assert Delivery.objects.get(send=second).status == Delivery.Status.SENT


def test_a_spam_complaint_stops_the_newsletter(client, settings, smtp_server):
    general = TopicFactory()
    [ana, rui] = subscribers(2, [general])

    assert report(client, complaint(ana.email), **signed_in(settings)).status_code == 200

    ana.refresh_from_db()
    assert ana.status == Subscriber.Status.COMPLAINED
    send_now(NewsletterIssuePageFactory(), [general])
    assert recipients(smtp_server) == [rui.email]


def test_an_unsubscribe_at_the_service_withdraws_the_consent(client, settings, smtp_server):
    general = TopicFactory()
    [ana, rui] = subscribers(2, [general])

    assert report(client, subscription_change(ana.email), **signed_in(settings)).status_code == 200

    ana.refresh_from_db()
    assert ana.status == Subscriber.Status.UNSUBSCRIBED and ana.unsubscribed_at
    withdrawal = ana.consents.get()
    assert not withdrawal.given and withdrawal.source == Consent.Source.MAIL_SERVICE
    send_now(NewsletterIssuePageFactory(), [general])
    assert recipients(smtp_server) == [rui.email]


def test_opens_and_unknown_addresses_change_nothing(client, settings):
    [ana] = subscribers(1, [TopicFactory()])
    opened = {"RecordType": "Open", "MessageStream": "outbound", "FirstOpen": True, "Client": {},
              "OS": {}, "Platform": "WebMail", "UserAgent": "Mozilla/5.0", "ReadSeconds": 5, "Geo": {},
              "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483", "Metadata": {},
              "ReceivedAt": "2026-11-05T16:33:54.9070259Z", "Tag": "", "Recipient": ana.email}
    assert report(client, opened, **signed_in(settings)).status_code == 200
    assert report(client, bounce("nobody@example.org"), **signed_in(settings)).status_code == 200
    ana.refresh_from_db()
    assert ana.status == Subscriber.Status.CONFIRMED
    assert not Subscriber.objects.filter(email="nobody@example.org").exists()


@pytest.mark.parametrize("headers", [
    {},
    {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(b"email-service:guessed").decode()},
], ids=["no secret", "wrong secret"])
def test_a_report_without_the_secret_is_refused_and_changes_nothing(client, headers):
    [ana] = subscribers(1, [TopicFactory()])

    response = report(client, bounce(ana.email), **headers)

    assert response.status_code == 400
    ana.refresh_from_db()
    assert ana.status == Subscriber.Status.CONFIRMED


@pytest.mark.parametrize("secret, served", [("", False), ("email-service:s3cret", True)],
                         ids=["no secret set", "secret set"])
def test_the_webhooks_are_served_only_once_a_secret_is_set(secret, served):
    """Without a secret, anymail would take anyone's reports: the production settings leave it out."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.base", "DJANGO_SECRET_KEY": "k" * 50,
           "ANYMAIL_WEBHOOK_SECRET": secret}
    resolved = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from django.urls import resolve; print(resolve('/anymail/postmark/tracking/').view_name)"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert resolved.returncode == 0, resolved.stderr
    assert (resolved.stdout.strip().splitlines()[-1] == "anymail:postmark_tracking_webhook") is served
