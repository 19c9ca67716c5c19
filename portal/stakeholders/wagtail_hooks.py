"""The stakeholders in the Wagtail admin: listing, decisions, privacy statements; member-only content."""

from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import PageViewRestriction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import (
    ApproveBulkAction,
    DecideView,
    DeclineBulkAction,
    StakeholderFilterSet,
    StakeholderIndexView,
)
from .models import PrivacyStatement, StakeholderProfile


class StakeholderViewSet(SnippetViewSet):
    model = StakeholderProfile
    admin_url_namespace = "stakeholders_admin"
    base_url_path = "stakeholders"
    icon = "group"
    menu_label = _("Stakeholders")
    add_to_admin_menu = True
    menu_order = 150
    index_view_class = StakeholderIndexView
    inspect_view_enabled = True
    filterset_class = StakeholderFilterSet
    list_display = ["__str__", "email", "organisation", "country", "status", "submitted_at"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation", "role"]
    list_export = [
        "full_name", "email", "organisation", "role", "country", "cluster_names", "status",
        "workshop_expert", "early_reviewer", "validator", "submitted_at", "decided_at",
    ]
    export_headings = {"cluster_names": "Clusters", "full_name": "Name"}
    export_filename = "stakeholders"
    form_fields = [
        "organisation", "role", "country", "clusters", "sub_areas", "disease_areas",
        "workshop_expert", "early_reviewer", "validator",
    ]
    inspect_view_fields = [
        "full_name", "email", "organisation", "role", "country", "clusters", "sub_areas",
        "disease_areas", "workshop_expert", "early_reviewer", "validator", "status", "submitted_at",
        "decided_at", "decided_by", "decision_message",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("decide/<int:pk>/<str:decision>/", DecideView.as_view(), name="decide"),
        ]


class PrivacyStatementViewSet(SnippetViewSet):
    model = PrivacyStatement
    icon = "lock"
    menu_label = _("Privacy statements")
    add_to_settings_menu = True
    list_display = ["version", "live", "first_published_at"]


register_snippet(StakeholderViewSet)
register_snippet(PrivacyStatementViewSet)

for action in (ApproveBulkAction, DeclineBulkAction):
    hooks.register("register_bulk_action", action)


def _members_only(request, restrictions, what: str):
    """A signed-in person who is not an approved stakeholder is told why, not sent to sign in again."""
    if not request.user.is_authenticated:
        return None
    for restriction in restrictions:
        refused = not restriction.accept_request(request)
        if refused and restriction.restriction_type == PageViewRestriction.GROUPS:
            context = {"what": what}
            response = TemplateResponse(request, "stakeholders/members_only.html", context, status=403)
            response["Cache-Control"] = "private, no-cache, no-store, must-revalidate"
            return response
    return None


@hooks.register("before_serve_page", order=-1)
def members_only_page(page, request, serve_args, serve_kwargs):
    return _members_only(request, page.get_view_restrictions(), "page")


@hooks.register("before_serve_document", order=-1)
def members_only_document(document, request):
    return _members_only(request, document.collection.get_view_restrictions(), "document")


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    from .admin.dashboard import PendingRegistrationsPanel

    PendingRegistrationsPanel.add_to(request, panels)
