"""The dashboard's panel of registrations awaiting approval, the oldest first."""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from portal.core.admin.dashboard import DashboardPanel, Row

from ..models import StakeholderProfile


class PendingRegistrationsPanel(DashboardPanel):
    name = "registrations"
    icon = "user"
    heading = gettext_lazy("Registrations awaiting approval")
    all_clear = gettext_lazy("No registration awaits approval.")
    columns = (gettext_lazy("Stakeholder"), gettext_lazy("Organisation and country"))
    since_column = gettext_lazy("Submitted")
    listing_label = gettext_lazy("All registrations awaiting approval")
    model = StakeholderProfile
    permissions_required = ("view", "review")
    order = 150

    def pending(self):
        return StakeholderProfile.objects.awaiting_review()

    def get_rows(self):
        profiles = self.pending().select_related("user", "country").order_by("submitted_at", "pk")
        return [self.row(profile) for profile in profiles[:self.max_rows]]

    def row(self, profile) -> Row:
        where = ", ".join(str(part) for part in (profile.organisation, profile.country) if part)
        return Row(label=str(profile), detail=where, since=profile.submitted_at,
                   url=reverse("stakeholders_admin:inspect", args=[quote(profile.pk)]))

    def get_count(self):
        return self.pending().count()

    def describe_count(self, count):
        return ngettext("%(count)d registration awaits approval.",
                        "%(count)d registrations await approval.", count) % {"count": count}

    def get_listing_url(self):
        return reverse("stakeholders_admin:list") + "?status=pending"
