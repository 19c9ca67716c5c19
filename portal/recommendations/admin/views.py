"""The admin's change-status view: a coordinator, or a contact of a working group the recommendation is
addressed to, adds a step to its history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import MenuItem
from wagtail.permissions import policy_registry

from .. import services
from ..models import Recommendation, StatusChange
from ..permissions import CHANGE_STATUS
from .forms import ChangeStatusForm


def change_status_button(recommendation: Recommendation, button_class=MenuItem):
    return button_class(_("Change status"), url=reverse("recommendations:status", args=[recommendation.pk]),
                        icon_name="history", priority=5)


class ChangeStatusView(WagtailAdminTemplateMixin, FormView):
    form_class = ChangeStatusForm
    template_name = "recommendations/admin/change_status.html"
    header_icon = "history"

    def setup(self, request, *args, pk, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Recommendation, pk=pk)

    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(Recommendation)
        if not policy.user_has_permission_for_instance(request.user, CHANGE_STATUS, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Change the status")

    def get_page_subtitle(self):
        return self.object.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("recommendations:index"), "label": _("Recommendations")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_initial(self):
        return {"status": self.object.status}

    def get_context_data(self, **kwargs):
        changes = self.object.changes.select_related("working_group", "evidence_document")
        role = services.acting_role(self.request.user, self.object)
        shown_as = StatusChange(role=role[0], working_group=role[1]).changed_as if role else ""
        return super().get_context_data(recommendation=self.object, changes=changes, shown_as=shown_as,
                                        cancel_url=reverse("recommendations:index"), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        services.change_status(
            self.object, status=data["status"], date=data["date"], by=self.request.user, note=data["note"],
            evidence_url=data["evidence_url"],
            evidence_document=form.evidence_document(self.object, self.request.user))
        messages.success(self.request,
                         _("The status of “%(title)s” is recorded.") % {"title": self.object.title})
        return redirect("recommendations:index")
