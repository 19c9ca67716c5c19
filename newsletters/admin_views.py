"""The newsletter's subscribing side in the Wagtail admin: topics, the subscribers (coordinators only),
and the import of a subscriber list."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import ImportForm
from .importing import import_rows, read_rows
from .models import Subscriber, Topic

MAX_BYTES = 2 * 1024 * 1024


class ImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    model = Subscriber
    permission_required = "add"
    form_class = ImportForm
    template_name = "newsletters/admin/import.html"
    page_title = gettext_lazy("Import subscribers")
    header_icon = "upload"

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            form.add_error("file", _("The file is larger than 2 MB."))
            return self.form_invalid(form)
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text: save it as “CSV UTF-8”."))
            return self.form_invalid(form)
        rows = read_rows(text)
        if not rows:
            form.add_error("file", _("The file holds no address."))
            return self.form_invalid(form)
        if any(row.problems for row in rows):
            # Nothing is saved: the coordinator corrects the file and sends it again.
            return self.render_to_response(self.get_context_data(form=form, rows=rows))
        outcome = import_rows(rows, basis=form.cleaned_data["basis"],
                              prior_confirmed_consent=form.cleaned_data["prior_confirmed_consent"])
        messages.success(self.request, _(
            "Imported: %(subscribed)s subscribed, %(asked)s asked to confirm by email, %(already)s already "
            "subscribed (topics added), %(skipped)s left before, bounced or erased (not subscribed again)."
        ) % {"subscribed": outcome.subscribed, "asked": outcome.asked_to_confirm,
             "already": outcome.already_subscribed, "skipped": outcome.skipped})
        return redirect("newsletter_subscribers:index")


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
