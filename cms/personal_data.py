"""Contact messages hold a person's name, address and words: they join the export and erasure of whoever
has verified that address."""

from portal.core.personal_data import register

from .models import ContactMessage


def _messages_from(owner):
    return ContactMessage.objects.filter(owner.by_address("email"))


def _export(owner) -> list[dict]:
    return [
        {"sent_at": message.created_at.isoformat(), "topic": message.topic, "name": message.name,
         "message": message.message}
        for message in _messages_from(owner).order_by("created_at")
    ]


def _erase(owner) -> None:
    _messages_from(owner).delete()


def register_personal_data() -> None:
    register(ContactMessage, label="contact_messages", export=_export, erase=_erase)
