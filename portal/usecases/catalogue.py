"""The catalogue of published use cases: what anyone may read of them (the public part), newest first, with
its filters, its full-text search and its Atom feed.

Only published use cases are listed, searched or fed, and only their public part: the search index holds
nothing else (UseCase.search_fields)."""

from django import forms
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.search.backends import get_search_backend

from portal.core.listings import ListingFilterForm
from portal.initiative.models import Country, DiseaseArea

from . import directory
from .models import State, UseCase

MAX_QUERY_LENGTH = 200
FEED_LENGTH = 20


def published():
    """Published use cases with what a listing shows of them, newest first."""
    return (UseCase.objects.filter(state=State.PUBLISHED)
            .prefetch_related("disease_areas", "countries",
                              Prefetch("industry_roles", queryset=directory.industry_roles()))
            .order_by("-published_at", "-pk"))


class CatalogueFilterForm(ListingFilterForm):
    q = forms.CharField(label=_("Words"), required=False, max_length=MAX_QUERY_LENGTH,
                        widget=forms.TextInput(attrs={"type": "search"}))
    disease_area = forms.ModelChoiceField(label=_("Disease area"), required=False, to_field_name="slug",
                                          queryset=DiseaseArea.objects.order_by("name"),
                                          empty_label=_("Any disease area"))
    role = forms.ModelChoiceField(label=_("Industry role"), required=False,
                                  queryset=directory.industry_roles(), empty_label=_("Any role"))
    country = forms.ModelChoiceField(label=_("Country"), required=False, to_field_name="iso_code",
                                     queryset=Country.objects.none(), empty_label=_("Any country"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the countries some published use case involves.
        involved = UseCase.countries.through.objects.filter(usecase__state=State.PUBLISHED)
        self.fields["country"].queryset = Country.objects.filter(
            pk__in=involved.values("country")).order_by("name")

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].replace("\x00", "").split())


def matching(*, q="", disease_area=None, role=None, country=None):
    """The published use cases that pass the filters (each one absent lets everything through) and, with
    words, whose public part holds them; newest first either way."""
    cases = published()
    if disease_area is not None:
        cases = cases.filter(disease_areas=disease_area)
    if role is not None:
        cases = cases.filter(industry_roles=role)
    if country is not None:
        cases = cases.filter(countries=country)
    if not q:
        return cases
    # The search runs over published use cases only; the filters on areas, roles and countries are not
    # fields of the index, so they narrow the rows it found.
    found = get_search_backend().search(q, UseCase.objects.filter(state=State.PUBLISHED),
                                        order_by_relevance=False)
    return cases.filter(pk__in=[case.pk for case in found])


class NewUseCases(Feed):
    """The Atom feed of newly published use cases: their public part only."""

    feed_type = Atom1Feed
    title = _("1+MG: new industry use cases")
    subtitle = _("Use cases that companies propose to the 1+MG initiative, as they are published.")
    link = reverse_lazy("usecases:catalogue")

    def items(self):
        return published()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return reverse("usecases:detail", args=[item.pk])

    def item_author_name(self, item):
        return item.organisation

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [area.name for area in item.disease_areas.all()]
