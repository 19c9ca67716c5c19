"""A programme from a spreadsheet (CSV or XLSX): one session a row, every row checked before anything is
saved. Times are read in the event's time zone."""

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _

from portal.core.tables import UnreadableFile, choice_code, table_rows
from portal.core.validators import no_markup
from portal.initiative.models import DiseaseArea

from .models import ForumEventPage, Session

COLUMNS = ["title", "kind", "date", "start", "end", "track", "disease_area", "capacity", "description",
           "guiding_questions"]
REQUIRED_COLUMNS = ["title", "kind", "date", "start", "end"]
MAX_ROWS = 300


class SessionRow(forms.ModelForm):
    date = forms.DateField(input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    start = forms.TimeField(input_formats=["%H:%M", "%H:%M:%S"])
    end = forms.TimeField(input_formats=["%H:%M", "%H:%M:%S"])
    disease_area = forms.ModelChoiceField(queryset=DiseaseArea.objects.all(), to_field_name="slug",
                                          required=False)

    class Meta:
        model = Session
        fields = ["title", "kind", "track", "disease_area", "capacity", "description", "guiding_questions"]

    def __init__(self, *args, event: ForumEventPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        for name in ("title", "track", "description", "guiding_questions"):
            self.fields[name].validators.append(no_markup)

    def clean(self):
        cleaned = super().clean()
        if all(cleaned.get(name) for name in ("date", "start", "end")):
            zone = zoneinfo.ZoneInfo(self.event.time_zone)
            starts = datetime.datetime.combine(cleaned["date"], cleaned["start"], zone)
            ends = datetime.datetime.combine(cleaned["date"], cleaned["end"], zone)
            if ends <= starts:
                self.add_error("end", _("The session must end after it starts."))
            self.instance.starts_at, self.instance.ends_at = starts, ends
        self.instance.event = self.event
        return cleaned


@dataclass
class Row:
    number: int
    values: dict
    problems: list[str] = field(default_factory=list)
    session: Session | None = None


def read_rows(name: str, content: bytes) -> list[tuple[int, dict]]:
    lines = table_rows(name, content)
    header = [name.strip().lower().replace(" ", "_") for name in (lines[0] if lines else [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise UnreadableFile(_("The first row must name the columns; missing: %(columns)s.")
                             % {"columns": ", ".join(missing)})
    rows = [
        (number, {column: value for column, value in zip(header, cells, strict=False) if column in COLUMNS})
        for number, cells in enumerate(lines[1:], start=2) if any(cells)
    ]
    if not rows:
        raise UnreadableFile(_("The file has no rows under its first row."))
    if len(rows) > MAX_ROWS:
        raise UnreadableFile(_("The file has %(count)d rows; import at most %(max)d at a time.")
                             % {"count": len(rows), "max": MAX_ROWS})
    return rows


def check_rows(event: ForumEventPage, name: str, content: bytes) -> list[Row]:
    """Every row with its problems, named by column."""
    rows = []
    for number, values in read_rows(name, content):
        form = SessionRow({**values, "kind": choice_code(values.get("kind", ""), Session.Kind)}, event=event,
                          instance=Session(event=event))
        row = Row(number, values)
        if form.is_valid():
            row.session = form.instance
        else:
            row.problems = [f"{column}: {message}" if column != "__all__" else message
                            for column, messages in form.errors.items() for message in messages]
        rows.append(row)
    return rows


def import_programme(event: ForumEventPage, name: str, content: bytes) -> list[Row] | None:
    """Add every row's session to the event, or none when a row has a problem (then None)."""
    rows = check_rows(event, name, content)
    if any(row.problems for row in rows):
        return None
    with transaction.atomic():
        for row in rows:
            row.session.save()
    return rows
