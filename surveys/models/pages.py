"""Surveys: a survey page holds the editable definition; publishing freezes it as an immutable version,
and each response belongs to the version it answered."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import MD5
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.core.page_form import PortalPageForm

from ..admin.forms import SurveyPageForm
from ..definition import validate_definition


def _views():
    from .. import views  # the respondent's pages import these models

    return views


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_contribution_id() -> str:
    # Short enough to read out on the phone, long enough never to be guessed: 12 characters of base32.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


class SurveyPage(RoutablePageMixin, Page):
    class Audience(models.TextChoices):
        ANYONE = "anyone", _("Anyone with the link")
        STAKEHOLDERS = "stakeholders", _("Signed-in stakeholders")
        INVITED = "invited", _("Invited people only (single-use links)")

    class Erasure(models.TextChoices):
        ANONYMISE = "anonymise", _("Keep the response anonymously, without the answers to personal questions")
        DELETE = "delete", _("Delete the whole response")

    intro = RichTextField(_("introduction on the portal"), blank=True, features=["bold", "italic", "link"])
    definition = models.JSONField(
        _("definition"),
        default=dict,
        help_text=_("The questions, in the portal's survey format (see docs/survey-format.md)."),
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    audience = models.CharField(_("who may answer"), max_length=20, choices=Audience, default=Audience.ANYONE)
    one_response_per_person = models.BooleanField(
        _("one response per person"),
        default=True,
        help_text=_("For signed-in and invited respondents."),
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("No link to an account, no IP address, times kept to the day."),
    )
    editable_after_submit = models.BooleanField(
        _("respondents may edit their contribution until the survey closes"),
        default=False,
    )
    public_results = models.BooleanField(
        _("public results"),
        default=False,
        help_text=_(
            "Show aggregate results on the portal at the survey's address followed by results/; "
            "counts of fewer than 5 responses are never shown."
        ),
    )

    erasure = models.CharField(
        _("when a respondent's data is erased"),
        max_length=10,
        choices=Erasure,
        default=Erasure.ANONYMISE,
        help_text=_(
            "What happens to a submitted response when the person who gave it has their data erased. "
            "Drafts are always deleted, and answers to email questions always removed; personal "
            "questions are those marked \"personal\" in the definition."
        ),
    )

    # The definition is edited through the form's builder fields (surveys/admin/forms.py), not as JSON.
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("survey_name"),
                FieldPanel("survey_title"),
                FieldPanel("survey_intro"),
                FieldPanel("privacy_statement_url"),
                FieldPanel("languages"),
            ],
            heading=_("Survey"),
        ),
        FieldPanel("sections"),
        MultiFieldPanel(
            [FieldPanel("translations"), FieldPanel("source"), FieldPanel("survey_note")],
            heading=_("Translations and notes"),
            classname="collapsed",
        ),
        FieldPanel("accept_breaking_changes"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("opens_at"),
                FieldPanel("closes_at"),
                FieldPanel("audience"),
                FieldPanel("one_response_per_person"),
                FieldPanel("anonymous"),
                FieldPanel("editable_after_submit"),
                FieldPanel("public_results"),
            ],
            heading=_("Answering"),
        ),
        MultiFieldPanel([FieldPanel("erasure")], heading=_("Personal data")),
    ]
    parent_page_types = ["cms.HomePage", "cms.StandardPage", "surveys.SurveyIndexPage"]
    subpage_types = []
    base_form_class = SurveyPageForm

    class Meta:
        verbose_name = _("survey")

    def clean(self):
        super().clean()
        if not self.definition:
            return  # no questions yet: nothing to publish
        problems = validate_definition(self.definition)
        if problems:
            raise ValidationError({"definition": problems[:20]})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (self.opens_at is None or self.opens_at <= now) and (
            self.closes_at is None or now < self.closes_at
        )

    def current_version(self) -> "SurveyVersion | None":
        return self.versions.order_by("-number").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        version = context["version"] = self.current_version()
        context["open"] = self.is_open()
        context["by_invitation_only"] = self.audience == self.Audience.INVITED
        intro = version.definition.get("intro", "") if version else ""
        context["intro_paragraphs"] = [part.strip() for part in intro.split("\n\n") if part.strip()]
        return context

    @path("start/")
    def start(self, request):
        return _views().start(self, request)

    @path("i/<str:token>/", name="invitation")
    def invitation(self, request, token):
        return _views().invitation(self, request, token)

    @path("r/<str:token>/", name="resume")
    def resume(self, request, token):
        return _views().resume(self, request, token)

    @path("r/<str:token>/review/", name="review")
    def review(self, request, token):
        return _views().review(self, request, token)

    @path("r/<str:token>/receipt/", name="receipt")
    def receipt(self, request, token):
        return _views().receipt(self, request, token)

    @path("r/<str:token>/saved/", name="saved")
    def saved(self, request, token):
        return _views().saved(self, request, token)

    @path("r/<str:token>/<slug:section>/", name="section")
    def section(self, request, token, section):
        return _views().section_page(self, request, token, section)

    @path("results/", name="public_results")
    def public_results_page(self, request):
        from ..results import public_results_view  # the statistics import these models

        return public_results_view(self, request)


class SurveyIndexPage(Page):
    """The surveys page: every survey open to anyone or to signed-in stakeholders, wherever it sits."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    base_form_class = PortalPageForm
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["surveys.SurveyPage"]

    class Meta:
        verbose_name = _("surveys page")

    def get_context(self, request, *args, **kwargs):
        from portal.core.listings import paginate

        from ..listing import open_surveys

        context = super().get_context(request, *args, **kwargs)
        context["items"] = paginate(request, open_surveys(request))
        return context


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
    section = models.CharField(max_length=63, blank=True, help_text=_("Where the respondent left off."))
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


class AnswerKey(models.Model):
    """What answer items and values are counted under (see answer_items.py): a question of a survey as a
    question of one type, and either the choices picked (as JSON) or a number table's row."""

    id = models.AutoField(primary_key=True)  # a 4-byte key keeps the many items narrow
    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="+", db_index=False)
    question = models.TextField()
    type = models.TextField()
    row = models.TextField(blank=True)
    choices = models.TextField(blank=True)

    class Meta:
        constraints = [  # by a hash of the choices, which can be longer than an index entry may be
            models.UniqueConstraint(
                "survey", "question", "type", "row", MD5("choices"), name="unique_answer_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question} {self.row} {self.choices}".strip()


class AnswerItem(models.Model):
    """That a submitted response answered a question, and with which choices: one item an answer."""

    pk = models.CompositePrimaryKey("response", "key")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.ForeignKey(AnswerKey, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.response_id}: {self.key_id}"


class AnswerValue(models.Model):
    """A number (of a number table's row) or a date answered in a submitted response."""

    pk = models.CompositePrimaryKey("response", "key")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.ForeignKey(AnswerKey, on_delete=models.CASCADE, related_name="+", db_index=False)
    number = models.FloatField(null=True)
    day = models.DateField(null=True)

    class Meta:
        # Medians read each key's values in order from this index, without the table (with filters too).
        indexes = [
            models.Index(fields=["key", "number", "day"], include=["response"], name="answer_value_order")
        ]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.key_id} = {self.number if self.day is None else self.day}"
