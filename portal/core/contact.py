"""What every public contact form shares: the sender's name and the one address to answer, a trap for
robots, and a rate limit per client address and per topic (whoever the message goes to).

A form names its limit in ACCOUNT_RATE_LIMITS (allauth's notation, "5/h/ip,50/d/key": "ip" counts each
client address over every topic, "key" each topic over every client), and its view calls
``form.within_limit(request, topic)`` once the form is valid and no robot was caught."""

from allauth.core import ratelimit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .validators import no_markup

# The robots' trap: a field people never see (hidden from sight and from screen readers, see
# templates/includes/robot_trap.html); whoever fills it in is a robot, and is thanked without anything
# being stored or sent.
TRAP = "website"


def plain_address(value: str) -> None:
    """Django accepts a quoted local part ("a@x.org,b"@example.org), which some mail programs read as two
    addresses; the address is a message's Reply-To, so it must be one unquoted address."""
    if '"' in value or "\\" in value:
        raise ValidationError(_("Enter your address without quotation marks, such as name@example.org."),
                              code="quoted")


class SenderEmailField(forms.EmailField):
    """The address a message's recipients answer: one plain address on one line (Django's EmailField
    already refuses line breaks, commas and display names)."""

    default_validators = [*forms.EmailField.default_validators, plain_address]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your email address"))
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)


class PublicContactForm(forms.Form):
    """Base of a form anyone may send to mail someone; ``rate_limit`` names its ACCOUNT_RATE_LIMITS and
    ``limited_message`` is what a sender over the limit reads."""

    rate_limit: str
    limited_message = _(
        "Many messages were sent on this subject or from your network lately, so this one is not sent. "
        "Your text is still below: please try again later."
    )

    name = forms.CharField(label=_("Your name"), max_length=200, validators=[no_markup])
    email = SenderEmailField()
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != TRAP]

    @property
    def trap(self):
        return self[TRAP]

    @property
    def caught_a_robot(self) -> bool:
        return bool(self.cleaned_data.get(TRAP))

    def clean_name(self):
        # The name goes into a mail's neighbourhood: one line only.
        return " ".join(self.cleaned_data["name"].split())

    def within_limit(self, request, topic: str) -> bool:
        """Count this message against the client's and the topic's limits; over either, say so above the
        form (which keeps what was typed) and return False."""
        if ratelimit.consume(request, action=self.rate_limit, key=topic):
            return True
        self.add_error(None, self.limited_message)
        return False
