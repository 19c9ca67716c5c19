"""Who changes what in the admin. Coordinators (the models' Django permissions) act on every
recommendation. A working group's contacts (portal.core's WorkingGroupMembership) see the recommendations
addressed to their groups and change their status, and nothing else: worked out on each request, so a
contact removed loses the access at once."""

from django.contrib.auth.backends import BaseBackend
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.core.working_groups import contact_group_ids

from .models import Recommendation

ADMIN_ACCESS = "wagtailadmin.access_admin"
# The admin's change-status view; coordinators hold it through the "change" permission.
CHANGE_STATUS = "change_status"
CONTACT_ACTIONS = frozenset({"view", CHANGE_STATUS})


class ContactBackend(BaseBackend):
    """Lets working group contacts into the Wagtail admin (and so under its second factor)."""

    def get_all_permissions(self, user_obj, obj=None):
        return {ADMIN_ACCESS} if obj is None and contact_group_ids(user_obj) else set()


class RecommendationPolicy(ModelPermissionPolicy):
    def _everywhere(self, user, actions) -> bool:
        return any(ModelPermissionPolicy.user_has_permission(
            self, user, "change" if action == CHANGE_STATUS else action) for action in actions)

    def _groups(self, user, actions) -> frozenset[int]:
        return contact_group_ids(user) if CONTACT_ACTIONS.intersection(actions) else frozenset()

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user, actions):
        return self._everywhere(user, actions) or bool(self._groups(user, actions))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if self._everywhere(user, actions):
            return True
        groups = self._groups(user, actions)
        return bool(groups) and instance.working_groups.filter(pk__in=groups).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        instances = self.model._default_manager.all()
        if self._everywhere(user, actions):
            return instances
        return instances.filter(pk__in=instances.filter(working_groups__in=self._groups(user, actions))
                                .values("pk"))


def register_policies() -> None:
    register_permission_policy(Recommendation, RecommendationPolicy(Recommendation))
