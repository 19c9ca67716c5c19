"""A coordinator approves or declines one stakeholder, with a message to them."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.admin.decisions import DecisionView

from .. import services
from ..models import StakeholderProfile


class DecideView(DecisionView):
    model = StakeholderProfile
    permission_required = "review"
    template_name = "stakeholders/admin/decide.html"
    decisions = {"approve": True, "decline": False}
    yes_label = gettext_lazy("Approve")
    index_url_name = "stakeholders_admin:list"

    def get_queryset(self):
        return StakeholderProfile.objects.select_related("user", "country")

    def get_page_title(self):
        return _("Approve stakeholder") if self.yes else _("Decline stakeholder")

    def get_context_data(self, **kwargs):
        return super().get_context_data(profile=self.object, **kwargs)

    def decide(self, message):
        return services.stakeholder_decide(profile=self.object, approve=self.yes, by=self.request.user,
                                           message=message, request=self.request)

    def outcome(self):
        done = _("%(name)s is approved.") if self.yes else _("%(name)s is declined.")
        return done % {"name": self.object}

    @property
    def already_decided(self):
        return _("%(name)s was already decided on.") % {"name": self.object}
