"""Results of surveys in the admin: per-question statistics and exports of responses."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.widgets.button import Button

from .. import exports, results
from ..models import ResponseExport, SurveyPage
from ..types import question_type

TEXTS_PER_PAGE = 50
EXPORTS_SHOWN = exports.KEEP_EXPORTS


def may_see_results(user, page) -> bool:
    """Who may see a survey's results and exports, which hold respondents' names and addresses: those
    who may publish the survey page (coordinators), not those who may only edit it (editors)."""
    return user.is_active and page.permissions_for_user(user).can_publish()


def _survey(request, pk) -> SurveyPage:
    survey = get_object_or_404(SurveyPage, pk=pk)
    if not may_see_results(request.user, survey):
        raise PermissionDenied
    return survey


def _private(response):
    """Results hold personal data: never cached by a browser or a proxy."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ["Cookie"])
    return response


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=ResponseExport.Format.choices)
    # The results page's filters, as its address has them: the export takes the responses the page counts.
    filters = forms.CharField(required=False, widget=forms.HiddenInput)


def results_view(request, pk):
    survey = _survey(request, pk)
    versions = results.survey_versions(survey)
    questions = results.merged_questions(versions)
    form = results.FilterForm(request.GET or None, questions=questions)
    filters = form.filters() if request.GET else results.Filters()
    found = results.cached_survey_results(survey, filters)
    made = list(survey.exports.select_related("requested_by")[:EXPORTS_SHOWN])
    for export in made:
        export.filters_described = form.described(results.Filters.from_json(export.filters))
    context = {
        "survey": survey,
        "versions": versions,
        "form": form,
        "results": found,
        "query": request.GET.urlencode(),
        "export_form": ExportForm(initial={"filters": request.GET.urlencode()}),
        "exports": made,
        "page_title": _("Results"),
        "header_icon": "table",
    }
    return _private(TemplateResponse(request, "surveys/admin/results.html", context))


def texts_view(request, pk, question):
    """Every free-text answer to one question, newest first, 50 a page, under the same filters."""
    survey = _survey(request, pk)
    questions = results.merged_questions(results.survey_versions(survey))
    texts = [item for item in questions if item.name == question and question_type(item.type).collects_texts]
    chosen = texts[0] if texts else None
    if chosen is None:
        raise Http404
    form = results.FilterForm(request.GET or None, questions=questions)
    filters = form.filters() if request.GET else results.Filters()
    answers = Paginator(results.text_answers(survey, chosen, filters, questions), TEXTS_PER_PAGE)
    answers = answers.get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    context = {
        "survey": survey,
        "question": chosen,
        "answers": answers,
        "filters": filters,
        "query": query.urlencode(),
        "page_title": _("Answers to “%(question)s”") % {"question": chosen.label},
        "header_icon": "table",
    }
    return _private(TemplateResponse(request, "surveys/admin/results_texts.html", context))


@require_POST
def export_view(request, pk):
    survey = _survey(request, pk)
    form = ExportForm(request.POST)
    query = QueryDict(request.POST.get("filters", ""))
    back = reverse("surveys_results", args=[pk]) + (f"?{query.urlencode()}" if query else "") + "#exports"
    if not form.is_valid():
        messages.error(request, _("Choose a format for the export."))
        return redirect(back)
    filters = results.Filters()
    if query:
        questions = results.merged_questions(results.survey_versions(survey))
        chosen = results.FilterForm(query, questions=questions)
        if not chosen.is_valid():
            messages.error(request, _("The filters have errors: correct them before preparing an export."))
            return redirect(back)
        filters = chosen.filters()
    exports.request_export(survey, form.cleaned_data["format"], request.user, filters)
    messages.success(
        request,
        _("The export is being prepared. Refresh this page to see its progress; a link appears when "
          "it is ready."),
    )
    return redirect(back)


def download_view(request, pk, export_pk):
    survey = _survey(request, pk)
    export = get_object_or_404(ResponseExport, pk=export_pk, survey=survey, status=ResponseExport.Status.DONE)
    if not export.file:
        raise Http404
    try:
        handle = export.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    suffix = exports.SUFFIXES[export.format]
    filename = f"{survey.slug}-responses-{export.created_at:%Y%m%d-%H%M}.{suffix}"
    return _private(FileResponse(handle, as_attachment=True, filename=filename))


def codebook_view(request, pk):
    """The codebook alone, as CSV: small, so made at once."""
    import csv
    import io

    from portal.core.spreadsheets import SafeWriter

    survey = _survey(request, pk)
    versions = results.survey_versions(survey)
    text = io.StringIO()
    writer = SafeWriter(csv.writer(text))
    writer.writerow(exports.CODEBOOK_HEADER)
    numbers = {version.pk: version.number for version in versions}
    writer.writerows(exports.codebook(results.merged_questions(versions), numbers))
    response = _private(FileResponse(io.BytesIO(text.getvalue().encode()), as_attachment=True,
                                     filename=f"{survey.slug}-codebook.csv"))
    response["Content-Type"] = "text/csv; charset=utf-8"
    return response


def urls():
    return [
        path("surveys/<int:pk>/results/", results_view, name="surveys_results"),
        path("surveys/<int:pk>/results/answers/<str:question>/", texts_view, name="surveys_results_texts"),
        path("surveys/<int:pk>/results/export/", export_view, name="surveys_results_export"),
        path("surveys/<int:pk>/results/exports/<int:export_pk>/", download_view,
             name="surveys_results_download"),
        path("surveys/<int:pk>/results/codebook.csv", codebook_view, name="surveys_results_codebook"),
    ]


def results_button(page, user, view_name, next_url=None):
    if _is_survey(page) and may_see_results(user, page):
        yield Button(_("Results"), reverse("surveys_results", args=[page.pk]), icon_name="table", priority=75)


def results_menu_item(page, user, next_url=None):
    if _is_survey(page) and may_see_results(user, page):
        yield Button(_("Results"), reverse("surveys_results", args=[page.pk]), icon_name="table", priority=45)


def _is_survey(page) -> bool:
    specific_class = page.specific_class  # from the content type cache: no query
    return specific_class is not None and issubclass(specific_class, SurveyPage)
