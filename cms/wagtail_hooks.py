"""Admin: the coordinators read the contact messages (a read-only listing)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
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


# Before the viewset registers, or Wagtail creates a default policy for the model.
register_permission_policy(ContactMessage, ReadOnlyPermissionPolicy(ContactMessage))


class ContactMessageViewSet(ModelViewSet):
    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    add_to_admin_menu = True
    menu_order = 160
    inspect_view_enabled = True
    list_display = ["name", "email", "topic", "page", "created_at"]
    list_filter = ["topic", "created_at"]
    search_fields = ["name", "email", "message"]
    search_backend_name = None  # Django's icontains: contact messages are not in the search index
    inspect_view_fields = ["name", "email", "topic", "message", "page", "created_at"]
    form_fields = ["name", "email", "topic", "message"]  # never editable: the policy refuses change

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(queryset=ContactMessage.objects.select_related("page"), **kwargs)

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().exclude(
            codename__in=["add_contactmessage", "change_contactmessage"]
        )


@hooks.register("register_admin_viewset")
def register_contact_message_viewset():
    return ContactMessageViewSet("contact_messages")
