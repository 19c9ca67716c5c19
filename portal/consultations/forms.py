"""Commenting on a section in the review round; approving or objecting in the validation round."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.validators import no_markup

from .models import Comment, Verdict, VersionSection


def _limit(name: str, model=Comment) -> int:
    return model._meta.get_field(name).max_length


class CommentForm(forms.Form):
    quote = forms.CharField(
        label=_("Passage you comment on (optional)"), required=False, max_length=_limit("quote"),
        validators=[no_markup], widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Copy the words from the section exactly."))
    text = forms.CharField(label=_("Your comment"), max_length=_limit("text"), validators=[no_markup],
                           widget=forms.Textarea(attrs={"rows": 4}))
    proposed_wording = forms.CharField(
        label=_("Wording you propose (optional)"), required=False, max_length=_limit("proposed_wording"),
        validators=[no_markup], widget=forms.Textarea(attrs={"rows": 3}))
    named = forms.BooleanField(
        label=_("Show my name with my comment in the published report"), required=False,
        help_text=_("Otherwise you appear as “a stakeholder from” your cluster and country."))

    def __init__(self, *args, section: VersionSection, **kwargs):
        super().__init__(*args, prefix=f"comment-{section.number}", **kwargs)
        self.section = section

    def clean_quote(self):
        quote = self.cleaned_data["quote"].strip()
        if quote and quote not in self.section.text:
            raise forms.ValidationError(_("This passage is not in the section's text: copy it exactly."))
        return quote


class VerdictForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your verdict"), choices=Verdict.Choice.choices,
                               widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=_limit("reason", Verdict), validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Required when you object."))

    def __init__(self, *args, section: VersionSection | None, **kwargs):
        super().__init__(*args, prefix=f"verdict-{section.number if section else 'whole'}", **kwargs)
        self.section = section

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("choice") == Verdict.Choice.OBJECT and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why you object."))
        return cleaned
