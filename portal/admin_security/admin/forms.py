from django import forms
from django.utils.translation import gettext_lazy

from portal.core.validators import no_markup


class ResetForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy("Kept in the site history and sent to the person, e.g. \"Lost her phone; "
                               "she asked by phone on 5 May\"."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_markup],
        error_messages={"required": gettext_lazy(
            "Give the reason for the reset: it is kept in the site history and sent to the person.")},
    )
