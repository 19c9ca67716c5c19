"""Content pages: home, stakeholder clusters, standard pages, news, resources and the FAQ."""

import datetime

from django.db import models
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.core.listings import DatedListing
from portal.core.page_form import PortalPageForm
from portal.initiative.models import DiseaseArea, StakeholderCluster
from portal.stakeholders.models import StakeholderProfile

from ..blocks import BodyBlock, FAQBlock
from ..listings import NewsFilterForm, ResourceFilterForm

INTRO_FEATURES = ["bold", "italic", "link"]


def clusters_with_member_counts():
    approved = Q(stakeholders__status=StakeholderProfile.Status.APPROVED)
    return (
        StakeholderCluster.objects.annotate(member_count=Count("stakeholders", filter=approved))
        .order_by("sort_order", "name")  # Meta.ordering does not apply to grouped queries
        .prefetch_related("sub_areas")
    )


class RoadmapStageBlock(blocks.StructBlock):
    year = blocks.IntegerBlock(min_value=2000, max_value=2100)
    name = blocks.CharBlock(max_length=40, help_text=_("e.g. Engage"))
    theme = blocks.CharBlock(max_length=120)
    objective = blocks.TextBlock()

    class Meta:
        icon = "date"
        template = "cms/blocks/roadmap_stage.html"


class HomePage(Page):
    intro = RichTextField(_("introduction"), features=INTRO_FEATURES)
    about_initiative = RichTextField(_("about 1+MG"), features=["bold", "italic", "link", "ul"])
    about_b1mg = RichTextField(_("about B1MG"), features=["bold", "italic", "link", "ul"])
    roadmap = StreamField([("stage", RoadmapStageBlock())], blank=True)
    call_to_register = RichTextField(_("call to register"), features=INTRO_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("intro"), FieldPanel("about_initiative"), FieldPanel("about_b1mg"),
        FieldPanel("roadmap"), FieldPanel("call_to_register"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"), index.SearchField("about_initiative"), index.SearchField("about_b1mg"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StandardPage", "cms.NewsIndexPage", "cms.ResourceIndexPage", "cms.FAQPage", "cms.ContactPage",
        "cms.ClusterIndexPage", "surveys.SurveyPage", "surveys.SurveyIndexPage",
        "newsletters.NewsletterIndexPage", "forum.ForumIndexPage",
        "recommendations.RecommendationIndexPage",
    ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["clusters"] = clusters_with_member_counts()
        context["cluster_index"] = ClusterIndexPage.objects.live().first()
        return context


class ClusterIndexPage(RoutablePageMixin, Page):
    """Lists the stakeholder clusters; each cluster (a snippet) gets its own page below it."""

    base_form_class = PortalPageForm

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cluster_index"] = self
        return context

    @path("")
    def cluster_list(self, request):
        return self.render(request, context_overrides={"clusters": clusters_with_member_counts()})

    @path("<slug:slug>/")
    def cluster_detail(self, request, slug):
        cluster = get_object_or_404(clusters_with_member_counts(), slug=slug)
        return self.render(
            request,
            context_overrides={"cluster": cluster},
            template="cms/cluster_page.html",
        )

    @path("<slug:slug>/join/")
    def cluster_join(self, request, slug):
        cluster = get_object_or_404(StakeholderCluster, slug=slug)
        request.session["join_cluster"] = cluster.slug
        if request.user.is_authenticated:
            return redirect("stakeholders:profile")
        return redirect("account_signup")


class StandardPage(Page):
    """A page of prose: an introduction and a body built from blocks."""

    base_form_class = PortalPageForm

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage", "cms.FAQPage", "surveys.SurveyPage"]

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(DatedListing, Page):
    listed_model = "cms.NewsPage"
    listed_related = ("cluster", "disease_area")
    filter_form_class = NewsFilterForm
    base_form_class = PortalPageForm

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("news index page")

    def filter_choices(self, items):
        return {"years": [day.year for day in items.dates("date", "year", order="DESC")],
                "clusters": list(StakeholderCluster.objects.values_list("slug", "name"))}


class NewsPage(Page):
    date = models.DateField(_("date"), default=datetime.date.today)
    summary = models.TextField(_("summary"), max_length=400,
                               help_text=_("One or two sentences shown in the news listing."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    disease_area = models.ForeignKey(DiseaseArea, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("disease area"))
    cluster = models.ForeignKey(StakeholderCluster, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("stakeholder cluster"))

    content_panels = Page.content_panels + [
        FieldPanel("date"), FieldPanel("summary"), FieldPanel("body"),
        MultiFieldPanel([FieldPanel("cluster"), FieldPanel("disease_area")], heading=_("Topics")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1.5), index.SearchField("body"), index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news page")


class ResourceIndexPage(DatedListing, Page):
    listed_model = "cms.ResourcePage"
    listed_related = ("disease_area", "document")
    filter_form_class = ResourceFilterForm
    base_form_class = PortalPageForm

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ResourcePage"]

    class Meta:
        verbose_name = _("resource index page")

    def filter_choices(self, items):
        return {"disease_areas": list(DiseaseArea.objects.values_list("slug", "name"))}


class ResourcePage(Page):
    class ResourceType(models.TextChoices):
        REPORT = "report", _("Report")
        GUIDELINE = "guideline", _("Guideline")
        PRESENTATION = "presentation", _("Presentation")
        DELIVERABLE = "deliverable", _("Project deliverable")
        FACT_SHEET = "fact_sheet", _("Fact sheet")
        OTHER = "other", _("Other")

    summary = models.TextField(_("summary"), max_length=400,
                               help_text=_("One or two sentences shown in the resource listing."))
    resource_type = models.CharField(_("type"), max_length=20, choices=ResourceType,
                                     default=ResourceType.REPORT)
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("document"))
    date = models.DateField(_("date"), default=datetime.date.today,
                            help_text=_("When the resource was published."))
    disease_area = models.ForeignKey(DiseaseArea, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("disease area"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("resource_type"), FieldPanel("date"), FieldPanel("disease_area")],
                        heading=_("About the resource")),
        FieldPanel("document"), FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1.5), index.SearchField("body"),
        index.FilterField("resource_type"), index.FilterField("date"),
    ]
    parent_page_types = ["cms.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("resource page")


class FAQPage(Page):
    base_form_class = PortalPageForm

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    questions = StreamField(FAQBlock(), verbose_name=_("questions"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("questions")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("questions")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("FAQ page")
