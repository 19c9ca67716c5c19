"""The dashboard's panel of the open surveys and the responses each received in the last seven days, for
those who may see their results (who may publish the survey page, as for the results themselves)."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.permissions import policy_registry

from portal.core.admin.dashboard import DashboardPanel, Row

from ..models import Response, SurveyPage

WEEK = timedelta(days=7)


class SurveyResponsesPanel(DashboardPanel):
    name = "survey-responses"
    icon = "table"
    heading = gettext_lazy("Survey responses this week")
    all_clear = gettext_lazy("No survey is open.")
    columns = (gettext_lazy("Open survey"), gettext_lazy("Responses submitted in the last 7 days"))
    model = SurveyPage
    permissions_required = ("publish",)
    order = 170

    def __init__(self, request):
        super().__init__(request)
        self.now = timezone.now()

    def open_surveys(self):
        published = policy_registry.get_by_type(SurveyPage).instances_user_has_any_permission_for(
            self.user, ["publish"])
        return SurveyPage.objects.live().filter(
            Q(opens_at__isnull=True) | Q(opens_at__lte=self.now),
            Q(closes_at__isnull=True) | Q(closes_at__gt=self.now),
            pk__in=published.values("pk"),
        )

    def submitted_this_week(self, prefix="") -> Q:
        since = self.now - WEEK
        return Q(**{f"{prefix}status": Response.Status.SUBMITTED, f"{prefix}submitted_at__gte": since})

    def get_rows(self):
        surveys = self.open_surveys().annotate(
            this_week=Count("responses", filter=self.submitted_this_week("responses__"))
        ).order_by("-this_week", "title", "pk").only("title", "closes_at")
        return [self.row(survey) for survey in surveys[:self.max_rows]]

    def row(self, survey) -> Row:
        detail = ngettext("%(count)d response", "%(count)d responses", survey.this_week) % {
            "count": survey.this_week}
        if survey.closes_at:
            closes = date_format(timezone.localtime(survey.closes_at), "DATETIME_FORMAT")
            detail = _("%(responses)s; closes on %(date)s") % {"responses": detail, "date": closes}
        return Row(label=survey.title, detail=detail, url=reverse("surveys_results", args=[survey.pk]))

    def get_count(self):
        return Response.objects.filter(self.submitted_this_week(), survey__in=self.open_surveys()).count()

    def describe_count(self, count):
        return ngettext("%(count)d response was submitted to the open surveys in the last 7 days.",
                        "%(count)d responses were submitted to the open surveys in the last 7 days.",
                        count) % {"count": count}
