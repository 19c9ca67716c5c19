"""The contact page and the messages sent through it to the coordination office."""

from django.db import models
from django.http import HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.core.page_form import PortalPageForm

from .pages import INTRO_FEATURES


class ContactPage(RoutablePageMixin, Page):
    base_form_class = PortalPageForm

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    thank_you_text = RichTextField(
        _("thank-you text"), features=INTRO_FEATURES,
        help_text=_("Shown once a message is sent."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("thank_you_text")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("contact page")

    @path("")
    def contact_form(self, request):
        from ..forms import ContactForm
        from ..services import contact_message_submit
        from .settings import PortalSettings

        status = 200
        form = ContactForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            # Post/redirect/get: reloading the thank-you page sends nothing again. A robot caught in the
            # trap gets the same page, and nothing is stored or mailed.
            thank_you = HttpResponseRedirect(self.url + self.reverse_subpage("thank_you"))
            if form.caught_a_robot:
                return thank_you
            if form.within_limit(request, topic=data["topic"]):
                contact_message_submit(
                    page=self, portal_settings=PortalSettings.for_request(request), name=data["name"],
                    email=data["email"], topic=data["topic"], message=data["message"], token=data["token"],
                )
                return thank_you
            status = 429
        response = self.render(request, context_overrides={"form": form})
        response.status_code = status
        # The form carries a CSRF token and a single-use token: never a shared cache.
        add_never_cache_headers(response)
        return response

    @path("thank-you/")
    def thank_you(self, request):
        return self.render(request, template="cms/contact_page_thank_you.html")


class ContactMessage(models.Model):
    class Topic(models.TextChoices):
        GENERAL = "general", _("General question")
        NMG = "nmg", _("National Mirror Groups")

    page = models.ForeignKey(ContactPage, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="messages", verbose_name=_("contact page"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    topic = models.CharField(_("topic"), max_length=10, choices=Topic, default=Topic.GENERAL)
    message = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    # One token per displayed form: the same form posted twice stores one message.
    submission_token = models.UUIDField(unique=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>: {self.get_topic_display()}"
