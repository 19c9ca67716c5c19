"""Coordinators approve or decline stakeholders in the Wagtail admin, one by one or in bulk."""

import django_filters
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView

from portal.core.admin.decisions import DecisionForm, DecisionView
from portal.initiative.models import Country, StakeholderCluster

from . import services
from .models import PARTICIPATION_FIELDS, StakeholderProfile


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
