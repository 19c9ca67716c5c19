"""The public tracker: one page listing every recommendation (filters, search, counts per status, CSV and
XLSX), with a route per recommendation showing its history, where a signed-in person follows it."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.core.listings import paginate
from portal.core.page_form import PortalPageForm
from portal.core.spreadsheets import csv_response, xlsx_response

from ..listing import Tracker
from ..services import follow, unfollow
from .recommendations import Follow, Recommendation

EXPORT_NAME = "recommendations"


class RecommendationIndexPage(RoutablePageMixin, Page):
    base_form_class = PortalPageForm

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("recommendation tracker page")

    @path("")
    def tracker(self, request):
        tracker = Tracker(request.GET)
        return self.render(request, context_overrides={
            "filter_form": tracker.form, "filtered": bool(tracker.filters), "chart": tracker.chart(),
            "items": paginate(request, tracker.items),
        })

    @path("export/csv/")
    def export_csv(self, request):
        return csv_response(EXPORT_NAME, Tracker(request.GET).rows(self.get_full_url(request)))

    @path("export/xlsx/")
    def export_xlsx(self, request):
        return xlsx_response(EXPORT_NAME, Tracker(request.GET).rows(self.get_full_url(request)),
                             sheet=EXPORT_NAME)

    @path("<int:pk>/")
    def recommendation(self, request, pk):
        recommendation = get_object_or_404(
            Recommendation.objects.select_related("source__document", "source__session__event",
                                                  "consultation")
            .prefetch_related("working_groups", "disease_areas", "themes"), pk=pk)
        changes = recommendation.changes.select_related("working_group", "evidence_document")
        following = (request.user.is_authenticated
                     and Follow.objects.filter(user=request.user, recommendation=recommendation).exists())
        return self.render(request, template="recommendations/recommendation.html", context_overrides={
            "recommendation": recommendation, "changes": changes, "following": following})

    @path("<int:pk>/follow/")
    def follow(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        recommendation = get_object_or_404(Recommendation, pk=pk)
        address = self.url + self.reverse_subpage("recommendation", args=[pk])
        if not request.user.is_authenticated:
            return redirect_to_login(address)
        if request.POST.get("follow") == "no":
            unfollow(request.user, recommendation)
        else:
            follow(request.user, recommendation)
        return redirect(address)


def recommendation_path(recommendation: Recommendation, tracker=None) -> str | None:
    """The address of a recommendation's page on the tracker (given, when many are asked for, or found);
    None while no tracker page is live."""
    tracker = tracker or RecommendationIndexPage.objects.live().first()
    if tracker is None:
        return None
    return tracker.url + tracker.reverse_subpage("recommendation", args=[recommendation.pk])
