"""Periodic work that Celery beat runs in production (CELERY_BEAT_SCHEDULE)."""

from celery import shared_task
from django.core.management import call_command


@shared_task
def publish_scheduled() -> None:
    """Publish pages and snippets whose go-live time has come, unpublish those that expired."""
    call_command("publish_scheduled", verbosity=0)
