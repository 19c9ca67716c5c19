"""Coordinators reset the second factor of someone who lost it (never their own: that is under
/accounts/2fa/); a reset in Reports › Site history."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import LogFormatter

from .. import recovery
from ..models import SecondFactor
from ..recovery import COMMAND_LINE, RESET_ACTION
from .forms import ResetForm

INDEX = "second_factors:index"


def second_factor(person) -> str:
    if person.app_since:
        return _("Authenticator app since %(date)s") % {
            "date": date_format(localtime(person.app_since), "DATE_FORMAT")}
    if person.has_authenticators:
        return _("Recovery codes only")
    return _("None")


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


def second_factor_log_actions(actions):
    @actions.register_action(RESET_ACTION)
    class Reset(LogFormatter):
        label = gettext_lazy("Reset a second factor")

        def format_message(self, log_entry):
            by = log_entry.data.get("by")
            return _("Second factor reset by %(by)s. Reason: %(reason)s") % {
                "by": _("the command line") if by == COMMAND_LINE else by,
                "reason": log_entry.data.get("reason", ""),
            }
