"""The outgoing email in the Wagtail admin (Settings menu): what waits, what failed and why."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import OutboxIndexView, SendAgainView
from .models import OutboxMessage


class OutboxViewSet(ModelViewSet):
    model = OutboxMessage
    name = "outbox_admin"
    url_prefix = "outbox"
    icon = "mail"
    menu_label = _("Outgoing email")
    add_to_settings_menu = True
    index_view_class = OutboxIndexView
    inspect_view_enabled = True
    list_display = ["subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "recipients"]
    inspect_view_fields = [
        "subject", "recipients", "status", "attempts", "last_error", "created_at", "next_attempt_at",
        "sent_at", "message_id",
    ]
    form_fields = []  # read-only: nobody edits an email after it was written (no change permission)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("send-again/<int:pk>/", SendAgainView.as_view(), name="send_again"),
        ]


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxViewSet()


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    from .admin.dashboard import FailedEmailPanel

    FailedEmailPanel.add_to(request, panels)
