"""Who may do what with the content app's records in the admin."""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import ContactMessage


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """What people sent is a record: nobody adds or changes it in the admin, superusers included."""

    refused = {"add", "change"}

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.refused])


def register_policies() -> None:
    # Before the viewset registers, or Wagtail creates a default policy for the model.
    register_permission_policy(ContactMessage, ReadOnlyPermissionPolicy(ContactMessage))
