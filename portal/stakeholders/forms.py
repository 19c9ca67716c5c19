"""Sign-up and profile forms of stakeholders."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.initiative.models import Country, StakeholderCluster
from portal.validators import no_markup

from . import services
from .models import StakeholderProfile

privacy_label = lazy(
    lambda: format_html(
        _('I have read the <a href="{}">privacy statement</a> and agree that the portal keeps my '
          "registration data for my membership."),
        reverse_lazy("privacy_statement"),
    ),
    str,
)


class SignupForm(AllauthSignupForm):
    first_name = forms.CharField(label=_("Given name"), max_length=150, validators=[no_markup],
                                 widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label=_("Family name"), max_length=150, validators=[no_markup],
                                widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    privacy_consent = forms.BooleanField(
        label=privacy_label(),
        error_messages={"required": _("You must agree to the privacy statement to register.")},
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2", "privacy_consent"]

    def custom_signup(self, request, user) -> None:
        services.stakeholder_register(
            user=user,
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
        )


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(label=_("Given name"), max_length=150, validators=[no_markup])
    last_name = forms.CharField(label=_("Family name"), max_length=150, validators=[no_markup])
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.all(),
        error_messages={"invalid_choice": _("Choose your country from the list.")},
    )
    clusters = forms.ModelMultipleChoiceField(
        label=_("Stakeholder clusters"),
        help_text=_("Choose every cluster you belong to."),
        queryset=StakeholderCluster.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one stakeholder cluster."),
            "invalid_choice": _("Choose clusters from the list."),
            "invalid_pk_value": _("Choose clusters from the list."),
        },
    )

    class Meta:
        model = StakeholderProfile
        fields = ["first_name", "last_name", "organisation", "role", "country", "clusters"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = True
        user = self.instance.user
        self.initial.setdefault("first_name", user.first_name)
        self.initial.setdefault("last_name", user.last_name)
