"""Moving survey definitions in and out of the admin: the portal's JSON format and XLSForm.

Whoever may edit a survey page downloads its definition (the latest saved one, draft included) as JSON
or as an XLSForm workbook, and uploads either to replace it. An upload becomes a new draft revision and is
never published here: the coordinator reviews it and publishes in the page editor, where the check for
edits that break comparability with earlier answers applies. A file that cannot be used is refused with
every problem listed, and nothing is saved; what a format cannot carry is listed every time.
"""

import json
from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic.base import ContextMixin
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from ..changes import compare
from ..definition import DefinitionError, translatable_texts, validate_definition, with_defaults
from ..importing import SUFFIXES, read_file, save_draft
from ..models import SurveyPage
from ..xlsform import definition_to_xlsform

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "surveys_transfer_notes"  # what the last imports could not carry, by revision


class UploadForm(forms.Form):
    definition_file = forms.FileField(
        label=gettext_lazy("Definition file"),
        help_text=gettext_lazy(
            "The portal's JSON format (.json) or an XLSForm (.xlsx, .xls or .csv), at most 5 MB."
        ),
    )

    def clean_definition_file(self):
        upload = self.cleaned_data["definition_file"]
        if Path(upload.name).suffix.lower() not in SUFFIXES:
            raise ValidationError(
                _(
                    "Upload a .json file in the portal's format or an XLSForm (.xlsx, .xls or .csv); "
                    "“%(name)s” is neither."
                )
                % {"name": upload.name}
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is %(size).1f MB; upload at most 5 MB.") % {"size": upload.size / 1024 / 1024}
            )
        return upload


def _survey(request, pk) -> SurveyPage:
    survey = get_object_or_404(SurveyPage, pk=pk)
    if not survey.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return survey


def _latest_definition(survey: SurveyPage) -> dict:
    return survey.get_latest_revision_as_object().definition


def _filename(survey: SurveyPage, definition: dict, extension: str) -> str:
    name = definition.get("name") if isinstance(definition, dict) else None
    return f"{name if isinstance(name, str) and name else survey.slug}{extension}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


SURVEY_KEYS = [
    "format",
    "name",
    "title",
    "intro",
    "privacy_statement_url",
    "source",
    "note",
    "languages",
    "translations",
    "dashboard",
    "sections",
]
SECTION_KEYS = ["name", "title", "intro", "condition", "added", "note", "questions"]
QUESTION_KEYS = [
    "name",
    "type",
    "label",
    "help",
    "required",
    "condition",
    "added",
    "note",
    "personal",
    "widget",
    "kind",
    "min",
    "max",
    "min_selected",
    "max_selected",
    "max_length",
    "rows_from",
    "rows",
    "choices",
]
ITEM_KEYS = ["name", "label", "exclusive", "question", "in", "all", "any"]


def _in_order(value, keys: list[str]):
    """The database keeps JSON keys in its own order; a file reads better in the order of the format's doc."""
    if not isinstance(value, dict):
        return value
    rank = {key: position for position, key in enumerate(keys)}
    return dict(sorted(value.items(), key=lambda item: rank.get(item[0], len(keys))))


def readable(definition):
    """The definition with its keys in the documented order, and translations in the order of the texts."""
    if not isinstance(definition, dict):
        return definition
    survey = _in_order(definition, SURVEY_KEYS)
    sections = survey.get("sections")
    if isinstance(sections, list):
        survey["sections"] = sections = [_in_order(section, SECTION_KEYS) for section in sections]
        for section in sections:
            if isinstance(section, dict) and isinstance(section.get("condition"), dict):
                section["condition"] = _condition_in_order(section["condition"])
            if isinstance(section, dict) and isinstance(section.get("questions"), list):
                section["questions"] = [_question_in_order(question) for question in section["questions"]]
    if isinstance(survey.get("translations"), dict) and isinstance(sections, list):
        try:
            paths = {path: position for position, path in enumerate(translatable_texts(survey))}
        except (KeyError, TypeError, AttributeError):
            paths = {}
        survey["translations"] = {
            language: dict(sorted(texts.items(), key=lambda item: paths.get(item[0], len(paths))))
            if isinstance(texts, dict)
            else texts
            for language, texts in survey["translations"].items()
        }
    return survey


def _question_in_order(question):
    question = _in_order(question, QUESTION_KEYS)
    if not isinstance(question, dict):
        return question
    for key in ("choices", "rows"):
        if isinstance(question.get(key), list):
            question[key] = [_in_order(item, ITEM_KEYS) for item in question[key]]
    if isinstance(question.get("condition"), dict):
        question["condition"] = _condition_in_order(question["condition"])
    return question


def _condition_in_order(condition):
    condition = _in_order(condition, ITEM_KEYS)
    for key in ("all", "any"):
        if isinstance(condition.get(key), list):
            condition[key] = [
                _condition_in_order(part) if isinstance(part, dict) else part for part in condition[key]
            ]
    return condition


@never_cache
def download_json(request, pk):
    survey = _survey(request, pk)
    definition = _latest_definition(survey)
    content = json.dumps(readable(definition), indent=2, ensure_ascii=False) + "\n"
    return _download(
        content.encode("utf-8"), "application/json; charset=utf-8", _filename(survey, definition, ".json")
    )


@never_cache
def download_xlsform(request, pk):
    survey = _survey(request, pk)
    definition = _latest_definition(survey)
    try:
        workbook, _notes = definition_to_xlsform(definition)
    except DefinitionError as error:
        messages.error(
            request,
            _("The definition is not valid, so it cannot be written as XLSForm: %(problems)s")
            % {"problems": " ".join(error.problems[:10])},
        )
        return redirect("surveys_transfer", pk)
    return _download(workbook, XLSX_TYPE, _filename(survey, definition, ".xlsx"))


class _SurveyAdminView(WagtailAdminTemplateMixin, ContextMixin, View):
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        self.survey = _survey(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.survey.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.survey.pk]),
                "label": self.survey.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(survey=self.survey, **kwargs)


class TransferView(_SurveyAdminView):
    """GET shows the downloads and the upload form; POST takes a file and saves it as a draft revision."""

    template_name = "surveys/admin/transfer.html"
    page_title = gettext_lazy("Import and export")

    def get(self, request, pk):
        return self.render_to_response(self.get_context_data(form=UploadForm()))

    def post(self, request, pk):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["definition_file"]
        imported = read_file(upload.name, upload.read())
        definition, problems, notes = imported.definition, imported.problems, imported.notes
        page = self.survey.get_latest_revision_as_object()
        lock = page.get_lock()
        if not problems and lock and lock.for_user(request.user):
            problems = [_("The page is locked; it cannot be changed until it is unlocked.")]
        if problems:
            return self.render_to_response(
                self.get_context_data(form=form, problems=problems, notes=notes, file_name=upload.name)
            )
        unchanged = not validate_definition(page.definition) and with_defaults(
            page.definition
        ) == with_defaults(definition)
        if unchanged:
            messages.info(
                request,
                _("“%(name)s” holds the same definition as the page; nothing was saved.")
                % {"name": upload.name},
            )
            return redirect("surveys_transfer", pk)
        try:
            revision = save_draft(page, definition, request.user)
        except ValidationError as error:
            return self.render_to_response(
                self.get_context_data(form=form, problems=error.messages, notes=notes, file_name=upload.name)
            )
        request.session[SESSION_KEY] = {str(revision.pk): {"file": upload.name, "notes": notes}}
        return redirect("surveys_transfer_imported", pk, revision.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        definition = _latest_definition(self.survey)
        try:
            _workbook, context["export_notes"] = definition_to_xlsform(definition)
        except DefinitionError as error:
            context["export_problems"] = error.problems
        context["has_draft"] = self.survey.has_unpublished_changes
        context["max_upload_mb"] = MAX_UPLOAD_BYTES // (1024 * 1024)
        return context


class ImportedView(_SurveyAdminView):
    """After an upload: the draft revision saved, what did not fit, and what it changes for answers."""

    template_name = "surveys/admin/transfer_imported.html"
    page_title = gettext_lazy("Imported as a draft")

    def get(self, request, pk, revision):
        revision = get_object_or_404(self.survey.revisions, pk=revision)
        imported = request.session.get(SESSION_KEY, {}).get(str(revision.pk), {})
        definition = revision.as_object().definition
        version = self.survey.current_version()
        changes = compare(version.definition, definition) if version else []
        return self.render_to_response(
            self.get_context_data(
                revision=revision,
                file_name=imported.get("file", ""),
                notes=imported.get("notes", []),
                known=bool(imported),
                version=version,
                answered=self.survey.responses.count(),
                changes=changes,
                breaking=[change for change in changes if change.breaking],
                edit_url=reverse("wagtailadmin_pages:edit", args=[self.survey.pk]),
            )
        )


def urls():
    return [
        path("surveys/<int:pk>/transfer/", never_cache(TransferView.as_view()), name="surveys_transfer"),
        path("surveys/<int:pk>/transfer/definition.json", download_json, name="surveys_transfer_json"),
        path("surveys/<int:pk>/transfer/definition.xlsx", download_xlsform, name="surveys_transfer_xlsform"),
        path(
            "surveys/<int:pk>/transfer/imported/<int:revision>/",
            never_cache(ImportedView.as_view()),
            name="surveys_transfer_imported",
        ),
    ]


def _is_survey(page) -> bool:
    return issubclass(page.specific_class or type(page), SurveyPage)


def transfer_header_button(page, user, view_name, next_url=None):
    if _is_survey(page) and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Import or export"),
            reverse("surveys_transfer", args=[page.pk]),
            icon_name="download",
            priority=85,
        )


def transfer_listing_button(page, user, next_url=None):
    if _is_survey(page) and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Import or export"),
            reverse("surveys_transfer", args=[page.pk]),
            icon_name="download",
            priority=55,
        )
