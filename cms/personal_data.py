"""Contact messages hold a person's name, address and words: they join that person's export and erasure."""

import operator
from functools import reduce

from django.db.models import Q

from portal.personal_data import register

from .models import ContactMessage


def _messages_from(user):
    addresses = {user.email, *user.emailaddress_set.values_list("email", flat=True)} - {""}
    if not addresses:
        return ContactMessage.objects.none()
    return ContactMessage.objects.filter(
        reduce(operator.or_, (Q(email__iexact=address) for address in addresses))
    )


def _export(user) -> list[dict]:
    return [
        {"sent_at": message.created_at.isoformat(), "topic": message.topic, "name": message.name,
         "message": message.message}
        for message in _messages_from(user).order_by("created_at")
    ]


def _erase(user) -> None:
    _messages_from(user).delete()


def register_personal_data() -> None:
    register(ContactMessage, label="contact_messages", export=_export, erase=_erase)
