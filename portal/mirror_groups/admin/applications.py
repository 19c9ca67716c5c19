"""A group's managers accept or decline an application, with a message to the applicant."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import MenuItem

from portal.stakeholders.admin_views import DecisionForm

from ..decisions import application_decide
from ..models import Application

DECISIONS = {"accept": True, "decline": False}


def decision_buttons(application: Application, button_class=MenuItem) -> list:
    """Accept and Decline, while the application waits: menu items of a listing row, or header buttons."""
    if application.status != Application.Status.PENDING:
        return []
    return [
        button_class(label, url=reverse("mirror_groups_applications:decide", args=[application.pk, decision]),
                     icon_name=icon, priority=priority)
        for label, decision, icon, priority in ((_("Accept"), "accept", "check", 5),
                                                (_("Decline"), "decline", "cross", 6))
    ]


class DecideView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    model = Application
    permission_required = "change"
    form_class = DecisionForm
    template_name = "mirror_groups/admin/decide.html"
    header_icon = "user"

    def setup(self, request, *args, pk, decision, **kwargs):
        super().setup(request, *args, **kwargs)
        if decision not in DECISIONS:
            raise Http404
        self.accept = DECISIONS[decision]
        self.application = get_object_or_404(
            Application.objects.select_related("applicant", "group__country"), pk=pk)

    def dispatch(self, request, *args, **kwargs):
        policy = self.permission_policy
        if not policy.user_has_permission_for_instance(request.user, "change", self.application):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Accept the application") if self.accept else _("Decline the application")

    def get_page_subtitle(self):
        return str(self.application)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("mirror_groups_applications:index"), "label": _("Applications")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.application, accept=self.accept, **kwargs)

    def form_valid(self, form):
        decided = application_decide(application=self.application, accept=self.accept, by=self.request.user,
                                     message=form.cleaned_data["message"])
        if not decided:
            messages.warning(self.request, _("This application was already decided on."))
        elif self.accept:
            messages.success(self.request, _("%(name)s is now a member of the group.") % {
                "name": self.application.applicant.get_full_name()})
        else:
            messages.success(self.request, _("The application of %(name)s is declined.") % {
                "name": self.application.applicant.get_full_name()})
        return redirect("mirror_groups_applications:index")
