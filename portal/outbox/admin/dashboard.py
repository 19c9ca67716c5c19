"""The dashboard's panel of outgoing email that failed for good, the latest first, with the last error."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from portal.core.admin.dashboard import DashboardPanel, Row

from ..models import OutboxMessage

ERROR_WORDS = 20


class FailedEmailPanel(DashboardPanel):
    name = "failed-email"
    icon = "mail"
    heading = gettext_lazy("Outgoing email that failed")
    all_clear = gettext_lazy("No outgoing email has failed.")
    columns = (gettext_lazy("Subject"), gettext_lazy("Last error"))
    since_column = gettext_lazy("Written")
    listing_label = gettext_lazy("All failed email under Settings › Outgoing email")
    model = OutboxMessage
    permissions_required = ("view",)
    order = 160

    def failed(self):
        return OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED)

    def get_rows(self):
        messages = self.failed().only("subject", "last_error", "created_at").order_by("-created_at", "-pk")
        return [
            Row(label=message.subject or _("(no subject)"), since=message.created_at,
                detail=Truncator(message.last_error).words(ERROR_WORDS),
                url=reverse("outbox_admin:inspect", args=[message.pk]))
            for message in messages[:self.max_rows]
        ]

    def get_count(self):
        return self.failed().count()

    def describe_count(self, count):
        return ngettext("%(count)d email could not be sent.",
                        "%(count)d emails could not be sent.", count) % {"count": count}

    def get_listing_url(self):
        return reverse("outbox_admin:index") + "?status=failed"
