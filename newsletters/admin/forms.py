from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_(
        "One subscriber a row: email, then topics (their slugs or names, separated by ';'). "
        "A first row with the headers email,topics is skipped."))
    basis = forms.CharField(label=_("Consent basis"), max_length=300, help_text=_(
        "How these people agreed to receive the newsletter, e.g. 'Signed up at the 2025 annual meeting'."))
    prior_confirmed_consent = forms.BooleanField(
        label=_("These people already confirmed their subscription (double opt-in) as stated above; "
                "do not ask them again."),
        required=False,
    )
