"""The newsletter's subscribing side in the Wagtail admin: topics, and the subscribers (coordinators
only) with the import of a subscriber list (views.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import Subscriber, Topic
from .views import ImportView


class SubscriberIndexView(IndexView):
    @property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.user_has_permission("add"):
            buttons.append(HeaderButton(_("Import from CSV"), url=reverse("newsletter_subscribers:import"),
                                        icon_name="upload"))
        return buttons


class SubscriberInspectView(InspectView):
    """The subscriber's fields, then what they agreed to and withdrew, and what was sent to them."""

    template_name = "newsletters/admin/subscriber_inspect.html"
    shown_deliveries = 100

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["consents"] = self.object.consents.order_by("-recorded_at", "-pk")
        context["deliveries"] = (self.object.deliveries.select_related("send__issue")
                                 .order_by("-send__send_at", "-pk")[:self.shown_deliveries])
        return context


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = "newsletter_subscribers"
    url_prefix = "newsletter/subscribers"
    icon = "user"
    menu_label = gettext_lazy("Subscribers")
    index_view_class = SubscriberIndexView
    inspect_view_class = SubscriberInspectView
    add_view_enabled = False
    inspect_view_enabled = True
    list_display = ["email", "status", "created_at", "confirmed_at"]
    list_filter = ["status", "topics"]
    search_fields = ["email"]
    form_fields = ["topics"]
    inspect_view_fields = ["email", "status", "topics", "user", "created_at", "confirmed_at",
                           "unsubscribed_at", "confirmation_sent_at"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("import/", ImportView.as_view(), name="import")]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "is_general", "cluster", "disease_area", "order"]
    list_filter = ["is_general"]

    def get_queryset(self, request):
        return Topic.objects.select_related("cluster", "disease_area")


class NewsletterSubscribingMenu(ViewSetGroup):
    menu_label = gettext_lazy("Newsletter")
    menu_icon = "mail"
    menu_name = "newsletter"
    items = (SubscriberViewSet, TopicViewSet)
