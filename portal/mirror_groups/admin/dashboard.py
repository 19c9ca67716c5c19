"""The dashboard's panel of applications awaiting a decision, per country: a group's managers see their
own group's, the portal's coordinators every group's (the permission policy of applications)."""

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext
from wagtail.permissions import policy_registry

from portal.core.admin.dashboard import DashboardPanel, Row

from ..models import Application


class PendingApplicationsPanel(DashboardPanel):
    name = "mirror-group-applications"
    icon = "form"
    heading = gettext_lazy("Mirror group applications awaiting a decision")
    all_clear = gettext_lazy("No application awaits a decision.")
    columns = (gettext_lazy("Country"), gettext_lazy("Applications waiting"))
    since_column = gettext_lazy("The oldest sent")
    listing_label = gettext_lazy("All applications awaiting a decision")
    model = Application
    permissions_required = ("change",)
    order = 155

    def pending(self):
        policy = policy_registry.get_by_type(Application)
        return policy.instances_user_has_any_permission_for(self.user, ["change"]).filter(
            status=Application.Status.PENDING)

    def get_rows(self):
        per_group = (self.pending().values("group", "group__country__name")
                     .annotate(waiting=Count("pk"), oldest=Min("applied_at"))
                     .order_by("oldest", "group__country__name"))
        index = reverse("mirror_groups_applications:index")
        return [
            Row(label=group["group__country__name"], since=group["oldest"],
                detail=ngettext("%(count)d application", "%(count)d applications", group["waiting"])
                % {"count": group["waiting"]},
                url=f"{index}?group={group['group']}&status=pending")
            for group in per_group[:self.max_rows]
        ]

    def get_count(self):
        return self.pending().count()

    def describe_count(self, count):
        return ngettext("%(count)d application awaits a decision.",
                        "%(count)d applications await a decision.", count) % {"count": count}

    def get_listing_url(self):
        return reverse("mirror_groups_applications:index") + "?status=pending"
