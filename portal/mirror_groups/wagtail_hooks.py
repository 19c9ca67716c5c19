"""The mirror groups in the Wagtail admin (admin/viewsets.py); who sees what is permissions.py's."""

from wagtail import hooks

from .admin.viewsets import MirrorGroupsMenu


@hooks.register("register_admin_viewset")
def register_mirror_groups():
    return MirrorGroupsMenu()


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    from .admin.dashboard import PendingApplicationsPanel

    PendingApplicationsPanel.add_to(request, panels)
