"""The catalogue's pages (catalogue.py decides what is in it): public, the same for everyone who asks."""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.core.listings import paginate

from . import catalogue


def listing(request):
    filters = catalogue.CatalogueFilterForm.applied(request.GET)
    return TemplateResponse(request, "usecases/catalogue.html", {
        # core/dated_index.html names its heading after a page's title.
        "page": {"title": _("Industry use cases")},
        "items": paginate(request, catalogue.matching(**filters)),
        "filter_form": catalogue.CatalogueFilterForm(initial=filters),
        "filtered": bool(filters),
        "search_query": filters.get("q", ""),
        "action": reverse("usecases:catalogue"),
    })


feed = catalogue.NewUseCases()
