"""The dashboard's panel of newsletter sends that may need someone: scheduled, under way, or finished in
the last seven days with deliveries that failed (which the send's report sends again)."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from portal.core.admin.dashboard import DashboardPanel, Row

from ..models import Delivery, Send
from ..sending import ACTIVE

WEEK = timedelta(days=7)


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class NewsletterSendsPanel(DashboardPanel):
    name = "newsletter-sends"
    icon = "mail"
    heading = gettext_lazy("Newsletter sends")
    all_clear = gettext_lazy("No newsletter is scheduled or being sent, and no delivery failed in the "
                             "last 7 days.")
    columns = (gettext_lazy("Issue"), gettext_lazy("State"))
    model = Send
    permissions_required = ("add", "view")
    order = 180

    def sends(self):
        recent = Q(status=Send.Status.DONE, finished_at__gte=timezone.now() - WEEK)
        return (Send.objects.filter(Q(status__in=ACTIVE) | recent)
                .annotate(failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)))
                .filter(Q(status__in=ACTIVE) | Q(failed__gt=0)))

    def get_rows(self):
        sends = self.sends().annotate(
            total=Count("deliveries"),
            sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
        ).select_related("issue").order_by("send_at", "pk")
        return [
            Row(label=send.issue.title, detail=self.state(send),
                url=reverse("newsletters_send_report", args=[send.pk]))
            for send in sends[:self.max_rows]
        ]

    def state(self, send) -> str:
        if send.status == Send.Status.SCHEDULED:
            return _("Scheduled for %(date)s") % {"date": _when(send.send_at)}
        if send.status == Send.Status.SENDING:
            state = _("Being sent: %(sent)d of %(total)d so far") % {"sent": send.sent, "total": send.total}
        else:
            state = _("Sent on %(date)s") % {"date": _when(send.finished_at)}
        if send.failed:
            failed = ngettext("%(count)d delivery failed", "%(count)d deliveries failed", send.failed) % {
                "count": send.failed}
            state = _("%(state)s; %(failed)s") % {"state": state, "failed": failed}
        return state

    def get_count(self):
        return self.sends().count()

    def describe_count(self, count):
        return ngettext("%(count)d send is scheduled, under way or has failed deliveries.",
                        "%(count)d sends are scheduled, under way or have failed deliveries.",
                        count) % {"count": count}
