"""The site search page."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.core.listings import paginate

from .search import SearchResults

MAX_QUERY_LENGTH = 200


def search(request):
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:MAX_QUERY_LENGTH]
    results = paginate(request, SearchResults(request, query)) if query else None
    return TemplateResponse(request, "cms/search.html", {
        "search_query": query,
        "results": results,
        "page_title": _("Search results for “%(query)s”") % {"query": query} if query else _("Search"),
    })
