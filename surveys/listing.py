"""Where people find surveys: the surveys page, the home page's section and the "My portal" panel."""

from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.utils import timezone
from wagtail.models import Site

from portal.core.listings import visible_to

from .models import SurveyPage, SurveyVersion

LISTED_AUDIENCES = [SurveyPage.Audience.ANYONE, SurveyPage.Audience.STAKEHOLDERS]


def open_now(surveys, now=None):
    """The surveys taking answers now: within their dates and with a published version to answer."""
    now = now or timezone.now()
    return surveys.filter(
        Q(opens_at__isnull=True) | Q(opens_at__lte=now),
        Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        Exists(SurveyVersion.objects.filter(survey=OuterRef("pk"))),
    )


def open_surveys(request):
    """The live surveys anyone or any signed-in stakeholder may start, those closing first at the top.

    Invitation-only surveys are never listed (their links are personal), and pages restricted to members
    only to members, as in every listing.
    """
    surveys = visible_to(SurveyPage.objects.filter(audience__in=LISTED_AUDIENCES), request)
    site = Site.find_for_request(request)
    if site is not None:
        surveys = surveys.in_site(site)
    return open_now(surveys).order_by(F("closes_at").asc(nulls_last=True), "title", "pk")


def with_public_results(request):
    """The surveys whose results anyone may read (the open-data API), oldest first: live, with a published
    version, public results switched on, under no view restriction, on the request's site. Each says whether
    its latest version has a dashboard (`has_dashboard`)."""
    latest = SurveyVersion.objects.filter(survey=OuterRef("pk")).order_by("-number")
    dashboard = ExpressionWrapper(Q(definition__dashboard__0__isnull=False), output_field=BooleanField())
    surveys = visible_to(SurveyPage.objects.filter(public_results=True)).filter(Exists(latest))
    site = Site.find_for_request(request)
    if site is not None:
        surveys = surveys.in_site(site)
    return surveys.annotate(has_dashboard=Subquery(latest.annotate(shown=dashboard).values("shown")[:1])
                            ).order_by("pk")
