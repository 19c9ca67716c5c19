"""Sign-up, profile, privacy agreement and erasure forms of stakeholders."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.core.validators import MaxLengthValidator
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.core.validators import no_markup
from portal.initiative.models import Country, DiseaseArea, StakeholderCluster, SubArea

from . import services
from .consents import INDUSTRY_CLUSTER, has_consent, has_newsletter_consent, newsletter_ledger
from .models import Consent, StakeholderProfile

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.max_length = 254  # what the account can hold: refuse longer, never cut it silently
        email.validators.append(MaxLengthValidator(254))
        email.widget.attrs["maxlength"] = 254

    def custom_signup(self, request, user) -> None:
        services.stakeholder_register(
            user=user,
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
        )


class SubAreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.cluster.name}: {obj.name}"


CHOICE_ERRORS = {
    "invalid_choice": _("Choose from the list."),
    "invalid_pk_value": _("Choose from the list."),
    "invalid_list": _("Choose from the list."),
}


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
        error_messages={**CHOICE_ERRORS, "required": _("Choose at least one stakeholder cluster.")},
    )
    sub_areas = SubAreaChoiceField(
        label=_("Sub-areas"),
        help_text=_("Optional: the areas of your clusters you work in."),
        queryset=SubArea.objects.select_related("cluster").order_by("cluster__sort_order", "sort_order"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    disease_areas = forms.ModelMultipleChoiceField(
        label=_("Disease areas of interest"),
        queryset=DiseaseArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    consent_newsletter = forms.BooleanField(
        label=_("Send me the B1MG stakeholder newsletter (you can leave it at any time)."), required=False,
    )
    consent_public_listing = forms.BooleanField(
        label=_("List my name, organisation and clusters publicly on the portal."), required=False,
    )
    consent_industry_directory = forms.BooleanField(
        label=_("List me in the industry directory, where approved stakeholders find me by country, industry "
                "role and disease area with my published use cases, and write to me through the portal."),
        help_text=_("Your email address is never shown there: messages reach you by email and you choose "
                    "whether to answer. Untick the box to leave the directory at once."),
        required=False,
    )

    class Meta:
        model = StakeholderProfile
        fields = [
            "first_name", "last_name", "organisation", "role", "country", "clusters", "sub_areas",
            "disease_areas", "workshop_expert", "early_reviewer", "validator",
        ]
        labels = {
            "workshop_expert": _("Take part as an expert in workshops"),
            "early_reviewer": _("Review draft recommendations early"),
            "validator": _("Validate mature drafts"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = True
        user = self.instance.user
        self.initial.setdefault("first_name", user.first_name)
        self.initial.setdefault("last_name", user.last_name)
        self.initial.setdefault("consent_public_listing", has_consent(user, Consent.Purpose.PUBLIC_LISTING))
        if self._in_industry_cluster():
            self.initial.setdefault("consent_industry_directory",
                                    has_consent(user, Consent.Purpose.INDUSTRY_DIRECTORY))
        else:
            del self.fields["consent_industry_directory"]
        if newsletter_ledger() is None:
            del self.fields["consent_newsletter"]
        else:
            self.initial.setdefault("consent_newsletter", has_newsletter_consent(user))

    def _in_industry_cluster(self) -> bool:
        """Whether to ask the industry directory's consent: of a member of the Industry cluster, or of
        someone joining it from the cluster's page (both are in the form's initial clusters)."""
        clusters = self.initial.get("clusters") or []
        return any(getattr(cluster, "slug", None) == INDUSTRY_CLUSTER for cluster in clusters)

    def clean(self):
        cleaned = super().clean()
        clusters, sub_areas = cleaned.get("clusters"), cleaned.get("sub_areas")
        if clusters is not None and sub_areas:
            outside = [area for area in sub_areas if area.cluster not in clusters]
            if outside:
                self.add_error("sub_areas", _("Choose sub-areas of the clusters you chose only."))
        return cleaned


class PrivacyAgreementForm(forms.Form):
    agree = forms.BooleanField(
        label=_("I agree to this version of the privacy statement."),
        error_messages={"required": _("Tick the box to agree, or leave the portal below.")},
    )


class EraseAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password"}))
    understood = forms.BooleanField(
        label=_("I understand that my account and my data are erased for good."),
        error_messages={"required": _("Tick the box to confirm.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
