"""Settings › Second factors: who enters the admin and whether they have a second factor."""

import django_filters
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem

from .. import recovery
from ..models import SecondFactor
from .views import ResetView, second_factor


class SecondFactorFilterSet(WagtailFilterSet):
    has_authenticators = django_filters.BooleanFilter(label=gettext_lazy("Has a second factor"))

    class Meta:
        model = SecondFactor
        fields = []


class SecondFactorIndexView(IndexView):
    page_title = gettext_lazy("Second factors")
    list_display = [
        "__str__",
        "email",
        Column("second_factor", label=gettext_lazy("Second factor"), accessor=second_factor),
        DateColumn("app_last_used", label=gettext_lazy("Last used")),
    ]

    @cached_property
    def columns(self):
        columns = super().columns
        columns[0].label = gettext_lazy("Name")  # not the model's name, "second factor"
        return columns

    def get_base_queryset(self):
        return recovery.people_who_enter_the_admin().order_by("last_name", "first_name", "email", "pk")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.pk == self.request.user.pk:
            buttons.append(MenuItem(_("Manage your own second factor"), url=reverse("mfa_index"),
                                    icon_name="key", priority=5))
        elif instance.has_authenticators and self.user_has_permission("reset"):
            buttons.append(MenuItem(_("Reset second factor"),
                                    url=reverse("second_factors:reset", args=[instance.pk]),
                                    icon_name="key", priority=5))
        return buttons


class SecondFactorViewSet(ModelViewSet):
    model = SecondFactor
    name = "second_factors"
    url_prefix = "second-factors"
    icon = "key"
    menu_label = gettext_lazy("Second factors")
    add_to_settings_menu = True
    add_to_reference_index = False
    index_view_class = SecondFactorIndexView
    filterset_class = SecondFactorFilterSet
    search_fields = ["first_name", "last_name", "email"]
    copy_view_enabled = False

    def get_urlpatterns(self):
        # Only the listing and the reset: people are added, edited and deleted under Settings › Users.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("reset/<int:pk>/", ResetView.as_view(), name="reset"),
        ]

    def register_admin_url_finder(self):
        pass  # there is no edit view for a person to link to from elsewhere in the admin

    def get_permissions_to_register(self):
        # The proxy's own permission (Django gives a proxy model a content type of its own).
        content_type = ContentType.objects.get_for_model(SecondFactor, for_concrete_model=False)
        return Permission.objects.filter(content_type=content_type)
