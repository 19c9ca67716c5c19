"""Delivery reports of an email service, through django-anymail's tracking webhooks
(/anymail/<service>/tracking/): bounces, spam complaints and unsubscribes reach the subscribers."""

import logging

from anymail.signals import EventType, tracking
from django.dispatch import receiver

from .models import Consent, Subscriber
from .services import mark_undeliverable, unsubscribe

logger = logging.getLogger(__name__)

UNDELIVERABLE = {
    EventType.BOUNCED: Subscriber.Status.BOUNCED,
    # The service refused to send at all (an invalid or blocked address).
    EventType.REJECTED: Subscriber.Status.BOUNCED,
    EventType.COMPLAINED: Subscriber.Status.COMPLAINED,
}


@receiver(tracking, dispatch_uid="newsletters.tracking")
def subscriber_reported(sender, event, esp_name, **kwargs):
    """Opens, clicks and deliveries are of no interest: only what stops the newsletter."""
    if not event.recipient:
        return
    if event.event_type in UNDELIVERABLE:
        status = UNDELIVERABLE[event.event_type]
        if mark_undeliverable([event.recipient], status, message_id=event.message_id or ""):
            logger.info("%s reported a newsletter subscriber %s", esp_name, status)
    elif event.event_type == EventType.UNSUBSCRIBED:
        subscriber = Subscriber.objects.filter(email__iexact=event.recipient.strip()).first()
        if subscriber is not None and unsubscribe(subscriber, source=Consent.Source.MAIL_SERVICE):
            logger.info("%s reported that newsletter subscriber %s unsubscribed", esp_name, subscriber.pk)
