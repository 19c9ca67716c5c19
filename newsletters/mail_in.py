"""Unsubscribing by email, the mailto address in every newsletter's List-Unsubscribe header.

The message names its subscriber by token: "unsubscribe <token>" in the subject (what the header asks
for, perhaps behind "Re:") or in the body, the unsubscribe link quoted in the body, or the To address
"unsubscribe+<token>@...". Messages come from the mail server (manage.py newsletter_mail_in) or from an
email service (django-anymail's inbound webhook, received here)."""

import logging
import re
from dataclasses import dataclass
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses

from anymail.signals import inbound
from django.dispatch import receiver

from .models import Consent, Subscriber
from .services import unsubscribe

logger = logging.getLogger(__name__)

TOKEN = r"([A-Za-z0-9_-]{16,64})"
ASKED = re.compile(r"\bunsubscribe\b[\s:]+" + TOKEN, re.I)
LINK = re.compile(r"/newsletter/unsubscribe/" + TOKEN + "/")
TAGGED = re.compile(r"\+" + TOKEN + "@")
RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To")


@dataclass
class MailOutcome:
    action: str  # "unsubscribed", "already left" or "ignored"
    subscriber: Subscriber | None = None

    def __str__(self) -> str:
        if self.subscriber is None:
            return "No subscriber's token in this message: ignored."
        if self.action == "unsubscribed":
            return f"Subscriber {self.subscriber.pk} unsubscribed by email."
        return f"Subscriber {self.subscriber.pk} had left already: nothing changed."


# Whatever a sender's mail client got wrong, the mail is read as far as it can be: a mail server's pipe
# would bounce a crash back to the sender.
def _decoded(value) -> str:
    try:
        return str(make_header(decode_header(str(value))))
    except (HeaderParseError, LookupError, UnicodeError):
        return str(value)


def _header(message: Message, name: str) -> list[str]:
    return [_decoded(value) for value in message.get_all(name, [])]


def _texts(message: Message):
    for part in message.walk():
        if part.get_content_maintype() != "text" or part.get_content_disposition() == "attachment":
            continue
        payload = part.get_payload(decode=True) or b""
        try:
            yield payload.decode(part.get_content_charset() or "utf-8", errors="replace")
        except LookupError:  # a charset Python does not know
            yield payload.decode("utf-8", errors="replace")


def tokens_in(message: Message) -> list[str]:
    """Every token the message may name, the likeliest first: subject, recipient address, body."""
    found = [token for subject in _header(message, "Subject") for token in ASKED.findall(subject)]
    addresses = getaddresses([value for name in RECIPIENT_HEADERS for value in _header(message, name)])
    found += [token for _, address in addresses for token in TAGGED.findall(address)]
    for text in _texts(message):
        found += ASKED.findall(text) + LINK.findall(text)
    return list(dict.fromkeys(found))


def unsubscribe_by_mail(message: Message) -> MailOutcome:
    candidates = tokens_in(message)
    known = {s.token: s for s in Subscriber.objects.filter(token__in=candidates)}
    subscriber = next((known[token] for token in candidates if token in known), None)
    if subscriber is None:
        return MailOutcome("ignored")
    left = unsubscribe(subscriber, source=Consent.Source.EMAIL)
    return MailOutcome("unsubscribed" if left else "already left", subscriber)


@receiver(inbound, dispatch_uid="newsletters.mail_in")
def mail_received(sender, event, esp_name, **kwargs):
    logger.info("Mail received through %s: %s", esp_name, unsubscribe_by_mail(event.message))
