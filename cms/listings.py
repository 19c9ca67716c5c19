"""Paginated, filtered listings of the news and resource index pages."""

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

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


class NewsFilterForm(ListingFilterForm):
    year = forms.ChoiceField(label=_("Year"), required=False)
    cluster = forms.ChoiceField(label=_("Stakeholder cluster"), required=False)

    def __init__(self, *args, years=(), clusters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(str(year), str(year)) for year in years]
        self.fields["cluster"].choices = [("", _("All clusters")), *clusters]


class ResourceFilterForm(ListingFilterForm):
    type = forms.ChoiceField(label=_("Type"), required=False)
    disease_area = forms.ChoiceField(label=_("Disease area"), required=False)

    def __init__(self, *args, disease_areas=(), **kwargs):
        from .models import ResourcePage

        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All types")), *ResourcePage.ResourceType.choices]
        self.fields["disease_area"].choices = [("", _("All disease areas")), *disease_areas]
