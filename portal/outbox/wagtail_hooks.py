"""The outgoing email in the Wagtail admin (Settings menu): what waits, what failed and why."""

from wagtail import hooks

from .admin.viewsets import OutboxViewSet


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxViewSet()


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    from .admin.dashboard import FailedEmailPanel

    FailedEmailPanel.add_to(request, panels)
