"""The public forms: the directory's filters, the contact form of a group and the application to join."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.listings import ListingFilterForm
from portal.initiative.models import Country
from portal.validators import no_markup

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


# The robots' trap: a field people never see (hidden from sight and from screen readers); whoever fills
# it in is a robot, and is thanked without anything being sent.
TRAP = "website"


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200, validators=[no_markup])
    email = forms.EmailField(label=_("Your email address"), max_length=254,
                             help_text=_("The group answers you at this address."))
    message = forms.CharField(label=_("Your message"), max_length=3000, validators=[no_markup],
                              widget=forms.Textarea(attrs={"rows": 6}),
                              help_text=_("Plain text, at most 3000 characters."))
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
        return " ".join(self.cleaned_data["name"].split())


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
