from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.listings import ListingFilterForm

from .models.recommendations import Status


class TrackerFilterForm(ListingFilterForm):
    """The tracker's filters; listing.LOOKUPS says what each filters by."""

    q = forms.CharField(label=_("Search the text"), required=False, max_length=100, widget=forms.SearchInput)
    source = forms.ChoiceField(label=_("Source"), required=False)
    working_group = forms.ChoiceField(label=_("Working group"), required=False)
    disease_area = forms.ChoiceField(label=_("Disease area"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, sources=(), working_groups=(), disease_areas=(), themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", _("All sources")), *sources]
        self.fields["working_group"].choices = [("", _("All working groups")), *working_groups]
        self.fields["disease_area"].choices = [("", _("All disease areas")), *disease_areas]
        self.fields["theme"].choices = [("", _("All themes")), *themes]
        self.fields["status"].choices = [("", _("Any status")), *Status.choices]
