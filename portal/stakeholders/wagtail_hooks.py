"""The coordinators' listing of stakeholders in the Wagtail admin."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import DecideView, StakeholderIndexView
from .models import StakeholderProfile


class StakeholderViewSet(ModelViewSet):
    model = StakeholderProfile
    name = "stakeholders_admin"
    url_prefix = "stakeholders"
    icon = "group"
    menu_label = "Stakeholders"
    add_to_admin_menu = True
    menu_order = 150
    index_view_class = StakeholderIndexView
    inspect_view_enabled = True
    list_display = ["__str__", "email", "organisation", "country", "status", "submitted_at"]
    list_filter = ["status", "country", "clusters"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation"]
    form_fields = ["organisation", "role", "country", "clusters"]
    inspect_view_fields = [
        "full_name", "email", "organisation", "role", "country", "clusters", "status",
        "privacy_statement_version", "privacy_agreed_at", "submitted_at", "decided_at",
        "decided_by", "decision_message",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("decide/<int:pk>/<str:decision>/", DecideView.as_view(), name="decide"),
        ]


@hooks.register("register_admin_viewset")
def register_stakeholder_viewset():
    return StakeholderViewSet()
