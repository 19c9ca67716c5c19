"""The filters of the news and resource index pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.listings import ListingFilterForm


class NewsFilterForm(ListingFilterForm):
    lookups = {"year": "date__year", "cluster": "cluster__slug"}
    year = forms.ChoiceField(label=_("Year"), required=False)
    cluster = forms.ChoiceField(label=_("Stakeholder cluster"), required=False)

    def __init__(self, *args, years=(), clusters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(str(year), str(year)) for year in years]
        self.fields["cluster"].choices = [("", _("All clusters")), *clusters]


class ResourceFilterForm(ListingFilterForm):
    lookups = {"type": "resource_type", "disease_area": "disease_area__slug"}
    type = forms.ChoiceField(label=_("Type"), required=False)
    disease_area = forms.ChoiceField(label=_("Disease area"), required=False)

    def __init__(self, *args, disease_areas=(), **kwargs):
        from .models import ResourcePage

        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All types")), *ResourcePage.ResourceType.choices]
        self.fields["disease_area"].choices = [("", _("All disease areas")), *disease_areas]
