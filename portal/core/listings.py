"""Paginated, filtered listings: every list page of the portal pages through `paginate`."""

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator

PER_PAGE = 10


def paginate(request, queryset, per_page: int = PER_PAGE) -> PaginatorPage:
    """The requested page; a page number that is not a number gives the first, one too far the last."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class ListingFilterForm(forms.Form):
    """A GET form of optional choices; a value that is not one of them is ignored, never an error."""

    @classmethod
    def applied(cls, data, **choices) -> dict:
        form = cls(data=data, **choices)
        form.is_valid()
        # cleaned_data holds only the fields whose value is one of the choices.
        return {name: value for name, value in form.cleaned_data.items() if value}
