"""Sending an issue: its audience, the send's conditional claim, and the ledger's batches.

Every step can run twice: a send is started by a conditional update (scheduled → sending), its
ledger rows are created once (unique send and subscriber), and a batch claims rows with a
conditional update (queued → sending, attempts + 1) whose attempt number fences the final mark
(newsletters.smtp explains the messages in flight).
"""

import math
import secrets
from collections import defaultdict
from datetime import timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.message import sanitize_address
from django.db import transaction
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from wagtail.models import Page

from portal.core.personal_data import address_hash
from portal.stakeholders.models import ErasedAddress

from .email import MessageTemplate, render_issue
from .models import Delivery, Send, Subscriber
from .smtp import Connections, Outgoing, is_temporary

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
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


def cancel_send(send: Send) -> bool:
    """Cancel a send that has not started; False if its time came first (it is going out)."""
    return bool(Send.objects.filter(pk=send.pk, status=Send.Status.SCHEDULED).update(
        status=Send.Status.CANCELLED, finished_at=timezone.now()))


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
    """Claim up to `limit` rows; each gets the Message-ID of this attempt (unique by the claim's nonce)."""
    nonce = secrets.token_hex(6)
    with transaction.atomic():
        pks = list(claimable(send_id).select_for_update(skip_locked=True).order_by("pk")
                   .values_list("pk", flat=True)[:limit])
        Delivery.objects.filter(pk__in=pks).update(
            status=Delivery.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1,
            message_id=Concat(Value("<"), Cast("pk", CharField()),
                              Value(f".{nonce}@{settings.NEWSLETTER_MESSAGE_ID_DOMAIN}>")),
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
    claimed = claim(send_id, settings.NEWSLETTER_BATCH_SIZE)
    deliveries = []
    for delivery in claimed:
        subscriber = delivery.subscriber
        if subscriber.status == Subscriber.Status.CONFIRMED:  # read at the claim, just now
            deliveries.append(delivery)
        else:
            _fenced(delivery, Delivery.Status.SENDING).update(
                status=Delivery.Status.SKIPPED, last_error=f"Not sent: {subscriber.get_status_display()}"
            )
    if deliveries:
        issue = Send.objects.select_related("issue").get(pk=send_id).issue.specific
        template = MessageTemplate(render_issue(issue))
        if settings.NEWSLETTER_EMAIL_BACKEND == SMTP_BACKEND:
            _send_over_smtp(template, deliveries)
        else:
            _send_through_backend(template, deliveries)
    return len(claimed)


def _send_over_smtp(template: MessageTemplate, deliveries: list[Delivery]) -> None:
    size = settings.NEWSLETTER_SMTP_CONNECTIONS
    sender = sanitize_address(template.sender, "utf-8")

    def mark_sent(items: list[Outgoing]) -> set[Outgoing]:
        marked = _mark_sent([item.key for item in items])
        return {item for item in items if item.key.pk in marked}

    connections = Connections(size)
    try:
        for start in range(0, len(deliveries), size):
            group = [_outgoing(template, sender, delivery) for delivery in deliveries[start:start + size]]
            connections.send(group, mark_sent)
            for item in group:
                if item.error is not None and not item.superseded:
                    status = Delivery.Status.SENT if item.marked else Delivery.Status.SENDING
                    _record_error(item.key, item.error, from_status=status)
    finally:
        connections.close()


def _outgoing(template: MessageTemplate, sender: str, delivery: Delivery) -> Outgoing:
    address, token = delivery.subscriber.email, delivery.subscriber.token
    recipient = address if address.isascii() else sanitize_address(address, "utf-8")  # IDNA domains
    return Outgoing(key=delivery, sender=sender, recipient=recipient,
                    data=template.fill(address, token, delivery.message_id))


def _mark_sent(deliveries: list[Delivery]) -> set[int]:
    """Mark the rows sent in one commit, each fenced by its claim; returns the keys of those marked."""
    claims = defaultdict(list)  # rows of one claim share their attempt number, mostly
    for delivery in deliveries:
        claims[delivery.attempts].append(delivery.pk)
    fence = reduce(or_, (Q(pk__in=pks, attempts=attempts) for attempts, pks in claims.items()))
    marked = Delivery.objects.filter(fence, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    if marked == len(deliveries):
        return {delivery.pk for delivery in deliveries}
    # Some rows were claimed again by another worker (attempts moved on): those are not ours to send.
    return set(Delivery.objects.filter(fence, status=Delivery.Status.SENT).values_list("pk", flat=True))


def _send_through_backend(template: MessageTemplate, deliveries: list[Delivery]) -> None:
    """Another email backend (the console in `make run`): each row marked, then its message handed over."""
    connection = get_connection(settings.NEWSLETTER_EMAIL_BACKEND, fail_silently=False)
    for delivery in deliveries:
        if not _mark_sent([delivery]):
            continue
        message = template.rendered.message(delivery.subscriber.email, delivery.subscriber.token,
                                            message_id=delivery.message_id)
        try:
            connection.send_messages([message])
        except Exception as error:
            _record_error(delivery, error, from_status=Delivery.Status.SENT)


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
