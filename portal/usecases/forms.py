"""The steps of a use case's form, each saved on its own (a draft row on the server, never the browser's
storage), and the forms around it: inviting a co-author, a move with its comment, a reviewer's declaration
of conflicts and their review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.private_files import PrivateFileField
from portal.core.validators import no_markup
from portal.initiative.models import SubArea

from .models import Assignment, UseCase
from .models.reviews import HIGHEST, LOWEST

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


class AttachmentsForm(forms.ModelForm):
    """Adds one attachment at a time (the step lists those already there)."""

    file = PrivateFileField(label=_("Add an attachment"), required=False)

    class Meta:
        model = UseCase
        fields = []


# The steps in order: (slug in the address, title, form).
STEPS = [
    ("public", _("The public part"), PublicPartForm),
    ("detail", _("The detailed part"), DetailedPartForm),
    ("scope", _("Countries and time frame"), ScopeForm),
    ("attachments", _("Attachments"), AttachmentsForm),
]
STEP_NAMES = [name for name, _title, _form in STEPS]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Their address on the portal"))


class MoveForm(forms.Form):
    to_state = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=5000, validators=[no_markup],
                              widget=forms.Textarea(attrs={"rows": 3}))



class ConflictForm(forms.Form):
    conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this use case or its organisation?"),
        choices=[("no", _("No, I have none")), ("yes", _("Yes: take me off this review"))],
        coerce=lambda value: value == "yes", widget=forms.RadioSelect)
    note = forms.CharField(label=_("What the conflict is (for the coordinators)"), required=False,
                           max_length=2000, validators=[no_markup], widget=forms.Textarea(attrs={"rows": 3}))


SCORES = [(value, str(value)) for value in range(LOWEST, HIGHEST + 1)]


class ReviewForm(forms.Form):
    """A score for each active criterion (`criterion_<pk>`), the recommendation and the notes."""

    recommendation = forms.ChoiceField(label=_("Your recommendation"), choices=Assignment.Recommendation,
                                       widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment to the coordinators"), required=False, max_length=5000,
                              validators=[no_markup], widget=forms.Textarea(attrs={"rows": 4}))
    internal_note = forms.CharField(
        label=_("Internal note"), required=False, max_length=5000, validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the coordinators only; never shown to the authors."))

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scores = {f"criterion_{criterion.pk}": forms.TypedChoiceField(
            label=criterion.name, help_text=criterion.description, choices=SCORES, coerce=int,
            widget=forms.RadioSelect) for criterion in self.criteria}
        self.fields = {**scores, **self.fields}

    def scores(self) -> dict[int, int]:
        return {criterion.pk: self.cleaned_data[f"criterion_{criterion.pk}"] for criterion in self.criteria}
