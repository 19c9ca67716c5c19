"""The public tracker's list: its filters and search, the counts per status, and the rows of its CSV/XLSX
export, all from the same filtered query."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from portal.core.charts import bar_chart
from portal.initiative.models import DiseaseArea, WorkingGroup

from .forms import TrackerFilterForm
from .models.recommendations import Recommendation, Source, Status, Theme

LOOKUPS = {"source": "source_id", "working_group": "working_groups__number",
           "disease_area": "disease_areas__slug", "theme": "themes__slug"}


def filter_choices() -> dict:
    return {
        "sources": [(str(source.pk), source.title) for source in Source.objects.all()],
        "working_groups": [(str(group.number), str(group)) for group in WorkingGroup.objects.all()],
        "disease_areas": list(DiseaseArea.objects.values_list("slug", "name")),
        "themes": list(Theme.objects.values_list("slug", "name")),
    }


class Tracker:
    """The recommendations a GET query asks for (`items`), and all of them whatever their status
    (`any_status`), which the counts per status go by."""

    def __init__(self, data):
        choices = filter_choices()
        self.filters = TrackerFilterForm.applied(data, **choices)
        self.form = TrackerFilterForm(initial=self.filters, **choices)
        found = Recommendation.objects.all()
        for name, value in self.filters.items():
            if name == "q":
                found = found.filter(Q(title__icontains=value) | Q(text__icontains=value))
            elif name in LOOKUPS:
                found = found.filter(**{LOOKUPS[name]: value})
        self.any_status = found
        if "status" in self.filters:
            found = found.filter(status=self.filters["status"])
        self.items = found.select_related("source").prefetch_related(
            "working_groups", "disease_areas", "themes")

    def status_counts(self) -> list[tuple[str, int]]:
        counted = dict(self.any_status.order_by().values_list("status").annotate(Count("pk")))
        return [(label, counted.get(value, 0)) for value, label in Status.choices]

    def chart(self):
        return bar_chart(_("Recommendations by status"), self.status_counts(), label_heading=_("Status"),
                         count_heading=_("Recommendations"), chart_id="status-chart")

    def rows(self, page_url: str) -> list[list]:
        """The header and a row a recommendation; `page_url` is the tracker's full address."""
        yes_no = {True: _("yes"), False: _("no")}
        rows = [[_("Title"), _("Recommendation"), _("Source"), _("Kind of source"), _("Addressed to"),
                 _("Disease areas"), _("Themes"), _("Status"), _("Status is an example"), _("Proposed on"),
                 _("Page")]]
        for item in self.items:
            rows.append([
                item.title, item.text, item.source.title, item.source.get_kind_display(),
                ", ".join(str(group) for group in item.working_groups.all()),
                ", ".join(area.name for area in item.disease_areas.all()),
                ", ".join(theme.name for theme in item.themes.all()),
                item.get_status_display(), yes_no[item.status_is_example],
                item.proposed_on.isoformat() if item.proposed_on else "",
                f"{page_url}{item.pk}/",
            ])
        return rows
