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
