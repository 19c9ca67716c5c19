"""Registrations for an event and the workshops chosen in it, each with its own waiting list."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("Waiting")
    OFFERED = "offered", _("Offered a place")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")


# What takes a place: an offered place is held until its deadline.
HOLDS_A_PLACE = [Status.REGISTERED, Status.OFFERED, Status.ATTENDED]


class Registration(models.Model):
    Status = Status

    event = models.ForeignKey("forum.ForumEventPage", on_delete=models.PROTECT, related_name="registrations",
                              verbose_name=_("event"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="forum_registrations", verbose_name=_("person"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.REGISTERED)
    offered_until = models.DateTimeField(_("offer open until"), null=True, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), max_length=1000, blank=True)
    listed = models.BooleanField(_("on the attendee list"), default=False,
                                 help_text=_("Agreed to appear on the list other attendees see."))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="forum_one_registration_each")]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.user} – {self.event}"


class WorkshopChoice(models.Model):
    """The parallel workshop a person chose in one slot; its status is the workshop's own (a person may hold
    an event place while waiting for a workshop)."""

    Status = Status

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="workshops",
                                     verbose_name=_("registration"))
    session = models.ForeignKey("forum.Session", on_delete=models.PROTECT, related_name="choices",
                                verbose_name=_("workshop"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.REGISTERED)
    offered_until = models.DateTimeField(_("offer open until"), null=True, blank=True)
    created_at = models.DateTimeField(_("chosen at"), default=timezone.now)
    changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("workshop choice")
        verbose_name_plural = _("workshop choices")
        constraints = [models.UniqueConstraint(fields=["registration", "session"],
                                               name="forum_one_choice_per_workshop")]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self):
        return f"{self.registration.user} – {self.session}"
