"""Paginated, filtered listings: every list page of the portal pages through `paginate`."""

from django import forms
from django.apps import apps
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from wagtail.models import PageViewRestriction

PER_PAGE = 10


def paginate(request, queryset, per_page: int = PER_PAGE) -> PaginatorPage:
    """The requested page; a page number that is not a number gives the first, one too far the last."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class ListingFilterForm(forms.Form):
    """A GET form of optional choices; a value that is not one of them is ignored, never an error.
    `lookups` maps each field to the query it filters by (for DatedListing)."""

    lookups: dict[str, str] = {}

    @classmethod
    def applied(cls, data, **choices) -> dict:
        form = cls(data=data, **choices)
        form.is_valid()
        # cleaned_data holds only the fields whose value is one of the choices.
        return {name: value for name, value in form.cleaned_data.items() if value}


def visible_to(pages, request=None):
    """Live pages, without those under a view restriction the reader does not pass (Wagtail's own test:
    group, login or password), so a listing never shows even the title of a page its reader may not open.
    Without a request, without every restricted page: what anyone may open, the same for everyone."""
    pages = pages.live()
    restrictions = PageViewRestriction.objects.select_related("page")
    if request is not None:
        restrictions = restrictions.prefetch_related("groups")
    for restriction in restrictions:
        if request is None or not restriction.accept_request(request):
            pages = pages.not_descendant_of(restriction.page, inclusive=True)
    return pages


class DatedListing:
    """An index page listing its child pages newest first (by their `date`), filtered and paginated.

    A page class sets `listed_model` (its child page model, "app_label.ModelName"), the relations its
    template shows (`listed_related`), and a `ListingFilterForm` whose `lookups` name the query of each
    field; `filter_choices` gives the form the choices. Its template extends core/dated_index.html."""

    listed_model: str
    listed_related: tuple[str, ...] = ()
    filter_form_class: type[ListingFilterForm]

    def listed_items(self, request):
        items = apps.get_model(self.listed_model).objects.child_of(self).select_related(*self.listed_related)
        return visible_to(items, request)

    def filter_choices(self, items) -> dict:
        return {}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.listed_items(request)
        choices = self.filter_choices(items)
        form_class = self.filter_form_class
        filters = form_class.applied(request.GET, **choices)
        items = items.filter(**{form_class.lookups[name]: value for name, value in filters.items()})
        context["filter_form"] = form_class(initial=filters, **choices)
        context["filtered"] = bool(filters)
        context["items"] = paginate(request, items.order_by("-date", "-pk"))
        return context
