"""Relaying the outbox by SMTP (or whichever backend OUTBOX_RELAY_BACKEND names)."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .backend import from_payload
from .models import OutboxMessage

logger = logging.getLogger(__name__)


def queue_relay(pk: int) -> None:
    """Hand a stored message to Celery; if the broker is down, the sweep sends it later."""
    try:
        relay_message.delay(pk)
    except Exception:  # the message is safe in the database whatever the broker says
        logger.warning("Broker unavailable; outbox message %s waits for the sweep", pk, exc_info=True)


def relay(pk: int, *, only_if_due: bool = True) -> OutboxMessage | None:
    """Send one waiting message. Returns it, or None if it was not waiting, not due or being sent."""
    with transaction.atomic():
        waiting = OutboxMessage.objects.select_for_update(skip_locked=True).filter(
            pk=pk, status=OutboxMessage.Status.WAITING
        )
        if only_if_due:
            waiting = waiting.filter(next_attempt_at__lte=timezone.now())
        stored = waiting.first()
        if stored is None:
            return None
        stored.attempts += 1
        try:
            with get_connection(settings.OUTBOX_RELAY_BACKEND, fail_silently=False) as connection:
                connection.send_messages([from_payload(stored)])
        except Exception as error:
            stored.last_error = f"{type(error).__name__}: {error}"[:2000]
            if stored.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                stored.status = OutboxMessage.Status.FAILED
                logger.error("Outbox message %s failed for good after %s attempts: %s",
                             stored.pk, stored.attempts, stored.last_error)
            stored.next_attempt_at = timezone.now() + stored.backoff()
        else:
            stored.status = OutboxMessage.Status.SENT
            stored.sent_at = timezone.now()
            stored.last_error = ""
        stored.save()
    return stored


@shared_task(bind=True, max_retries=None)
def relay_message(self, pk: int) -> str:
    """Relay a message; retry soon a few times, then leave later attempts to the sweep.

    Short retries stay well under the broker's visibility timeout, so Redis never hands out a
    waiting retry twice. Run eagerly (make run, tests) the retries happen at once.
    """
    stored = relay(pk, only_if_due=not self.request.is_eager)
    if stored is None:
        return "skipped"
    if stored.status == OutboxMessage.Status.WAITING and stored.attempts < settings.OUTBOX_QUICK_RETRIES:
        # Eagerly, Celery re-runs a task at once when it returns its Retry rather than raising it.
        return self.retry(countdown=stored.backoff().total_seconds(), throw=not self.request.is_eager)
    return stored.status


@shared_task
def sweep_outbox() -> int:
    """Queue every waiting message whose next attempt is due (run periodically by Celery beat).

    Sent and failed messages are kept for OUTBOX_RETENTION_DAYS, for support, and then deleted.
    """
    cutoff = timezone.now() - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    OutboxMessage.objects.filter(
        Q(status=OutboxMessage.Status.SENT, sent_at__lt=cutoff)
        | Q(status=OutboxMessage.Status.FAILED, created_at__lt=cutoff)
    ).delete()
    due = (
        OutboxMessage.objects.filter(status=OutboxMessage.Status.WAITING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)
    )
    pks = list(due[:500])
    for pk in pks:
        queue_relay(pk)
    return len(pks)
