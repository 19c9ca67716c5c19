"""Write operations of the content app."""

import uuid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

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
    context = {"contact_message": contact_message, "page": page}
    subject = render_to_string("email/cms/contact_message_subject.txt", context).strip()
    mail = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("email/cms/contact_message_message.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[portal_settings.support_email(topic)],
        # The coordination office answers the sender directly.
        reply_to=[contact_message.email],
    )
    mail.attach_alternative(render_to_string("email/cms/contact_message_message.html", context), "text/html")
    mail.send()
    return contact_message
