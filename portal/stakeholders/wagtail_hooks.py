"""The stakeholders in the Wagtail admin: listing, decisions, privacy statements; member-only content."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin.viewsets import ApproveBulkAction, DeclineBulkAction, PrivacyStatementViewSet, StakeholderViewSet
from .members import members_only_document, members_only_page

register_snippet(StakeholderViewSet)
register_snippet(PrivacyStatementViewSet)

hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", DeclineBulkAction)

hooks.register("before_serve_page", members_only_page, order=-1)
hooks.register("before_serve_document", members_only_document, order=-1)


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    from .admin.dashboard import PendingRegistrationsPanel

    PendingRegistrationsPanel.add_to(request, panels)
