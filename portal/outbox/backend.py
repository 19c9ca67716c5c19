"""An email backend that only writes to the outbox; a Celery task relays after the commit."""

import base64
from email.utils import parseaddr

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import make_msgid
from django.db import transaction

from portal.core.mail import CONCERNING_HEADER

from .models import OutboxMessage


def _attachments(message) -> list[dict]:
    stored = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        stored.append({
            "filename": filename,
            "content": base64.b64encode(content).decode(),
            "mimetype": mimetype,
        })
    return stored


def to_payload(message) -> dict:
    headers = {name: value for name, value in message.extra_headers.items() if name != CONCERNING_HEADER}
    headers.setdefault("Message-ID", make_msgid(domain="1plusmg.portal"))
    return {
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": headers,
        "body": message.body,
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": _attachments(message),
    }


def from_payload(stored: OutboxMessage) -> EmailMultiAlternatives:
    payload = stored.payload
    message = EmailMultiAlternatives(
        subject=stored.subject,
        body=payload["body"],
        from_email=stored.from_email,
        to=payload["to"],
        cc=payload["cc"],
        bcc=payload["bcc"],
        reply_to=payload["reply_to"],
        headers=payload["headers"],
    )
    for content, mimetype in payload["alternatives"]:
        message.attach_alternative(content, mimetype)
    for attachment in payload["attachments"]:
        message.attach(
            attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"]
        )
    return message


def _to_addresses_not_erased(message) -> bool:
    """Leave erased addresses out of a message; False when nobody is left to mail."""
    from portal.stakeholders.services import is_erased_address

    for field in ("to", "cc", "bcc"):
        addresses = getattr(message, field)
        setattr(message, field, [a for a in addresses if not is_erased_address(parseaddr(a)[1])])
    return bool(message.recipients())


class OutboxBackend(BaseEmailBackend):
    """Stores each message; an address whose account was erased is never mailed again."""

    def send_messages(self, email_messages) -> int:
        from .tasks import queue_relay

        email_messages = [message for message in email_messages if _to_addresses_not_erased(message)]
        stored = [
            OutboxMessage.objects.create(
                subject=message.subject,
                from_email=message.from_email,
                message_id=payload["headers"]["Message-ID"],
                recipients="\n".join(address.lower() for address in message.recipients()),
                concerns="\n".join(message.extra_headers.get(CONCERNING_HEADER, "").split()),
                payload=payload,
            )
            for message in email_messages
            if message.recipients()
            for payload in [to_payload(message)]
        ]
        for outbox_message in stored:
            transaction.on_commit(lambda pk=outbox_message.pk: queue_relay(pk))
        return len(stored)
