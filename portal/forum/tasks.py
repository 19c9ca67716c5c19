"""The forum's periodic work (CELERY_BEAT_SCHEDULE; `make run` runs it too): offers that lapse, and
reminders before an event."""

from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import notifications, registration
from .models import ForumEventPage, Registration


@shared_task
def lapse_offers() -> int:
    return registration.lapse_offers()


@shared_task
def send_reminders() -> int:
    """Each person with a place is reminded once, the event's `reminder_hours` before it starts."""
    now = timezone.now()
    # Which events are due is worked out here, not in SQL: SQLite (`make run`) cannot multiply a duration.
    upcoming = ForumEventPage.objects.filter(starts_at__gt=now).values_list("pk", "starts_at",
                                                                             "reminder_hours")
    events = [pk for pk, starts_at, hours in upcoming if starts_at - timedelta(hours=hours) <= now]
    due = Registration.objects.filter(status=Registration.Status.REGISTERED, reminded_at__isnull=True,
                                      event__in=events)
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            reminded = (Registration.objects.select_for_update().select_related("event", "user")
                        .filter(pk=pk, reminded_at__isnull=True).first())
            if reminded is None:
                continue
            notifications.reminder(reminded)
            reminded.reminded_at = now
            reminded.save(update_fields=["reminded_at"])
            sent += 1
    return sent
