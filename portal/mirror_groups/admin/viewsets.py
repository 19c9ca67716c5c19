"""The "Mirror groups" menu of the admin: groups, members, applications, meetings and news, each limited to
the groups the user manages (all of them for the portal's coordinators)."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView as BaseHistoryView
from wagtail.admin.views.generic.usage import UsageView as BaseUsageView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton, MenuItem
from wagtail.permissions import policy_registry

from ..models import Application, GroupNews, Meeting, Membership, MirrorGroup
from ..notifications import welcome_member
from .forms import GroupScopedForm, MeetingForm, MembershipForm, MirrorGroupForm
from .importing import ImportView
from .views import DecideView, decision_buttons

# Wagtail's generic views, each limited to the groups the user may act on (permissions.py): the listing
# and its exports hold only those groups' records, and a record of another group is refused on every
# view that names one in its address.
ANY_ACTION = ["view", "change", "delete"]


class IndexView(generic.IndexView):
    def get_base_queryset(self):
        allowed = self.permission_policy.instances_user_has_any_permission_for(self.request.user, ANY_ACTION)
        return super().get_base_queryset() & allowed


class ObjectCheckedMixin:
    object_actions = ANY_ACTION

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, self.object_actions, instance
        ):
            raise PermissionDenied
        return instance


class EditView(ObjectCheckedMixin, generic.EditView):
    object_actions = ["change"]


class DeleteView(ObjectCheckedMixin, generic.DeleteView):
    object_actions = ["delete"]


class InspectView(ObjectCheckedMixin, generic.InspectView):
    pass


class HistoryView(ObjectCheckedMixin, BaseHistoryView):
    pass


class UsageView(ObjectCheckedMixin, BaseUsageView):
    pass


class GroupScopedViewSet(ModelViewSet):
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
    inspect_view_class = InspectView
    history_view_class = HistoryView
    usage_view_class = UsageView
    copy_view_enabled = False
    inspect_view_enabled = True


def visible_groups(request):
    return policy_registry.get_by_type(MirrorGroup).groups_user_has_any_permission_for(
        request.user, ANY_ACTION).select_related("country")


def filterset(model, fields):
    class Meta:
        pass

    Meta.model, Meta.fields = model, ["group", *fields]
    group = django_filters.ModelChoiceFilter(queryset=visible_groups, label=_("Group"))
    return type(f"{model.__name__}FilterSet", (WagtailFilterSet,), {"group": group, "Meta": Meta})


def country_column() -> Column:
    return Column("group", label=_("Country"), accessor=lambda record: record.group.country.name)


def import_url(group) -> str:
    return reverse("mirror_groups_members:import", args=[group.pk])


class MirrorGroupIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("country").annotate(
            pending_applications=Count("applications", filter=Q(applications__status="pending")))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        members = reverse("mirror_groups_members:index")
        buttons.append(MenuItem(_("Members"), url=f"{members}?group={instance.pk}", icon_name="group",
                                priority=1))
        if policy_registry.get_by_type(Membership).user_has_permission(self.request.user, "add"):
            buttons.append(MenuItem(_("Import members"), url=import_url(instance), icon_name="upload",
                                    priority=2))
        return buttons


class MirrorGroupViewSet(GroupScopedViewSet):
    model = MirrorGroup
    url_prefix = "mirror-groups/groups"
    url_namespace = "mirror_groups_groups"
    icon = "globe"
    menu_label = _("Groups")
    index_view_class = MirrorGroupIndexView
    list_display = ["__str__", "established_on",
                    Column("pending_applications", label=_("Applications waiting"))]
    search_fields = ["country__name"]
    list_export = ["country.name", "established_on", "pending_applications"]
    export_headings = {"country.name": _("Country"), "pending_applications": _("Applications waiting")}
    export_filename = "mirror-groups"
    edit_handler = ObjectList([FieldPanel("country"), FieldPanel("established_on"), FieldPanel("mission"),
                               FieldPanel("role"), FieldPanel("tasks")], base_form_class=MirrorGroupForm)
    inspect_view_fields = ["country", "established_on", "mission", "role", "tasks"]


class MembershipIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("group__country")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        groups = policy_registry.get_by_type(Membership).groups_user_has_any_permission_for(
            self.request.user, ["add"])[:2]
        if len(groups) == 1:
            buttons.append(HeaderButton(_("Import from CSV"), url=import_url(groups[0]), icon_name="upload"))
        elif groups:
            buttons.append(HeaderButton(_("Import from CSV"), url=reverse("mirror_groups_groups:index"),
                                        icon_name="upload"))
        return buttons


def person(user) -> str:
    return f"{user.get_full_name()} <{user.email}>" if user else "-"


class MembershipInspectView(InspectView):
    def get_user_display_value(self):
        return person(self.object.user)


class MembershipCreateView(generic.CreateView):
    def save_instance(self):
        membership = super().save_instance()
        welcome_member(membership)
        return membership


MEMBERSHIP_FIELDS = ["name", "email", "group", "role", "sector", "region", "organisation", "starts_on",
                     "ends_on", "listed_publicly"]


class MembershipViewSet(GroupScopedViewSet):
    model = Membership
    url_prefix = "mirror-groups/members"
    url_namespace = "mirror_groups_members"
    icon = "user"
    menu_label = _("Members")
    index_view_class = MembershipIndexView
    add_view_class = MembershipCreateView
    inspect_view_class = MembershipInspectView
    list_display = ["name", "email", country_column(), "role", "sector", "region", "starts_on", "ends_on",
                    BooleanColumn("listed_publicly", label=_("Listed publicly")),
                    Column("user", label=_("Account"),
                           accessor=lambda member: _("yes") if member.user_id else _("invited"))]
    filterset_class = filterset(Membership, ["role", "sector", "listed_publicly"])
    search_fields = ["name", "email", "organisation", "region"]
    # Gender is left out: it is only ever shown as a count over the group.
    list_export = ["name", "email", "group.country.name", "get_role_display", "get_sector_display", "region",
                   "organisation", "starts_on", "ends_on", "listed_publicly"]
    export_headings = {"group.country.name": _("Country"), "get_role_display": _("Role"),
                       "get_sector_display": _("Sector")}
    export_filename = "mirror-group-members"
    edit_handler = ObjectList([FieldPanel(name) for name in MEMBERSHIP_FIELDS],
                              base_form_class=MembershipForm)
    inspect_view_fields = MEMBERSHIP_FIELDS + ["user", "invited_at", "created_at"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("import/<int:group_pk>/", ImportView.as_view(), name="import"),
        ]


class ApplicationIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("applicant", "group__country")

    def get_list_more_buttons(self, instance):
        return super().get_list_more_buttons(instance) + decision_buttons(instance)


class ApplicationInspectView(InspectView):
    @cached_property
    def header_buttons(self):
        return decision_buttons(self.object, HeaderButton)

    def get_applicant_display_value(self):
        return person(self.object.applicant)

    def get_decided_by_display_value(self):
        return person(self.object.decided_by)

    def get_decided_at_display_value(self):
        return self.object.decided_at or "-"


class ApplicationViewSet(GroupScopedViewSet):
    """Applications are made on the site and only decided on here: no add, edit or delete views."""

    model = Application
    url_prefix = "mirror-groups/applications"
    url_namespace = "mirror_groups_applications"
    icon = "form"
    menu_label = _("Applications")
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    list_display = ["__str__", "sector", "region", "organisation", "status", "applied_at"]
    filterset_class = filterset(Application, ["status"])
    form_fields = []  # no form: the decision view is the only change
    search_fields = ["applicant__first_name", "applicant__last_name", "organisation", "region"]
    list_export = ["applicant.get_full_name", "applicant.email", "group.country.name", "get_sector_display",
                   "region", "organisation", "get_status_display", "applied_at", "decided_at"]
    export_headings = {"applicant.get_full_name": _("Applicant"), "applicant.email": _("Email"),
                       "group.country.name": _("Country"), "get_sector_display": _("Sector"),
                       "get_status_display": _("Status")}
    export_filename = "mirror-group-applications"
    inspect_view_fields = ["applicant", "group", "motivation", "sector", "region", "organisation", "status",
                           "message", "applied_at", "decided_by", "decided_at"]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, **kwargs})

    @property
    def url_finder_class(self):
        # Links to an application from elsewhere in the admin open its page, where it is decided.
        return type("ApplicationURLFinder", (ModelAdminURLFinder,),
                    {"edit_url_name": self.get_url_name("inspect")})

    def get_urlpatterns(self):
        kept = [pattern for pattern in super().get_urlpatterns()
                if pattern.name not in {"add", "edit", "delete"}]
        return kept + [
            path("decide/<int:pk>/<str:decision>/", DecideView.as_view(), name="decide"),
        ]


class MeetingIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("group__country", "minutes")


class MeetingViewSet(GroupScopedViewSet):
    model = Meeting
    index_view_class = MeetingIndexView
    url_prefix = "mirror-groups/meetings"
    url_namespace = "mirror_groups_meetings"
    icon = "date"
    menu_label = _("Meetings")
    list_display = ["__str__", "attendance", "minutes"]
    filterset_class = filterset(Meeting, [])
    search_fields = ["agenda"]
    list_export = ["group.country.name", "held_on", "agenda", "attendance"]
    export_headings = {"group.country.name": _("Country")}
    export_filename = "mirror-group-meetings"
    edit_handler = ObjectList([FieldPanel(name) for name in ("group", "held_on", "agenda", "minutes_file",
                                                             "attendance")],
                              base_form_class=MeetingForm)
    inspect_view_fields = ["group", "held_on", "agenda", "minutes", "attendance"]


class GroupNewsIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("group__country")


class GroupNewsViewSet(GroupScopedViewSet):
    model = GroupNews
    index_view_class = GroupNewsIndexView
    url_prefix = "mirror-groups/news"
    url_namespace = "mirror_groups_news"
    icon = "doc-full"
    menu_label = _("News")
    list_display = ["title", country_column(), "published_on"]
    filterset_class = filterset(GroupNews, [])
    search_fields = ["title", "text"]
    list_export = ["group.country.name", "title", "published_on", "text"]
    export_headings = {"group.country.name": _("Country")}
    export_filename = "mirror-group-news"
    edit_handler = ObjectList([FieldPanel("group"), FieldPanel("title"), FieldPanel("published_on"),
                               FieldPanel("text")], base_form_class=GroupScopedForm)
    inspect_view_fields = ["group", "title", "published_on", "text"]


class MirrorGroupsMenu(ModelViewSetGroup):
    menu_label = _("Mirror groups")
    menu_icon = "group"
    menu_order = 160
    items = (MirrorGroupViewSet, MembershipViewSet, ApplicationViewSet, MeetingViewSet, GroupNewsViewSet)
