"""Coordinators send again an email that failed."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ..models import OutboxMessage
from ..tasks import queue_relay


class SendAgainView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET asks to confirm, POST puts a failed message back in the queue with a fresh count."""

    model = OutboxMessage
    permission_required = "resend"
    template_name = "outbox/admin/send_again.html"
    page_title = gettext_lazy("Send again")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        message = get_object_or_404(OutboxMessage, pk=self.kwargs["pk"], status=OutboxMessage.Status.FAILED)
        return super().get_context_data(message=message, **kwargs)

    def post(self, request, pk):
        message = get_object_or_404(OutboxMessage, pk=pk, status=OutboxMessage.Status.FAILED)
        message.status = OutboxMessage.Status.WAITING
        message.attempts = 0
        message.next_attempt_at = timezone.now()
        message.save(update_fields=["status", "attempts", "next_attempt_at"])
        transaction.on_commit(lambda: queue_relay(message.pk))
        messages.success(request, _("The email will be sent again."))
        return redirect("outbox_admin:index")
