"""The survey page, which holds the editable definition and serves the respondent's pages, and the Surveys
page that lists the open surveys."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.core.page_form import PortalPageForm

from ..admin.forms import SurveyPageForm
from ..definition import validate_definition

if TYPE_CHECKING:
    from .responses import SurveyVersion


def _views():
    from .. import views  # the respondent's pages import these models

    return views


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
        MultiFieldPanel([FieldPanel("dashboard")], heading=_("Public results"), classname="collapsed"),
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
