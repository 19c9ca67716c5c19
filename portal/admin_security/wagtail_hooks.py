"""Settings › Second factors for coordinators, and the resets in Reports › Site history."""

from wagtail import hooks

from .admin.views import second_factor_log_actions
from .admin.viewsets import SecondFactorViewSet


@hooks.register("register_admin_viewset")
def register_second_factor_viewset():
    return SecondFactorViewSet()


hooks.register("register_log_actions", second_factor_log_actions)
