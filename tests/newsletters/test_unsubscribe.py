"""List-Unsubscribe headers on every newsletter, and the one-click unsubscribe they point to."""

import smtplib
from datetime import timedelta

import pytest
from django.test import Client

from newsletters import sending
from newsletters.email import render_issue
from newsletters.models import Consent, Delivery, Send, Subscriber
from tests.factories import NewsletterIssuePageFactory, TopicFactory, subscribers
from tests.helpers import recipients
from tests.newsletters.helpers import send_now
from tests.services import SMTPServer

pytestmark = pytest.mark.django_db


def test_every_newsletter_has_the_unsubscribe_headers_and_the_preferences_link(smtp_server, settings):
    settings.NEWSLETTER_BASE_URL = "https://portal.example.org"
    settings.NEWSLETTER_UNSUBSCRIBE_MAILTO = "unsubscribe@example.org"
    [reader] = subscribers(1, [TopicFactory()])

    send_now(NewsletterIssuePageFactory(), [TopicFactory()])

    [message] = smtp_server.messages()
    unsubscribe = f"https://portal.example.org/newsletter/unsubscribe/{reader.token}/"
    links = message["List-Unsubscribe"].strip()
    assert links.startswith(f"<{unsubscribe}>, <mailto:unsubscribe@example.org?")
    assert message["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
    assert message["Message-ID"].strip() == Delivery.objects.get().message_id
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    preferences = f"https://portal.example.org/newsletter/preferences/{reader.token}/"
    for part in (html, text):
        assert preferences in part and unsubscribe in part
        assert "Survey results are out" in part
        assert "https://example.org/r" in part
    assert 'style="' in html and "https://portal.example.org/" in html  # inline styles, absolute links


def test_a_get_only_asks_and_the_one_click_post_unsubscribes_without_csrf_token():
    [reader] = subscribers(1, [TopicFactory()])
    url = f"/newsletter/unsubscribe/{reader.token}/"
    browser = Client(enforce_csrf_checks=True)

    page = browser.get(url)
    assert page.status_code == 200
    assert f'href="/newsletter/preferences/{reader.token}/"' in page.content.decode()
    reader.refresh_from_db()
    assert reader.status == "confirmed"  # a link scanner's GET unsubscribes nobody

    response = browser.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == "unsubscribed" and reader.unsubscribed_at
    consent = Consent.objects.get(subscriber=reader)
    assert not consent.given and consent.source == "unsubscribe"
    assert browser.post("/newsletter/unsubscribe/no-such-token/").status_code == 404


class RefusingOne:
    """Accepts every recipient but one, which it refuses for good (550)."""

    def __init__(self, refused):
        self.refused, self.received = refused, []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.refused:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 Message accepted"


def test_a_permanent_refusal_is_recorded_and_a_resend_reaches_only_the_undelivered(settings):
    from tests.conftest import relay_to

    general = TopicFactory()
    [kept, refused] = subscribers(2, [general])
    server = SMTPServer()
    server.handler = RefusingOne(refused.email)
    server.controller.handler = server.handler
    with server:
        relay_to(settings, server)
        send = send_now(NewsletterIssuePageFactory(), [general])
        failed = Delivery.objects.get(send=send, subscriber=refused)
        assert failed.status == "failed" and "550" in failed.last_error and failed.attempts == 1
        assert send.status == Send.Status.DONE

        server.handler.refused = None
        assert sending.resend_undelivered(send) == 1
        while sending.send_batch(send.pk):
            pass
    assert [e.rcpt_tos for e in server.handler.received] == [[kept.email], [refused.email]]
    assert Delivery.objects.get(pk=failed.pk).status == "sent"


def test_the_email_preview_mode_renders_the_issue_as_email():
    issue = NewsletterIssuePageFactory()
    assert ("email", "Email") in [(m, str(label)) for m, label in issue.preview_modes]
    rendered = render_issue(issue)
    assert rendered.subject == issue.title
    assert "<h2 style=" in rendered.html and "Survey results are out" in rendered.text
    assert "Subscriber" not in rendered.html and smtplib  # no personal data in the shared render
    assert Subscriber.objects.count() == 0


def test_a_scheduled_send_goes_when_the_periodic_tasks_run(smtp_server):
    import time_machine
    from django.utils import timezone

    from portal.scheduling.management.commands.run_periodic import run_due_tasks

    general = TopicFactory()
    [reader] = subscribers(1, [general])
    send, _ = sending.request_send(NewsletterIssuePageFactory(), [general],
                                   send_at=timezone.now() + timedelta(hours=2))
    run_due_tasks({}, now=0.0)
    assert smtp_server.messages() == []

    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert "newsletter-sends" in run_due_tasks({}, now=0.0)

    send.refresh_from_db()
    assert send.status == Send.Status.DONE
    assert recipients(smtp_server) == [reader.email]
