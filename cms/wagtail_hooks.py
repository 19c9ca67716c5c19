"""Admin: the coordinators read the contact messages (a read-only listing)."""

from wagtail import hooks

from .admin.viewsets import ContactMessageViewSet


@hooks.register("register_admin_viewset")
def register_contact_message_viewset():
    return ContactMessageViewSet("contact_messages")
