"""The outbox holds the email sent to a person, and about them, until it is purged: both join their export
and erasure. Mail to them is deleted; mail about them (to a group's managers, say) is deleted while it
waits or failed, and emptied once sent, so the record that something was sent stays."""

from django.db.models import Q
from django.utils.translation import gettext

from portal.core.personal_data import register

from .models import OutboxMessage


def _lines(text: str) -> set[str]:
    return set(text.split("\n"))


def _mail_to_or_about(owner) -> list[tuple[OutboxMessage, bool]]:
    """The messages to or about the owner's verified addresses, each with whether it was to them."""
    query = Q(pk__in=[])
    for address in owner.addresses:  # a coarse filter in the database, the exact lines in Python
        query |= Q(recipients__contains=address) | Q(concerns__contains=address)
    found = []
    for message in OutboxMessage.objects.filter(query):
        if owner.addresses & _lines(message.recipients):
            found.append((message, True))
        elif owner.addresses & _lines(message.concerns):
            found.append((message, False))
    return found


def _export(owner) -> list[dict]:
    return [
        {"subject": message.subject, "queued": message.created_at.isoformat(), "status": message.status,
         "to_you": to_them}
        for message, to_them in _mail_to_or_about(owner)
    ]


def _erase(owner) -> None:
    found = _mail_to_or_about(owner)
    gone = [m.pk for m, to_them in found if to_them or m.status != OutboxMessage.Status.SENT]
    OutboxMessage.objects.filter(pk__in=gone).delete()
    emptied = [m.pk for m, to_them in found if m.pk not in gone]
    OutboxMessage.objects.filter(pk__in=emptied).update(
        subject=gettext("(removed: about a person whose data was erased)"), concerns="",
        payload={"to": [], "cc": [], "bcc": [], "reply_to": [], "headers": {}, "body": "", "alternatives": [],
                 "attachments": []},
    )


def register_personal_data() -> None:
    register(OutboxMessage, label="emails_to_or_about_you", export=_export, erase=_erase)
