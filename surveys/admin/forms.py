"""The survey page's admin form: the question builder and the survey's own fields make the definition;
no publishing without a privacy statement link, and no edit that breaks the comparability of answers
already given without the coordinator saying so."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy, ngettext
from wagtail.blocks import BlockField

from portal.core.page_form import PortalPageForm

from ..builder import from_builder, sections_block, to_builder
from ..definition import publishing_problems, validate_definition

LANGUAGE_CODES = RegexValidator(
    r"^\s*[a-z]{2,3}(-[A-Za-z0-9]{2,8})*(\s*,\s*[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)*\s*$",
    gettext_lazy("Language codes separated by commas, such as “en, fr, pt-BR”."),
)
# The survey's own fields in the definition, by form field.
SURVEY_KEYS = {"survey_name": "name", "survey_title": "title", "survey_intro": "intro",
               "privacy_statement_url": "privacy_statement_url", "source": "source", "survey_note": "note"}


class SurveyPageForm(PortalPageForm):
    survey_name = forms.CharField(
        label=gettext_lazy("Machine name of the survey"),
        max_length=63,
        validators=[RegexValidator(r"^[a-z][a-z0-9_-]{0,62}$", gettext_lazy(
            "Use lower case letters, digits, _ and -, starting with a letter."))],
        help_text=gettext_lazy("Names the survey in exports; choose it once, e.g. data-sharing-2025."),
    )
    survey_title = forms.CharField(
        label=gettext_lazy("Title shown to respondents"), required=False,
        help_text=gettext_lazy("Empty: the page title."),
    )
    survey_intro = forms.CharField(
        label=gettext_lazy("Introduction for respondents"), required=False, widget=forms.Textarea,
        help_text=gettext_lazy("Plain text shown before the first section; a blank line starts a paragraph."),
    )
    privacy_statement_url = forms.CharField(
        label=gettext_lazy("Privacy statement link"), required=False, max_length=500,
        help_text=gettext_lazy("A path on the portal (/privacy/) or an https:// address; needed to publish."),
    )
    languages = forms.CharField(
        initial="en", validators=[LANGUAGE_CODES],
        help_text=gettext_lazy("The first is the language of every text here; the others have translations."),
    )
    sections = BlockField(block=sections_block(), label=gettext_lazy("Sections and questions"))
    translations = forms.JSONField(
        required=False,
        help_text=gettext_lazy("Per further language, texts keyed by where they are "
                               "(see docs/survey-format.md), e.g. {\"fr\": {\"title\": \"…\"}}."),
    )
    dashboard = forms.JSONField(
        label=gettext_lazy("Public results dashboard"), required=False,
        help_text=gettext_lazy("The tables of the public results, per country: choice questions with a title "
                               "(see docs/survey-format.md), e.g. [{\"question\": \"data_types\", "
                               "\"title\": \"Datasets by type of data\"}]. Empty: a table for every choice "
                               "question but the country."),
    )
    source = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=gettext_lazy("Where the survey comes from, if from elsewhere."))
    survey_note = forms.CharField(label=gettext_lazy("Note"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text=gettext_lazy("For coordinators; never shown to respondents."))
    accept_breaking_changes = forms.BooleanField(
        label=gettext_lazy("Publish even though the edit breaks comparability with earlier answers"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        definition = self.instance.definition
        if definition and definition.get("sections"):
            self.initial.update({field: definition.get(key, "") for field, key in SURVEY_KEYS.items()})
            self.initial["languages"] = ", ".join(definition.get("languages", []))
            self.initial["translations"] = definition.get("translations") or None
            self.initial["dashboard"] = definition.get("dashboard") or None
            self.initial["sections"] = to_builder(definition)
        else:
            self.initial.setdefault("sections", to_builder({}))

    def clean(self):
        cleaned = super().clean()
        self.confirmed_edit = None
        needed = ("survey_name", "languages", "sections", "translations", "dashboard")
        if any(field not in cleaned for field in needed):
            return cleaned
        definition = from_builder(
            cleaned["sections"],
            name=cleaned["survey_name"],
            title=cleaned["survey_title"].strip() or cleaned.get("title", ""),
            languages=[code.strip() for code in cleaned["languages"].split(",")],
            intro=cleaned["survey_intro"].strip(),
            privacy_statement_url=cleaned["privacy_statement_url"].strip(),
            source=cleaned["source"].strip(),
            note=cleaned["survey_note"].strip(),
            translations=cleaned["translations"],
            dashboard=cleaned["dashboard"],
        )
        problems = validate_definition(definition)
        for problem in problems[:20]:
            field = "dashboard" if problem.startswith(("dashboard", "$.dashboard")) else "sections"
            self.add_error(field, problem)
        if problems:
            return cleaned
        self.instance.definition = cleaned["definition"] = definition
        if self._publishes():
            self._check_publishing(definition, cleaned)
        return cleaned

    def _check_publishing(self, definition: dict, cleaned: dict) -> None:
        problems = publishing_problems(definition)
        for problem in problems:
            self.add_error("privacy_statement_url" if "privacy" in problem else "sections", problem)
        if problems or not self.instance.pk:
            return
        from ..publishing import breaking_edit  # it imports the models, which import this form

        edit = breaking_edit(self.instance, definition)
        if edit is None:
            return
        if cleaned.get("accept_breaking_changes"):
            self.confirmed_edit = (definition, edit)
            return
        self.add_error(
            "accept_breaking_changes",
            ngettext(
                "%(count)s response was given to this survey, and this edit breaks comparability with it: "
                "%(changes)s. Tick the box to publish anyway; answers already given keep their version.",
                "%(count)s responses were given to this survey, and this edit breaks comparability with "
                "them: %(changes)s. Tick the box to publish anyway; answers already given keep their "
                "version.",
                edit.responses,
            )
            % {"count": edit.responses, "changes": "; ".join(edit.changes)},
        )

    def _publishes(self) -> bool:
        """Publishing, or approving in the moderation workflow (which publishes at its last step)."""
        if self.data.get("action-publish"):
            return True
        approving = self.data.get("workflow-action-name") == "approve"
        return bool(self.data.get("action-workflow-action")) and approving

    def save(self, commit=True):
        page = super().save(commit=commit)
        if getattr(self, "confirmed_edit", None):
            from ..publishing import record_confirmation

            definition, edit = self.confirmed_edit
            record_confirmation(page, definition, edit, user=self.for_user)
        return page
