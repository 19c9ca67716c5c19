"""Write operations of the content app."""

import uuid

from django.db import IntegrityError, transaction

from portal.core.mail import send_templated_mail

from .models import ContactMessage, ContactPage, PortalSettings


def contact_message_submit(
    *, page: ContactPage, portal_settings: PortalSettings, name: str, email: str, topic: str, message: str,
    token: uuid.UUID,
) -> ContactMessage | None:
    """Store a contact message and mail it to the coordination office; None if this form was sent already."""
    try:
        with transaction.atomic():
            contact_message = ContactMessage.objects.create(
                page=page, name=name, email=email, topic=topic, message=message, submission_token=token,
            )
    except IntegrityError:
        # The same form posted twice (double click, reload, two tabs): the first one counts.
        return None
    # The coordination office answers the sender directly; the mail is about the sender (their erasure).
    send_templated_mail("cms/contact_message", [portal_settings.support_email(topic)],
                        {"contact_message": contact_message, "page": page},
                        reply_to=[contact_message.email], concerning=[contact_message.email])
    return contact_message
