"""A group's managers accept or decline an application, with a message to the applicant."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets.button import MenuItem

from portal.core.admin.decisions import DecisionView

from ..decisions import application_decide
from ..models import Application


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


class DecideView(DecisionView):
    model = Application
    permission_required = "change"
    template_name = "mirror_groups/admin/decide.html"
    decisions = {"accept": True, "decline": False}
    index_url_name = "mirror_groups_applications:index"
    already_decided = gettext_lazy("This application was already decided on.")

    def get_queryset(self):
        return Application.objects.select_related("applicant", "group__country")

    def dispatch(self, request, *args, **kwargs):
        policy = self.permission_policy
        if not policy.user_has_permission_for_instance(request.user, "change", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Accept the application") if self.yes else _("Decline the application")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("mirror_groups_applications:index"), "label": _("Applications")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.object, **kwargs)

    def decide(self, message):
        return application_decide(application=self.object, accept=self.yes, by=self.request.user,
                                  message=message)

    def outcome(self):
        name = self.object.applicant.get_full_name()
        if self.yes:
            return _("%(name)s is now a member of the group.") % {"name": name}
        return _("The application of %(name)s is declined.") % {"name": name}
