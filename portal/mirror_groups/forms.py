"""The public forms: the directory's filters, the contact form of a group and the application to join."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.contact import PublicContactForm, SenderEmailField
from portal.core.listings import ListingFilterForm
from portal.core.validators import no_markup
from portal.initiative.models import Country

from .directory import rule_key
from .models import Application, Gender, Membership, Sector


class DirectoryFilterForm(ListingFilterForm):
    status = forms.ChoiceField(label=_("Part of the initiative as"), required=False, choices=[
        ("", _("Signatory or observer")),
        (Country.Status.SIGNATORY, Country.Status.SIGNATORY.label),
        (Country.Status.OBSERVER, Country.Status.OBSERVER.label),
    ])
    established = forms.ChoiceField(label=_("Group"), required=False, choices=[
        ("", _("Established or not")), ("yes", _("Established")), ("no", _("Not established yet")),
    ])
    composition = forms.ChoiceField(label=_("Composition rules"), required=False)
    sector = forms.ChoiceField(label=_("Sector represented"), required=False,
                               choices=[("", _("Any sector")), *Sector.choices])

    def __init__(self, *args, rule_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["composition"].choices = [
            ("", _("Any")), ("met", _("Meets every rule")), ("broken", _("Breaks a rule")),
            *((rule_key(name), _("Breaks: %(rule)s") % {"rule": name}) for name in rule_names),
        ]


class ContactForm(PublicContactForm):
    rate_limit = "mirror_group_contact"
    limited_message = _(
        "Many messages were sent to this group or from your network lately, so this one is not sent. "
        "Your text is still below: please try again later."
    )

    email = SenderEmailField(help_text=_("The group answers you at this address."))
    message = forms.CharField(label=_("Your message"), max_length=3000, validators=[no_markup],
                              widget=forms.Textarea(attrs={"rows": 6}),
                              help_text=_("Plain text, at most 3000 characters."))


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["motivation", "sector", "region", "organisation"]
        labels = {"motivation": _("Why do you want to join the group?"),
                  "sector": _("Which sector do you represent?")}
        help_texts = {
            "motivation": _("What you would bring to the group. Plain text, at most 3000 characters."),
            "region": _("Where in the country you work: the group seeks a wide geographic spread."),
        }
        widgets = {"motivation": forms.Textarea(attrs={"rows": 8}), "sector": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A model field with choices offers an empty "---------" choice first; a radio list needs none.
        self.fields["sector"].choices = Sector.choices


class MemberChoicesForm(forms.ModelForm):
    """What only the member decides: being listed on the public page, and a self-declared gender."""

    class Meta:
        model = Membership
        fields = ["listed_publicly", "gender"]
        labels = {"listed_publicly": _("List my name, role, organisation and sector on the group's "
                                       "public page")}
        help_texts = {"gender": _("Optional. Only ever counted over the whole group, and not shown at all "
                                  "while fewer than five members have declared one.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gender"].choices = [("", _("Prefer not to say")), *Gender.choices]
