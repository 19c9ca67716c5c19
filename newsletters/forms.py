from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Topic


class TopicsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=Topic.objects.all(), label=_("What would you like to receive?"), **kwargs)


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    topics = TopicsField(error_messages={"required": _("Choose at least one topic.")})
    consent = forms.BooleanField(
        # The text of services.FORM_CONSENT_VERSION: bump that version when this wording changes.
        label=_("I agree to receive the B1MG stakeholder newsletter by email on the topics I chose. "
                "I can leave at any time through the link in every newsletter."),
        error_messages={"required": _("We can only send you the newsletter if you agree.")},
    )


class TopicsForm(forms.Form):
    topics = TopicsField(error_messages={"required": _("Choose at least one topic, or unsubscribe.")})


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
