"""What publishing and answering write: the frozen versions, the responses, the invited people's single-use
links, and the exports of the responses."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import SurveyPage


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_contribution_id() -> str:
    # Short enough to read out on the phone, long enough never to be guessed: 12 characters of base32.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


class SurveyVersion(models.Model):
    """A frozen definition: never changed once written, so every response stays comparable."""

    survey = models.ForeignKey(SurveyPage, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    definition = models.JSONField()
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="unique_survey_version")]
        ordering = ["survey", "number"]

    def __str__(self) -> str:
        return f"{self.survey.title}, version {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("A survey version is immutable; publish a new one.")
        super().save(*args, **kwargs)


class Response(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="responses")
    survey = models.ForeignKey(SurveyPage, on_delete=models.PROTECT, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT, db_index=True)
    answers = models.JSONField(default=dict, blank=True)
    # Changes to a submitted contribution, kept apart until they pass a new submit: results, exports and
    # the receipt only ever read `answers`.
    edited_answers = models.JSONField(null=True, blank=True)
    # A section's name, and in a repeated section the item's number too ("datasets:2").
    section = models.CharField(max_length=70, blank=True, help_text=_("Where the respondent left off."))
    # The capability in the respondent's links: resume a draft, see the receipt, edit where allowed.
    token = models.CharField(max_length=64, unique=True, default=new_token)
    contribution_id = models.CharField(max_length=14, unique=True, null=True, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["survey", "status"], name="response_survey_status")]

    def __str__(self) -> str:
        return self.contribution_id or f"Draft {self.pk}"

    @property
    def working_answers(self) -> dict:
        """The answers the respondent is editing: the draft, or the changes to a submitted contribution."""
        return self.edited_answers if self.edited_answers is not None else self.answers


class Invitation(models.Model):
    """An invited person's single-use link: it opens one response, which then belongs to the invitation
    (in an anonymous survey, until it is submitted)."""

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(max_length=254)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    response = models.OneToOneField(
        Response, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitation"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    # A coordinator's request for a reminder (claimed once, so a double click sends one), then its mail.
    reminder_requested_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The day the response was submitted. For an anonymous survey, `response` is then cleared: this
    # date alone keeps the link single-use and the listing right, without leading to the answers.
    submitted_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "email"], name="one_invitation_an_address")]
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def state(self) -> str:
        if self.submitted_on or (self.response_id and self.response.status == Response.Status.SUBMITTED):
            return _("Submitted")
        if self.response_id:
            return _("Started")
        if self.opened_at:
            return _("Opened")
        return _("Invited") if self.sent_at else _("To send")


class ResponseExport(models.Model):
    """An export of a survey's submitted responses, built by a Celery job into a private file."""

    class Format(models.TextChoices):
        CSV = "csv", _("CSV (a zip file with the codebook)")
        XLSX = "xlsx", _("Excel workbook (the codebook on a second sheet)")
        SAV = "sav", _("SPSS data file (a zip file with the codebook)")
        DTA = "dta", _("Stata data file (a zip file with the codebook)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")
        REMOVED = "removed", _("File removed")

    class Removed(models.TextChoices):
        ERASURE = "erasure", _("a respondent's data was erased after it was made")
        EXPIRED = "expired", _("it was older than the days exports are kept")

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="exports")
    format = models.CharField(max_length=4, choices=Format)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    # The results page's filters when the export was asked for (surveys.results.Filters.as_json()): the
    # export holds the responses the page counted. Empty: every submitted response.
    filters = models.JSONField(default=dict, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    # In the default storage under exports/: never served by the media folder, only by the results view.
    file = models.FileField(upload_to="exports/", max_length=255, blank=True)
    error = models.TextField(blank=True)
    removed_because = models.CharField(max_length=10, choices=Removed, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The heartbeat of the worker building it: a running job without one for STALLED_AFTER has stopped.
    progress_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    STALLED_AFTER = timedelta(minutes=5)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.survey.title}, {self.get_format_display()}, {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def stalled(self) -> bool:
        """Running, but without progress for minutes: its worker died, and a new export is needed."""
        last = self.progress_at or self.created_at
        return self.status == self.Status.RUNNING and last < timezone.now() - self.STALLED_AFTER

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0
