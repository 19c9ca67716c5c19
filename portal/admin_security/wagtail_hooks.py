"""Settings › Second factors for coordinators, and the resets in Reports › Site history."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from .admin_views import ResetView, SecondFactorFilterSet, SecondFactorIndexView, SecondFactorPolicy
from .models import SecondFactor
from .recovery import COMMAND_LINE, RESET_ACTION

# Before the viewset asks for a policy (it would make a fallback one).
register_permission_policy(SecondFactor, SecondFactorPolicy(SecondFactor), exact_class=True)


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


@hooks.register("register_admin_viewset")
def register_second_factor_viewset():
    return SecondFactorViewSet()


@hooks.register("register_log_actions")
def second_factor_log_actions(actions):
    @actions.register_action(RESET_ACTION)
    class Reset(LogFormatter):
        label = gettext_lazy("Reset a second factor")

        def format_message(self, log_entry):
            by = log_entry.data.get("by")
            return _("Second factor reset by %(by)s. Reason: %(reason)s") % {
                "by": _("the command line") if by == COMMAND_LINE else by,
                "reason": log_entry.data.get("reason", ""),
            }
