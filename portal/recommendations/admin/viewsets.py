"""The "Recommendations" menu of the admin: recommendations (every one for coordinators; for a working
group contact, those addressed to their groups, whose status they change), their sources and themes."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from ..models import Recommendation, Source, Theme
from ..permissions import CHANGE_STATUS
from .views import ChangeStatusView, change_status_button

ANY_ACTION = ["view", "change", "delete"]


class RecommendationIndexView(generic.IndexView):
    def get_base_queryset(self):
        allowed = self.permission_policy.instances_user_has_any_permission_for(self.request.user, ANY_ACTION)
        return (super().get_base_queryset() & allowed).select_related("source").prefetch_related(
            "working_groups")

    def get_list_more_buttons(self, instance):
        return [change_status_button(instance), *super().get_list_more_buttons(instance)]


class ObjectCheckedMixin:
    object_actions = ANY_ACTION

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(
                self.request.user, self.object_actions, instance):
            raise PermissionDenied
        return instance


class RecommendationInspectView(ObjectCheckedMixin, generic.InspectView):
    @cached_property
    def header_buttons(self):
        if self.permission_policy.user_has_permission_for_instance(self.request.user, CHANGE_STATUS,
                                                                   self.object):
            return [change_status_button(self.object, HeaderButton)]
        return []


class RecommendationEditView(ObjectCheckedMixin, generic.EditView):
    object_actions = ["change"]


class RecommendationDeleteView(ObjectCheckedMixin, generic.DeleteView):
    object_actions = ["delete"]


def _addressed_to(recommendation) -> str:
    return ", ".join(f"WG{group.number}" for group in recommendation.working_groups.all())


class RecommendationViewSet(ModelViewSet):
    model = Recommendation
    url_prefix = "recommendations"
    icon = "tasks"
    menu_label = _("Recommendations")
    index_view_class = RecommendationIndexView
    inspect_view_class = RecommendationInspectView
    edit_view_class = RecommendationEditView
    delete_view_class = RecommendationDeleteView
    inspect_view_enabled = True
    inspect_view_fields = ["title", "text", "source", "working_groups", "disease_areas", "themes",
                           "proposed_on", "status", "status_is_example"]
    list_display = ["title", "source",
                    Column("addressed_to", label=_("Addressed to"), accessor=_addressed_to),
                    "status", "proposed_on"]
    list_filter = ["status", "source", "working_groups", "themes"]
    search_fields = ["title", "text"]
    edit_handler = ObjectList([
        FieldPanel("title"), FieldPanel("text"), FieldPanel("source"),
        FieldPanel("working_groups", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("disease_areas"), FieldPanel("themes")]),
        FieldPanel("proposed_on"), FieldPanel("consultation"), FieldPanel("status_is_example"),
    ])
    list_export = ["title", "text", "source", "get_status_display", "proposed_on"]
    export_headings = {"get_status_display": _("Status")}
    export_filename = "recommendations"

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/status/", ChangeStatusView.as_view(), name="status")]


class SourceViewSet(ModelViewSet):
    model = Source
    url_prefix = "recommendations/sources"
    icon = "doc-full"
    menu_label = _("Sources")
    list_display = ["title", "kind", "date"]
    list_filter = ["kind"]
    search_fields = ["title"]
    form_fields = ["kind", "title", "date", "session", "document", "url"]


class ThemeViewSet(ModelViewSet):
    model = Theme
    url_prefix = "recommendations/themes"
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug"]
    form_fields = ["name", "slug"]


class RecommendationsMenu(ViewSetGroup):
    menu_label = _("Recommendations")
    menu_icon = "tasks"
    menu_order = 270
    items = (RecommendationViewSet("recommendations"), SourceViewSet("recommendation_sources"),
             ThemeViewSet("recommendation_themes"))
