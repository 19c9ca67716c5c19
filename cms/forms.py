"""The contact form: plain text only, a known topic, and a token that makes a double submit harmless; the
robots' trap and the limits per client address and per topic come from portal.core.contact."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.contact import PublicContactForm, SenderEmailField
from portal.core.validators import no_markup

from .models import ContactMessage


class ContactForm(PublicContactForm):
    rate_limit = "contact_message"

    email = SenderEmailField(help_text=_("We answer you at this address."))
    topic = forms.ChoiceField(label=_("What is your question about?"), choices=ContactMessage.Topic.choices,
                              initial=ContactMessage.Topic.GENERAL, widget=forms.RadioSelect)
    message = forms.CharField(label=_("Your message"), max_length=5000, validators=[no_markup],
                              widget=forms.Textarea(attrs={"rows": 8}),
                              help_text=_("Plain text, at most 5000 characters."))
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("token", str(uuid.uuid4()))
        super().__init__(*args, **kwargs)

    def clean_token(self):
        # A form posted by hand, or from a page so old it had no token, still gets through once.
        try:
            return uuid.UUID(self.cleaned_data["token"])
        except ValueError:
            return uuid.uuid4()
