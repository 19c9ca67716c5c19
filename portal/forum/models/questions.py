"""Audience questions of a session: asked by attendees (anonymous to the others if they wish), voted on once
each, moderated by coordinators and the session's chairs, kept in the record once answered."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Question(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for a moderator")
        SHOWN = "shown", _("Shown")
        HIDDEN = "hidden", _("Hidden")
        ANSWERED = "answered", _("Answered")

    session = models.ForeignKey("forum.Session", on_delete=models.PROTECT, related_name="questions",
                                verbose_name=_("session"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="forum_questions", verbose_name=_("asked by"),
                               help_text=_("Empty once the person's data was erased: “a participant”."))
    anonymous = models.BooleanField(_("anonymous to other attendees"), default=False)
    text = models.TextField(_("question"), max_length=500)
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.PENDING)
    pinned = models.BooleanField(_("pinned"), default=False)
    votes = models.PositiveIntegerField(_("votes"), default=0)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["-votes", "created_at", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [models.Index(fields=["session", "state", "changed_at"])]

    def __str__(self):
        return self.text[:60]


class Vote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="vote_rows",
                                 verbose_name=_("question"))
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="forum_votes", verbose_name=_("voter"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["question", "voter"], name="forum_one_vote_each")]

    def __str__(self):
        return f"{self.voter} – {self.question}"
