"""The stakeholder newsletter: topics, subscribers with their consent, and the delivery ledger that makes
every send idempotent (one row per send and subscriber)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.initiative.models import DiseaseArea, StakeholderCluster


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Topic(models.Model):
    """What a subscriber may ask for: the general newsletter, or news of a cluster or a disease area."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_general = models.BooleanField(_("the general newsletter"), default=False)
    cluster = models.ForeignKey(StakeholderCluster, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")
    disease_area = models.ForeignKey(DiseaseArea, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    panels = ["name", "slug", "description", "is_general", "cluster", "disease_area", "order"]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("newsletter topic")

    def __str__(self) -> str:
        return self.name


class Subscriber(models.Model):
    """One address, whatever its letter case; nothing but the confirmation is sent until it is confirmed."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Marked as spam")

    email = models.EmailField(_("email"), max_length=254)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.UNCONFIRMED,
                              db_index=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="subscribers")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="newsletter_subscriber")
    # The capability in every newsletter's preferences and unsubscribe links: no login needed.
    token = models.CharField(max_length=64, unique=True, default=new_token)
    # What the confirmation link names, apart from the token so that a leaked link does not open the
    # preferences: new each time the subscriber is asked to confirm after being anything but waiting.
    confirmation_key = models.CharField(max_length=64, blank=True, default="", db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        constraints = [models.UniqueConstraint(Lower("email"), name="one_subscriber_an_address")]

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


def subscribers_of(owner):
    """The subscriptions of a person (portal.core.personal_data.Owner): linked to their account, or of a
    verified address of theirs that no account holds."""
    return Subscriber.objects.filter(owner.rows("user", "email"))


class Consent(models.Model):
    """When, how and to which text a subscriber agreed (or withdrew)."""

    class Source(models.TextChoices):
        FORM = "form", _("Subscription form")
        REGISTRATION = "registration", _("Registration or profile")
        IMPORT = "import", _("Imported list")
        CONFIRMATION = "confirmation", _("Confirmation link")
        PREFERENCES = "preferences", _("Preferences page")
        UNSUBSCRIBE = "unsubscribe", _("Unsubscribe link")
        EMAIL = "email", _("Email to the unsubscribe address")
        MAIL_SERVICE = "mail_service", _("Unsubscribe reported by the email service")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    given = models.BooleanField(default=True)
    source = models.CharField(max_length=12, choices=Source)
    text_version = models.CharField(max_length=20, help_text=_("Version of the consent text agreed to."))
    basis = models.CharField(max_length=300, blank=True,
                             help_text=_("For imports: the consent the list was collected with."))
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return f"{self.subscriber}: {self.get_source_display()} {self.recorded_at:%Y-%m-%d}"


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

