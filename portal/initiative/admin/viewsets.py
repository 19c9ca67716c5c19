"""The reference data's snippets, grouped in the admin's Initiative menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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


class InitiativeViewSetGroup(SnippetViewSetGroup):
    items = (ClusterViewSet, CountryViewSet, WorkingGroupViewSet, DiseaseAreaViewSet)
    menu_label = _("Initiative")
    menu_icon = "site"
    menu_name = "initiative"
