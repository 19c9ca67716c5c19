"""The outgoing email in the Wagtail admin (Settings menu): what waits, what failed and why."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem

from ..models import OutboxMessage
from .views import SendAgainView


class OutboxIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == OutboxMessage.Status.FAILED and self.user_has_permission("resend"):
            buttons.append(MenuItem(
                _("Send again"), url=reverse("outbox_admin:send_again", args=[instance.pk]),
                icon_name="resubmit", priority=5,
            ))
        return buttons


class OutboxViewSet(ModelViewSet):
    model = OutboxMessage
    name = "outbox_admin"
    url_prefix = "outbox"
    icon = "mail"
    menu_label = gettext_lazy("Outgoing email")
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
