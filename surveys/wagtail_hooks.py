"""Wagtail loads this module: each admin module registers its own hooks and viewsets; the dashboard's panel
is added here."""

from wagtail import hooks

from .admin import invitations, pages, results, transfer  # noqa: F401


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    from .admin.dashboard import SurveyResponsesPanel

    SurveyResponsesPanel.add_to(request, panels)
