"""The delivery ledger: one row per send and subscriber makes every send idempotent."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .snippets import Topic
from .subscribers import Subscriber


class Send(models.Model):
    """One newsletter issue sent to the confirmed subscribers of some topics, now or at a set time."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        DONE = "done", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")

    issue = models.ForeignKey("wagtailcore.Page", on_delete=models.PROTECT, related_name="newsletter_sends")
    topics = models.ManyToManyField(Topic, related_name="sends")
    status = models.CharField(max_length=10, choices=Status, default=Status.SCHEDULED, db_index=True)
    send_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-send_at"]
        verbose_name = _("newsletter send")

    def __str__(self) -> str:
        return f"{self.issue.title}, {self.send_at:%Y-%m-%d %H:%M}"


class Delivery(models.Model):
    """The ledger: one row per send and subscriber, so that nobody ever gets a second copy."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        BOUNCED = "bounced", _("Bounced")
        SKIPPED = "skipped", _("Not sent: no longer subscribed")

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # After a temporary SMTP error, the row waits in `queued` until then.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["send", "subscriber"], name="one_delivery_a_subscriber"),
        ]
        indexes = [models.Index(fields=["send", "status"], name="delivery_send_status")]

    def __str__(self) -> str:
        return f"{self.send} → {self.subscriber}: {self.get_status_display()}"
