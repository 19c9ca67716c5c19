"""The steps of a use case's form, each saved on its own (a draft row on the server, never the browser's
storage), and the forms around it: inviting a co-author, a move with its comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.validators import no_markup
from portal.initiative.models import SubArea

from .models import UseCase

INDUSTRY_CLUSTER = "industry"


class PublicPartForm(forms.ModelForm):
    class Meta:
        model = UseCase
        fields = ["organisation", "title", "summary", "disease_areas", "industry_roles"]
        widgets = {"disease_areas": forms.CheckboxSelectMultiple,
                   "industry_roles": forms.CheckboxSelectMultiple,
                   "summary": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"summary": _("Shown in the catalogue once the use case is published.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry_roles"].queryset = SubArea.objects.filter(cluster__slug=INDUSTRY_CLUSTER)


class DetailedPartForm(forms.ModelForm):
    class Meta:
        model = UseCase
        fields = ["description", "offers", "seeks", "data_needed", "safeguards", "confidentiality"]
        widgets = {"confidentiality": forms.RadioSelect}
        help_texts = {"confidentiality": _("Besides you, your co-authors and the coordinators.")}


class ScopeForm(forms.ModelForm):
    class Meta:
        model = UseCase
        fields = ["countries", "time_frame"]
        widgets = {"countries": forms.CheckboxSelectMultiple}


# The steps in order: (slug in the address, title, form).
STEPS = [
    ("public", _("The public part"), PublicPartForm),
    ("detail", _("The detailed part"), DetailedPartForm),
    ("scope", _("Countries and time frame"), ScopeForm),
]
STEP_NAMES = [name for name, _title, _form in STEPS]

class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Their address on the portal"))


class MoveForm(forms.Form):
    to_state = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=5000, validators=[no_markup],
                              widget=forms.Textarea(attrs={"rows": 3}))

