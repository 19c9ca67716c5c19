"""Subscribers, one an address, with the history of their consent."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .snippets import Topic


def new_token() -> str:
    return secrets.token_urlsafe(24)


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
