"""Who manages which mirror group in the Wagtail admin.

Holders of a model's Django permissions (the Coordinators group) act on every group's records. A group's
current scientific coordinator and NCP act on their own group's records only, and only while they hold
the role: their rights are worked out from the memberships on each request, never stored, so a role
that ends (by its dates, a change of role or a deletion) takes the access with it.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend
from django.utils import timezone
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import MANAGING_ROLES, Application, GroupNews, Meeting, Membership, MirrorGroup, current_on

ADMIN_ACCESS = "wagtailadmin.access_admin"
EVERYTHING = frozenset({"add", "change", "delete", "view"})


def managing_memberships(on=None):
    return Membership.objects.filter(current_on(on or timezone.localdate()), role__in=MANAGING_ROLES,
                                     user__is_active=True)


def managed_group_ids(user) -> frozenset[int]:
    """The groups this person manages today (kept on the user object for the rest of the request)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if not hasattr(user, "_managed_mirror_groups"):
        user._managed_mirror_groups = frozenset(
            managing_memberships().filter(user=user).values_list("group_id", flat=True)
        )
    return user._managed_mirror_groups


class ManagerBackend(BaseBackend):
    """Lets the current managers of a group into the Wagtail admin; what they see there is the policies'."""

    def get_all_permissions(self, user_obj, obj=None):
        return {ADMIN_ACCESS} if obj is None and managed_group_ids(user_obj) else set()


class GroupScopedPolicy(ModelPermissionPolicy):
    """Django permissions give every group; managing a group gives `manager_actions` on its records."""

    def __init__(self, model, manager_actions, group_field="group"):
        super().__init__(model)
        self.manager_actions = frozenset(manager_actions)
        self.group_field = group_field

    def _everywhere(self, user, actions) -> bool:
        return any(ModelPermissionPolicy.user_has_permission(self, user, action) for action in actions)

    def _managed(self, user, actions) -> frozenset[int]:
        return managed_group_ids(user) if self.manager_actions.intersection(actions) else frozenset()

    def _group_id(self, instance):
        return instance.pk if self.group_field == "pk" else getattr(instance, f"{self.group_field}_id")

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user, actions):
        return self._everywhere(user, actions) or bool(self._managed(user, actions))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self._everywhere(user, actions) or self._group_id(instance) in self._managed(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = self.model._default_manager.all()
        if self._everywhere(user, actions):
            return instances
        return instances.filter(**{f"{self.group_field}__in": self._managed(user, actions)})

    def groups_user_has_any_permission_for(self, user, actions):
        """The groups whose records of this model the user may act on, e.g. to add one."""
        if self._everywhere(user, actions):
            return MirrorGroup.objects.all()
        return MirrorGroup.objects.filter(pk__in=self._managed(user, actions))

    def _with_managers(self, users, actions, memberships):
        if not self.manager_actions.intersection(actions):
            return users
        return get_user_model().objects.filter(
            pk__in=users.values("pk")
        ) | get_user_model().objects.filter(pk__in=memberships.values("user"))

    def users_with_any_permission(self, actions):
        users = super().users_with_any_permission(actions)
        return self._with_managers(users, actions, managing_memberships())

    def users_with_any_permission_for_instance(self, actions, instance):
        return self._with_managers(
            super().users_with_any_permission(actions), actions,
            managing_memberships().filter(group_id=self._group_id(instance)),
        )


# Managers see applications and decide on them (the decision view needs "change"); stakeholders apply on
# the site. A group's country is the coordinators' to set.
POLICIES = {
    MirrorGroup: GroupScopedPolicy(MirrorGroup, {"view", "change"}, group_field="pk"),
    Membership: GroupScopedPolicy(Membership, EVERYTHING),
    Meeting: GroupScopedPolicy(Meeting, EVERYTHING),
    GroupNews: GroupScopedPolicy(GroupNews, EVERYTHING),
    Application: GroupScopedPolicy(Application, {"view", "change"}),
}


def register_policies() -> None:
    for model, policy in POLICIES.items():
        register_permission_policy(model, policy)
