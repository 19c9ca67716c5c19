"""Celery tasks of the surveys: building exports of responses (the work is in surveys/exports.py)."""

from celery import shared_task

from . import exports


@shared_task(acks_late=True)
def build_response_export(pk: int) -> str:
    """Build one export job's file. A redelivered task finds the job running or done and does nothing."""
    export = exports.run_export(pk)
    return export.status if export else "missing"


@shared_task
def purge_expired_exports() -> int:
    """Delete the files of exports older than SURVEY_EXPORT_RETENTION_DAYS (Celery beat, daily)."""
    return exports.purge_expired_exports()
