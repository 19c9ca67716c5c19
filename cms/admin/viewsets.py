"""The coordinators read the contact messages: a read-only listing (the policy is in permissions.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import ContactMessage


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
