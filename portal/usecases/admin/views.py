"""The reviewers' scores side by side (portal.usecases.scores) and their export, for coordinators."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.core.listings import paginate
from portal.core.spreadsheets import csv_response, xlsx_response

from .. import scores, services

PER_PAGE = 10


class CoordinatorsOnly:
    def dispatch(self, request, *args, **kwargs):
        if not services.is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScoresView(CoordinatorsOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "usecases/admin/scores.html"
    page_title = gettext_lazy("Reviewers' scores")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        columns = scores.criteria()
        page = paginate(self.request, scores.reviewed_use_cases(), per_page=PER_PAGE)
        return super().get_context_data(columns=columns, items=page,
                                        tables=scores.tables(page.object_list, columns), **kwargs)


def export_scores(request, format: str):
    if not services.is_coordinator(request.user):
        raise PermissionDenied
    rows = scores.export_rows(scores.criteria())
    if format == "csv":
        return csv_response("use-case-scores", rows)
    if format == "xlsx":
        return xlsx_response("use-case-scores", rows, sheet="Scores")
    raise Http404
