"""Site settings coordinators edit in the admin: contact addresses, footer and main menu."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable

from ..blocks import LinkBlock

GENERAL_SUPPORT_EMAIL = "b1mg-coordination@elixir-europe.org"
NMG_SUPPORT_EMAIL = "b1mg-nmg-coordinator@elixir-europe.org"
EU_FUNDING = (
    "The B1MG project has received funding from the European Union's Horizon 2020 Research and "
    "Innovation programme under grant agreement No 951724."
)


@register_setting(icon="mail")
class PortalSettings(BaseSiteSetting):
    general_support_email = models.EmailField(
        _("general support address"), default=GENERAL_SUPPORT_EMAIL,
        help_text=_("Receives the contact form's general questions."),
    )
    nmg_support_email = models.EmailField(
        _("National Mirror Groups support address"), default=NMG_SUPPORT_EMAIL,
        help_text=_("Receives the contact form's questions about National Mirror Groups."),
    )
    footer_text = models.TextField(_("footer text"), max_length=500, default=EU_FUNDING)
    footer_links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("footer links"),
                               help_text=_("Shown after the privacy statement."))

    panels = [
        MultiFieldPanel([FieldPanel("general_support_email"), FieldPanel("nmg_support_email")],
                        heading=_("Coordination office")),
        MultiFieldPanel([FieldPanel("footer_text"), FieldPanel("footer_links")], heading=_("Footer")),
    ]

    class Meta:
        verbose_name = _("portal settings")

    def support_email(self, topic: str) -> str:
        from .contact import ContactMessage

        if topic == ContactMessage.Topic.NMG:
            return self.nmg_support_email
        return self.general_support_email


def validate_menu_url(value: str) -> None:
    if not value.startswith("/") or value.startswith("//"):
        URLValidator(schemes=["http", "https"])(value)


@register_setting(icon="list-ul")
class MainMenu(ClusterableModel, BaseSiteSetting):
    panels = [InlinePanel("items", label=_("Menu items"))]

    class Meta:
        verbose_name = _("main menu")


class MainMenuItem(Orderable):
    menu = ParentalKey(MainMenu, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", null=True,
                             blank=True, verbose_name=_("page"))
    # Parts of the portal that are not pages (such as the National Mirror Groups directory).
    url = models.CharField(
        _("or address"), max_length=200, blank=True, validators=[validate_menu_url],
        help_text=_("A path on this site such as /mirror-groups/, or a web address; used when no page is "
                    "chosen."),
    )
    label = models.CharField(_("label"), max_length=60, blank=True,
                             help_text=_("Leave empty to use the page's title."))

    panels = [FieldPanel("page"), FieldPanel("url"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("menu item")

    def __str__(self) -> str:
        return self.label or (self.page.title if self.page else self.url)

    def clean(self):
        if bool(self.page_id) == bool(self.url):
            raise ValidationError(_("Choose a page or give an address, not both."))
        if self.url and not self.label:
            raise ValidationError({"label": _("An item with an address needs a label.")})
