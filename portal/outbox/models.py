"""The outbox: every outgoing email, stored with the change that caused it, until it is relayed."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed for good")

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.WAITING)
    message_id = models.CharField(max_length=255, unique=True)
    subject = models.CharField(max_length=998)
    from_email = models.CharField(max_length=320)
    # Lower-case addresses, one a line: finds a person's mail for their export or erasure.
    recipients = models.TextField(blank=True)
    # Lower-case addresses of the people the message is about (an applicant, a sender), one a line.
    concerns = models.TextField(blank=True)
    # The whole message as plain data: to, cc, bcc, reply_to, headers, body, alternatives, attachments.
    payload = models.JSONField()
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        permissions = [("resend_outboxmessage", "Can send a failed email again")]
        verbose_name = _("outgoing email")

    def __str__(self) -> str:
        return self.subject

    def backoff(self) -> timedelta:
        """Delay before the next attempt: 30 s, 1 min, 2 min ... capped at one hour."""
        return timedelta(seconds=min(30 * 2 ** max(self.attempts - 1, 0), 3600))
