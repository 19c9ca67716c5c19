"""Newsletter issues as Wagtail pages: the public web archive, and issues rendered as email too."""

from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES, CallToActionBlock, HeadingBlock, ImageBlock, LinkBlock
from portal.core.listings import paginate
from portal.core.page_form import PortalPageForm


class IssueBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"), icon="pilcrow")
    image = ImageBlock()
    link = LinkBlock(template="newsletters/blocks/link.html")
    call_to_action = CallToActionBlock()


class NewsletterIndexPage(Page):
    """The public archive of the issues sent."""

    base_form_class = PortalPageForm

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["newsletters.NewsletterIssuePage"]
    max_count = 1
    template = "newsletters/newsletter_index_page.html"

    class Meta:
        verbose_name = _("newsletter archive")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        issues = NewsletterIssuePage.objects.child_of(self).live().order_by("-first_published_at", "-pk")
        context["items"] = paginate(request, issues)
        return context


class NewsletterIssuePage(Page):
    summary = models.CharField(_("summary"), max_length=300, blank=True,
                               help_text=_("Shown in the archive and as the email's preview line."))
    body = StreamField(IssueBodyBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["newsletters.NewsletterIndexPage"]
    subpage_types = []
    template = "newsletters/newsletter_issue_page.html"
    preview_modes = [("", _("Web page")), ("email", _("Email"))]

    class Meta:
        verbose_name = _("newsletter issue")

    def serve_preview(self, request, mode_name):
        if mode_name != "email":
            return super().serve_preview(request, mode_name)
        from ..email import render_issue

        rendered = render_issue(self)
        return HttpResponse(rendered.html_for(rendered.sample_token()))
