"""Content pages: the home page and the stakeholder clusters."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from portal.initiative.models import StakeholderCluster
from portal.stakeholders.models import StakeholderProfile


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
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"])
    about_initiative = RichTextField(_("about 1+MG"), features=["bold", "italic", "link", "ul"])
    about_b1mg = RichTextField(_("about B1MG"), features=["bold", "italic", "link", "ul"])
    roadmap = StreamField([("stage", RoadmapStageBlock())], blank=True)
    call_to_register = RichTextField(_("call to register"), features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [
        FieldPanel("intro"), FieldPanel("about_initiative"), FieldPanel("about_b1mg"),
        FieldPanel("roadmap"), FieldPanel("call_to_register"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["clusters"] = clusters_with_member_counts()
        context["cluster_index"] = ClusterIndexPage.objects.live().first()
        return context


class ClusterIndexPage(RoutablePageMixin, Page):
    """Lists the stakeholder clusters; each cluster (a snippet) gets its own page below it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
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
