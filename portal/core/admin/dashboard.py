"""The admin's home page, the coordinators' dashboard: each app adds a panel of what waits for someone there
(`construct_homepage_panels` in its wagtail_hooks.py), shown only to those who may see what it lists."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry


@dataclass(frozen=True)
class Row:
    label: str
    detail: str
    url: str
    since: datetime | None = None


class DashboardPanel(Component):
    """A heading, the count in words, the first `max_rows` rows and a link to the whole listing, or the
    all-clear text when there is nothing. Subclasses set the texts and `model` (whose permission policy
    decides who sees the panel: every action of `permissions_required`) and implement `get_rows`,
    `get_count` and `describe_count`. Each query is made once, whatever the number of rows."""

    template_name = "core/admin/dashboard_panel.html"
    # Before Wagtail's own panels (from 210): what waits for a decision comes first.
    order = 150
    max_rows = 5
    name: str
    icon = "placeholder"
    heading: str
    all_clear: str
    columns: tuple[str, str] = (gettext_lazy("What"), gettext_lazy("Details"))
    since_column = gettext_lazy("Since")
    listing_label = gettext_lazy("See them all")
    model = None
    permissions_required: tuple[str, ...] = ("view",)

    def __init__(self, request):
        self.request = request
        self.user = request.user

    @classmethod
    def add_to(cls, request, panels: list) -> None:
        """The hook's work: the panel joins the dashboard when this person may see it."""
        panel = cls(request)
        if panel.is_shown():
            panels.append(panel)

    def is_shown(self) -> bool:
        policy = policy_registry.get_by_type(self.model)
        return all(policy.user_has_permission(self.user, action) for action in self.permissions_required)

    def get_rows(self) -> list[Row]:
        raise NotImplementedError

    def get_count(self) -> int:
        raise NotImplementedError

    def describe_count(self, count: int) -> str:
        raise NotImplementedError

    def get_listing_url(self) -> str:
        return ""

    def get_context_data(self, parent_context=None):
        rows = self.get_rows()
        context = {
            "panel_id": f"dashboard-{self.name}", "heading": self.heading, "icon": self.icon, "rows": rows,
            "all_clear": self.all_clear, "columns": self.columns,
            "since_column": self.since_column if any(row.since for row in rows) else "",
        }
        if rows:
            context.update(count_text=self.describe_count(self.get_count()),
                           listing_url=self.get_listing_url(), listing_label=self.listing_label)
        return context
