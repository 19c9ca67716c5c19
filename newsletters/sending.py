"""Sending an issue: its audience, the send's conditional claim, and the ledger's batches.

Every step can run twice: a send is started by a conditional update (scheduled → sending), its
ledger rows are created once (unique send and subscriber), and a batch claims rows with a
conditional update (queued → sending, attempts + 1) whose attempt number fences the final mark
(newsletters.smtp explains the one message in flight).
"""

import logging
import math
import socket
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from wagtail.models import Page

from portal.personal_data import address_hash
from portal.stakeholders.models import ErasedAddress

from .email import render_issue
from .models import Delivery, Send, Subscriber
from .smtp import Superseded, deliver, is_temporary

logger = logging.getLogger(__name__)
ACTIVE = [Send.Status.SCHEDULED, Send.Status.SENDING]


def audience_ids(topics, issue=None) -> list[int]:
    """Confirmed subscribers of any of the topics, without erased addresses, and without those to whom
    an earlier send of the same issue went (or is going)."""
    rows = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED, topics__in=topics)
    if issue is not None:
        reached = [Delivery.Status.QUEUED, Delivery.Status.SENDING, Delivery.Status.SENT]
        rows = rows.exclude(pk__in=Delivery.objects.filter(send__issue=issue, status__in=reached)
                            .values("subscriber_id"))
    rows = rows.distinct().order_by("pk").values_list("pk", "email")
    erased = set(ErasedAddress.objects.values_list("address_hash", flat=True))
    return [pk for pk, email in rows if not erased or address_hash(email) not in erased]


def request_send(issue: Page, topics, *, send_at=None, requested_by=None) -> tuple[Send, bool]:
    """The send of this issue to these topics; a second click returns the first while it is active."""
    wanted = sorted(topic.pk for topic in topics)
    with transaction.atomic():
        Page.objects.select_for_update().filter(pk=issue.pk).first()  # one click at a time per issue
        for existing in Send.objects.filter(issue=issue, status__in=ACTIVE).prefetch_related("topics"):
            if sorted(topic.pk for topic in existing.topics.all()) == wanted:
                return existing, False
        send = Send.objects.create(issue=issue, send_at=send_at or timezone.now(), requested_by=requested_by)
        send.topics.set(wanted)
        if send.send_at <= timezone.now():
            from .tasks import queue_start

            transaction.on_commit(lambda: queue_start(send.pk))
    return send, True


def start_send(send_id: int) -> bool:
    """Create the ledger for a due send and start its batches; False if it was started already."""
    with transaction.atomic():
        started = Send.objects.filter(
            pk=send_id, status=Send.Status.SCHEDULED, send_at__lte=timezone.now()
        ).update(status=Send.Status.SENDING)
        if not started:
            return False
        send = Send.objects.get(pk=send_id)
        Delivery.objects.bulk_create(
            [Delivery(send=send, subscriber_id=pk) for pk in audience_ids(send.topics.all(), send.issue_id)],
            ignore_conflicts=True, batch_size=2000,
        )
    return True


def claimable(send_id: int):
    now = timezone.now()
    stale = now - timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT)
    return Delivery.objects.filter(send_id=send_id).filter(
        Q(status=Delivery.Status.QUEUED, next_attempt_at__isnull=True)
        | Q(status=Delivery.Status.QUEUED, next_attempt_at__lte=now)
        | Q(status=Delivery.Status.SENDING, claimed_at__lt=stale)
    )


def lanes_needed(send_id: int) -> int:
    waiting = claimable(send_id).count()
    return min(settings.NEWSLETTER_PARALLEL_BATCHES, math.ceil(waiting / settings.NEWSLETTER_BATCH_SIZE))


def claim(send_id: int, limit: int) -> list[Delivery]:
    with transaction.atomic():
        pks = list(claimable(send_id).select_for_update(skip_locked=True).order_by("pk")
                   .values_list("pk", flat=True)[:limit])
        Delivery.objects.filter(pk__in=pks).update(
            status=Delivery.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
        return list(Delivery.objects.filter(pk__in=pks).select_related("subscriber").order_by("pk"))


def _fenced(delivery: Delivery, *statuses):
    return Delivery.objects.filter(pk=delivery.pk, attempts=delivery.attempts, status__in=statuses)


def _record_error(delivery: Delivery, error: Exception, *, from_status: str) -> None:
    temporary = is_temporary(error)
    last_error = f"{type(error).__name__}: {error}"[:2000]
    if temporary and delivery.attempts < settings.NEWSLETTER_MAX_ATTEMPTS:
        wait = settings.NEWSLETTER_RETRY_BACKOFF * 2 ** (delivery.attempts - 1)
        _fenced(delivery, from_status).update(
            status=Delivery.Status.QUEUED, last_error=last_error, sent_at=None,
            next_attempt_at=timezone.now() + timedelta(seconds=min(wait, 3600)),
        )
    else:
        _fenced(delivery, from_status).update(status=Delivery.Status.FAILED, last_error=last_error,
                                              sent_at=None)


def send_batch(send_id: int) -> int:
    """Claim and send one batch of the send's ledger; returns how many rows it claimed."""
    deliveries = claim(send_id, settings.NEWSLETTER_BATCH_SIZE)
    if not deliveries:
        return 0
    rendered = render_issue(Send.objects.select_related("issue").get(pk=send_id).issue.specific)
    connection = get_connection("django.core.mail.backends.smtp.EmailBackend", fail_silently=False)
    try:
        for delivery in deliveries:
            _send_one(connection, rendered, delivery)
    finally:
        try:
            connection.close()
        except Exception:  # a connection already dropped
            logger.debug("SMTP connection closed badly", exc_info=True)
    return len(deliveries)


def _send_one(connection, rendered, delivery: Delivery) -> None:
    subscriber = delivery.subscriber
    if subscriber.status != Subscriber.Status.CONFIRMED:  # read at the claim, just now
        _fenced(delivery, Delivery.Status.SENDING).update(
            status=Delivery.Status.SKIPPED, last_error=f"Not sent: {subscriber.get_status_display()}"
        )
        return
    message = rendered.message(subscriber.email, subscriber.token)
    message_id = message.extra_headers["Message-ID"]

    def mark_sent() -> bool:
        return bool(_fenced(delivery, Delivery.Status.SENDING).update(
            status=Delivery.Status.SENT, message_id=message_id, sent_at=timezone.now(), last_error=""
        ))

    try:
        if connection.connection is None:
            connection.open()
            # The final dot goes in a write of its own: without this, Nagle's algorithm holds it back.
            connection.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        deliver(connection.connection, message, mark_sent)
    except Superseded:
        connection.connection = None
    except Exception as error:
        was_marked = _fenced(delivery, Delivery.Status.SENT).exists()
        status = Delivery.Status.SENT if was_marked else Delivery.Status.SENDING
        _record_error(delivery, error, from_status=status)
        if not getattr(error, "smtp_code", None) or isinstance(error, OSError):
            connection.connection = None  # lost: the next message opens a new one


def next_wait(send_id: int) -> float | None:
    """Seconds until a row of the send waiting for a retry is due; None if none waits."""
    first = (Delivery.objects.filter(send_id=send_id, status=Delivery.Status.QUEUED)
             .order_by(F("next_attempt_at").asc(nulls_first=True)).values_list("next_attempt_at", flat=True)
             .first())
    if first is None and not Delivery.objects.filter(send_id=send_id, status=Delivery.Status.QUEUED).exists():
        return None
    return max(0.0, (first - timezone.now()).total_seconds()) if first else 0.0


def finish_if_done(send_id: int) -> bool:
    unfinished = Delivery.objects.filter(
        send_id=send_id, status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING]
    )
    if unfinished.exists():
        return False
    return bool(Send.objects.filter(pk=send_id, status=Send.Status.SENDING).update(
        status=Send.Status.DONE, finished_at=timezone.now()
    ))


def resend_undelivered(send: Send) -> int:
    """Queue again the rows that failed (not the bounced ones); returns how many."""
    with transaction.atomic():
        count = Delivery.objects.filter(send=send, status=Delivery.Status.FAILED).update(
            status=Delivery.Status.QUEUED, next_attempt_at=None
        )
        if count:
            Send.objects.filter(pk=send.pk).update(status=Send.Status.SENDING, finished_at=None)
            from .tasks import queue_batches

            transaction.on_commit(lambda: queue_batches(send.pk))
    return count
