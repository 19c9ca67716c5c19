"""Files respondents sent with their answers, downloaded by those who may see the survey's results (the
addresses in exports lead here)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path

from portal.core.private_files import serve_private_file

from ..models import Response, ResponseFile
from ..types.file import stored
from .results import may_see_results


def download_view(request, pk):
    """A file of a submitted answer; to anyone else, or for a file that answer no longer holds (a draft's,
    one replaced in an edit not yet submitted), no file at all."""
    found = get_object_or_404(ResponseFile.objects.select_related("response__survey", "file"), pk=pk,
                              response__status=Response.Status.SUBMITTED)
    answer = stored(found.response.answers.get(found.question))
    if not may_see_results(request.user, found.response.survey) or not answer or answer["file"] != found.pk:
        raise Http404
    return serve_private_file(request, found.file)


def urls():
    return [path("surveys/files/<int:pk>/", download_view, name="surveys_response_file")]
