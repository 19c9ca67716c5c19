"""A batch goes out over several SMTP connections in step (newsletters/smtp.py), each copy filled in from
one message template (newsletters/email.py): every subscriber still gets their own copy, once."""

import pytest
from django.core import mail
from wagtail.rich_text import RichText

from newsletters import sending
from newsletters.email import MessageTemplate, render_issue
from newsletters.models import Delivery, Send
from tests.factories import NewsletterIssuePageFactory, SubscriberFactory, TopicFactory, subscribers
from tests.helpers import recipients
from tests.newsletters.helpers import send_now
from tests.services import SMTPServer

pytestmark = pytest.mark.django_db


def ledger(send: Send) -> dict[str, Delivery]:
    rows = Delivery.objects.filter(send=send).select_related("subscriber")
    return {row.subscriber.email: row for row in rows}


@pytest.fixture
def server(settings):
    settings.EMAIL_HOST, settings.EMAIL_USE_TLS = "127.0.0.1", False
    settings.NEWSLETTER_SMTP_CONNECTIONS = 4
    settings.NEWSLETTER_BATCH_SIZE = 10

    def serve(**refusals):
        server = SMTPServer(**refusals)
        settings.EMAIL_PORT = server.port
        return server

    return serve


def test_each_copy_carries_its_own_address_links_and_message_id(server):
    general = TopicFactory()
    readers = subscribers(23, [general])  # groups of 4 in batches of 10: full and partial groups
    with server() as smtp:
        send = send_now(NewsletterIssuePageFactory(), [general])
        received = smtp.messages()

    assert sorted(message["To"] for message in received) == sorted(reader.email for reader in readers)
    tokens = {reader.email: reader.token for reader in readers}
    rows = ledger(send)
    for message in received:
        token = tokens[message["To"]]
        html = message.get_body(("html",)).get_content()
        text = message.get_body(("plain",)).get_content()
        assert f"/newsletter/unsubscribe/{token}/" in message["List-Unsubscribe"]
        assert f"/newsletter/preferences/{token}/" in html and f"/newsletter/preferences/{token}/" in text
        assert "__subscriber_token__" not in html + text + message["List-Unsubscribe"]
        assert "address.invalid" not in message.as_string()
        assert message["Message-ID"] == rows[message["To"]].message_id
    assert len({message["Message-ID"] for message in received}) == 23
    assert {row.status for row in rows.values()} == {"sent"}


def test_a_refused_recipient_fails_alone_and_the_rest_of_its_group_arrives(server):
    general = TopicFactory()
    readers = subscribers(8, [general])
    gone, busy = readers[1].email, readers[2].email
    refusals = {gone: "550 5.1.1 No such mailbox", busy: "452 4.2.2 Mailbox full"}
    with server(refuse_recipients=refusals) as smtp:
        send = send_now(NewsletterIssuePageFactory(), [general])
        received = recipients(smtp)

    assert received == sorted(reader.email for reader in readers if reader.email not in refusals)
    rows = ledger(send)
    assert rows[gone].status == "failed" and "No such mailbox" in rows[gone].last_error
    assert rows[busy].status == "queued" and rows[busy].next_attempt_at is not None  # tried again later
    assert "Mailbox full" in rows[busy].last_error
    assert sum(row.status == "sent" for row in rows.values()) == 6


def test_a_row_claimed_again_by_another_worker_is_ended_by_that_worker_only(server, settings):
    """Worker A stalls past the claim timeout; worker B claims one of its rows again and sends it. When A
    resumes, its mark skips that row and A's connection closes before the final dot: one copy."""
    general = TopicFactory()
    readers = subscribers(4, [general])
    send, _ = sending.request_send(NewsletterIssuePageFactory(), [general])
    assert sending.start_send(send.pk)
    template = MessageTemplate(render_issue(send.issue.specific))
    stalled = sending.claim(send.pk, 4)  # worker A
    settings.NEWSLETTER_CLAIM_TIMEOUT = 0
    [taken_over] = sending.claim(send.pk, 1)  # worker B, after A's claim timed out
    with server() as smtp:
        sending._send_over_smtp(template, stalled)
        arrived_from_a = recipients(smtp)
        sending._send_over_smtp(template, [taken_over])
        received = recipients(smtp)

    assert taken_over.subscriber.email not in arrived_from_a
    assert received == sorted(reader.email for reader in readers)
    row = Delivery.objects.get(pk=taken_over.pk)
    assert row.status == "sent" and row.attempts == 2 and row.last_error == ""


def test_long_lines_and_international_addresses_are_built_one_by_one(server):
    general = TopicFactory()
    issue = NewsletterIssuePageFactory()
    issue.body.append(("paragraph", RichText("<p>" + "genomes for Europe " * 80 + "</p>")))  # one long line
    issue.save_revision().publish()
    international = SubscriberFactory(email="lea@bücher.example", status="confirmed")
    international.topics.add(general)
    readers = [*subscribers(3, [general]), international]
    assert not MessageTemplate(render_issue(issue)).fillable  # quoted-printable: no swapping in place
    with server() as smtp:
        send_now(issue, [general])
        received = smtp.messages()
        envelopes = [recipient for envelope in smtp.handler.received for recipient in envelope.rcpt_tos]

    # The domain goes in its ASCII form (IDNA), in the envelope and in the To header.
    tokens = {reader.email.replace("bücher", "xn--bcher-kva"): reader.token for reader in readers}
    assert sorted(envelopes) == sorted(tokens)
    assert sorted(message["To"] for message in received) == sorted(tokens)
    for message in received:
        link = f"/newsletter/unsubscribe/{tokens[message['To']]}/"
        assert link in message.get_body(("html",)).get_content()


def test_another_email_backend_gets_one_message_each_with_the_list_headers(settings):
    settings.NEWSLETTER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    general = TopicFactory()
    readers = subscribers(3, [general])
    mail.outbox.clear()
    send = send_now(NewsletterIssuePageFactory(), [general])

    assert sorted(message.to[0] for message in mail.outbox) == sorted(reader.email for reader in readers)
    assert all("List-Unsubscribe-Post" in message.extra_headers for message in mail.outbox)
    assert Delivery.objects.filter(send=send, status="sent").count() == 3
