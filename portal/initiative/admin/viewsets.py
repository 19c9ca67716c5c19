"""The reference data's snippets, grouped in the admin's Initiative menu, with who is in each working
group (portal.core's WorkingGroupMembership)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.core.models import WorkingGroupMembership

from ..models import Country, DiseaseArea, StakeholderCluster, WorkingGroup


class ClusterViewSet(SnippetViewSet):
    model = StakeholderCluster
    icon = "group"
    list_display = ["name", "lead", "needs_review"]
    list_filter = ["needs_review"]
    search_fields = ["name", "description"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "globe"
    list_display = ["name", "iso_code", "status", "joined"]
    list_filter = ["status"]
    search_fields = ["name", "iso_code"]


class WorkingGroupViewSet(SnippetViewSet):
    model = WorkingGroup
    icon = "list-ul"
    list_display = ["__str__", "kind"]
    list_filter = ["kind"]


class DiseaseAreaViewSet(SnippetViewSet):
    model = DiseaseArea
    icon = "tag"
    list_display = ["name", "working_group"]

    def get_queryset(self, request):
        return DiseaseArea.objects.select_related("working_group")


class WorkingGroupMembershipViewSet(SnippetViewSet):
    """Who is a contact or a member of each working group; a contact updates the status of the
    recommendations addressed to the group."""

    model = WorkingGroupMembership
    icon = "user"
    menu_label = _("Working group members")
    list_display = ["user", "working_group", "role", "created_at"]
    list_filter = ["working_group", "role"]
    search_fields = ["user__first_name", "user__last_name", "user__email"]

    def get_queryset(self, request):
        return WorkingGroupMembership.objects.select_related("user", "working_group")


class InitiativeViewSetGroup(SnippetViewSetGroup):
    items = (ClusterViewSet, CountryViewSet, WorkingGroupViewSet, WorkingGroupMembershipViewSet,
             DiseaseAreaViewSet)
    menu_label = _("Initiative")
    menu_icon = "site"
    menu_name = "initiative"
