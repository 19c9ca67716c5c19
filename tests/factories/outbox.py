"""Mail waiting in (or gone through) the outbox."""

import factory

from portal.outbox.models import OutboxMessage


def _payload(o) -> dict:
    return {"to": o.recipients.split(","), "cc": [], "bcc": [], "reply_to": [], "body": "Hello",
            "headers": {"Message-ID": o.message_id}, "alternatives": [], "attachments": []}


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    message_id = factory.Sequence(lambda n: f"<message-{n}@test>")
    subject = "Hello"
    from_email = "portal@example.org"
    recipients = "ana@example.org"
    payload = factory.LazyAttribute(_payload)
