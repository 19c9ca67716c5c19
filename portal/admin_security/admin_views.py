"""Settings › Second factors: who enters the admin and whether they have a second factor; coordinators reset
the second factor of someone who lost it (never their own: that is under /accounts/2fa/)."""

import django_filters
from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from portal.core.validators import no_markup

from . import recovery
from .models import RESET_PERMISSION, SecondFactor

INDEX = "second_factors:index"


class SecondFactorPolicy(ModelPermissionPolicy):
    """Listing and resetting need the reset permission; nobody adds, edits or deletes people here, not even
    a superuser (the users' own admin does that)."""

    ACTIONS = frozenset({"view", "reset"})

    def user_has_permission(self, user, action):
        return action in self.ACTIONS and user.has_perm(RESET_PERMISSION)

    def users_with_any_permission(self, actions):
        if not self.ACTIONS.intersection(actions):
            return SecondFactor.objects.none()
        return self._get_users_with_any_permission_codenames({"reset_second_factor"})


def second_factor(person) -> str:
    if person.app_since:
        return _("Authenticator app since %(date)s") % {
            "date": date_format(localtime(person.app_since), "DATE_FORMAT")}
    if person.has_authenticators:
        return _("Recovery codes only")
    return _("None")


class SecondFactorFilterSet(WagtailFilterSet):
    has_authenticators = django_filters.BooleanFilter(label=gettext_lazy("Has a second factor"))

    class Meta:
        model = SecondFactor
        fields = []


class SecondFactorIndexView(IndexView):
    page_title = gettext_lazy("Second factors")
    list_display = [
        "__str__",
        "email",
        Column("second_factor", label=gettext_lazy("Second factor"), accessor=second_factor),
        DateColumn("app_last_used", label=gettext_lazy("Last used")),
    ]

    @cached_property
    def columns(self):
        columns = super().columns
        columns[0].label = gettext_lazy("Name")  # not the model's name, "second factor"
        return columns

    def get_base_queryset(self):
        return recovery.people_who_enter_the_admin().order_by("last_name", "first_name", "email", "pk")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.pk == self.request.user.pk:
            buttons.append(MenuItem(_("Manage your own second factor"), url=reverse("mfa_index"),
                                    icon_name="key", priority=5))
        elif instance.has_authenticators and self.user_has_permission("reset"):
            buttons.append(MenuItem(_("Reset second factor"),
                                    url=reverse("second_factors:reset", args=[instance.pk]),
                                    icon_name="key", priority=5))
        return buttons


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


class ResetView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """GET asks for the reason, POST deletes the person's authenticators; one's own account is refused."""

    model = SecondFactor
    permission_required = "reset"
    form_class = ResetForm
    template_name = "admin_security/admin/reset.html"
    header_icon = "key"

    @cached_property
    def person(self):
        return get_object_or_404(recovery.people_who_enter_the_admin(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        return self.refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refusal() or super().post(request, *args, **kwargs)

    def refusal(self):
        if self.person.pk == self.request.user.pk:
            messages.error(self.request, _(
                "You cannot reset your own second factor here: manage it under your account's "
                "two-factor authentication."))
            return redirect(INDEX)
        if not self.person.has_authenticators:
            messages.info(self.request, _("%(name)s has no second factor to reset.") % {"name": self.person})
            return redirect(INDEX)
        return None

    def get_page_title(self):
        return _("Reset second factor")

    def get_page_subtitle(self):
        return str(self.person)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(),
                {"url": reverse(INDEX), "label": _("Second factors")},
                {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, second_factor=second_factor(self.person),
                                        **kwargs)

    def form_valid(self, form):
        removed = recovery.reset_second_factor(self.person, reason=form.cleaned_data["reason"],
                                               by=self.request.user, request=self.request)
        if removed:
            messages.success(self.request, _(
                "The second factor of %(name)s is reset; they were told by email and will set up an "
                "authenticator app again when they next enter the admin.") % {"name": self.person})
        else:
            messages.info(self.request, _("%(name)s has no second factor to reset.") % {"name": self.person})
        return redirect(INDEX)
