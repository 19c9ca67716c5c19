"""Who may list and reset second factors in the admin."""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import RESET_PERMISSION, SecondFactor


class SecondFactorPolicy(ModelPermissionPolicy):
    """Listing and resetting need the reset permission; nobody adds, edits or deletes people here, not even
    a superuser (the users' own admin does that)."""

    ACTIONS = frozenset({"view", "reset"})

    def user_has_permission(self, user, action):
        return action in self.ACTIONS and user.has_perm(RESET_PERMISSION)

    def users_with_any_permission(self, actions):
        if not self.ACTIONS.intersection(actions):
            return SecondFactor.objects.none()
        return self._get_users_with_any_permission_codenames({"reset_second_factor"})


def register_policies() -> None:
    # Before the viewset asks for a policy (it would make a fallback one).
    register_permission_policy(SecondFactor, SecondFactorPolicy(SecondFactor), exact_class=True)
