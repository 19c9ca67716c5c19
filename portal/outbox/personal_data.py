"""The outbox holds the email sent to a person until it is purged; it joins their export and erasure."""

from portal.personal_data import register

from .models import OutboxMessage


def _mail_to(user):
    address = user.email.lower()
    return [
        message for message in OutboxMessage.objects.filter(recipients__contains=address)
        if address in message.recipients.split("\n")
    ]


def _export(user) -> list[dict]:
    return [
        {"subject": message.subject, "queued": message.created_at.isoformat(), "status": message.status}
        for message in _mail_to(user)
    ]


def _erase(user) -> None:
    OutboxMessage.objects.filter(pk__in=[message.pk for message in _mail_to(user)]).delete()


def register_personal_data() -> None:
    register(OutboxMessage, label="emails_sent_to_you", export=_export, erase=_erase)
