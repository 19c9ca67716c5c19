"""Celery tasks of a send: start it, then a few lanes of batches, each lane queueing its next batch."""

import logging

from celery import shared_task
from django.utils import timezone

from . import sending
from .models import Send

logger = logging.getLogger(__name__)


def _queue(task, *args, **options) -> None:
    try:
        task.apply_async(args, **options)
    except Exception:  # the ledger is in the database: start_due_sends picks the send up again
        logger.warning("Broker unavailable; newsletter send waits for the periodic task", exc_info=True)


def queue_start(send_id: int) -> None:
    _queue(start_send, send_id)


def queue_batches(send_id: int) -> None:
    for _lane in range(max(1, sending.lanes_needed(send_id))):
        _queue(send_batch, send_id)


@shared_task
def start_send(send_id: int) -> None:
    sending.start_send(send_id)
    queue_batches(send_id)


@shared_task(bind=True)
def send_batch(self, send_id: int) -> str:
    if self.request.is_eager:  # `make run` and tests have no broker: the lane runs to its end here
        while sending.send_batch(send_id):
            pass
    elif sending.send_batch(send_id):
        _queue(send_batch, send_id)
        return "sent a batch"
    wait = sending.next_wait(send_id)
    if wait is not None:
        if not self.request.is_eager:  # eagerly, start_due_sends comes back for the retries
            _queue(send_batch, send_id, countdown=wait)
        return f"waiting {wait:.1f}s for retries"
    sending.finish_if_done(send_id)
    return "nothing to send"


@shared_task
def start_due_sends() -> int:
    """Start the sends whose time has come, and resume those whose batches stopped (a worker died,
    the broker lost its queue): run by Celery beat."""
    due = list(Send.objects.filter(status=Send.Status.SCHEDULED, send_at__lte=timezone.now())
               .values_list("pk", flat=True))
    for send_id in due:
        sending.start_send(send_id)
    for send_id in Send.objects.filter(status=Send.Status.SENDING).values_list("pk", flat=True):
        if sending.claimable(send_id).exists():
            queue_batches(send_id)
        elif sending.next_wait(send_id) is None:
            sending.finish_if_done(send_id)
    return len(due)
