"""The stakeholders in the Wagtail admin: the listing with its filters, exports and decisions in bulk;
the privacy statements."""

import django_filters
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from portal.core.admin.decisions import DecisionForm
from portal.initiative.models import Country, StakeholderCluster

from .. import services
from ..models import PARTICIPATION_FIELDS, PrivacyStatement, StakeholderProfile
from .views import DecideView


class StakeholderFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=StakeholderProfile.Status.choices)
    clusters = django_filters.ModelChoiceFilter(queryset=StakeholderCluster.objects.all(),
                                                label=gettext_lazy("Cluster"))
    country = django_filters.ModelChoiceFilter(queryset=Country.objects.all())
    participation = django_filters.ChoiceFilter(
        label=gettext_lazy("Takes part as"),
        choices=[
            (name, StakeholderProfile._meta.get_field(name).verbose_name) for name in PARTICIPATION_FIELDS
        ],
        method="filter_participation",
    )

    class Meta:
        model = StakeholderProfile
        fields = ["status", "clusters", "country", "participation"]

    def filter_participation(self, queryset, name, value):
        return queryset.filter(Q(**{value: True}))


class StakeholderIndexView(IndexView):
    # The CSV export's cells are made safe for spreadsheets by portal.core.spreadsheets, as all of Wagtail's.
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "country").prefetch_related("clusters")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        pending = instance.status == StakeholderProfile.Status.PENDING
        if pending and self.user_has_permission("review"):
            for decision, label, icon in (
                ("approve", _("Approve"), "check"),
                ("decline", _("Decline"), "cross"),
            ):
                buttons.append(MenuItem(
                    label,
                    url=reverse("stakeholders_admin:decide", args=[instance.pk, decision]),
                    icon_name=icon,
                    priority=5,
                ))
        return buttons


class DecideBulkAction(SnippetBulkAction):
    """Approve or decline every selected stakeholder that awaits a decision."""

    approve = True
    models = [StakeholderProfile]
    form_class = DecisionForm
    template_name = "stakeholders/admin/bulk_decide.html"

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission(self.request.user, "review")

    def get_execution_context(self):
        return {
            "user": self.request.user,
            "request": self.request,
            "approve": self.approve,
            "message": self.cleaned_form.cleaned_data["message"],
        }

    @classmethod
    def execute_action(cls, objects, user=None, request=None, approve=True, message="", **kwargs):
        decided = sum(
            services.stakeholder_decide(
                profile=profile, approve=approve, by=user, message=message, request=request
            )
            for profile in objects
        )
        return decided, 0

    def get_context_data(self, **kwargs):
        return super().get_context_data(approve=self.approve, **kwargs)


class ApproveBulkAction(DecideBulkAction):
    display_name = gettext_lazy("Approve")
    action_type = "approve"
    aria_label = gettext_lazy("Approve the selected stakeholders")
    action_priority = 10

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d stakeholder approved.", "%(count)d stakeholders approved.",
                        num_parent_objects) % {"count": num_parent_objects}


class DeclineBulkAction(DecideBulkAction):
    approve = False
    display_name = gettext_lazy("Decline")
    action_type = "decline"
    aria_label = gettext_lazy("Decline the selected stakeholders")
    action_priority = 20

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d stakeholder declined.", "%(count)d stakeholders declined.",
                        num_parent_objects) % {"count": num_parent_objects}


class StakeholderViewSet(SnippetViewSet):
    model = StakeholderProfile
    admin_url_namespace = "stakeholders_admin"
    base_url_path = "stakeholders"
    icon = "group"
    menu_label = gettext_lazy("Stakeholders")
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
    menu_label = gettext_lazy("Privacy statements")
    add_to_settings_menu = True
    list_display = ["version", "live", "first_published_at"]
