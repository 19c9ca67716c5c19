"""Members of a group from a CSV file: every row is checked, and its problems listed, before anything is
saved; then either the valid rows or, if no row has a problem, all of them are saved."""

from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.tables import UnreadableFile, choice_code, csv_rows

from .memberships import MembershipChecks, periods_meet, role_holder, role_taken_message
from .models import MANAGING_ROLES, Membership, MirrorGroup, Role, Sector
from .notifications import welcome_member

COLUMNS = ["name", "email", "role", "sector", "region", "organisation", "starts_on", "ends_on",
           "listed_publicly"]
REQUIRED_COLUMNS = ["name", "email", "sector", "region"]
MAX_ROWS = 500
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}


class MemberRow(MembershipChecks, forms.ModelForm):
    """One row of the file, checked as the admin form checks a membership."""

    starts_on = forms.DateField(required=False, input_formats=["%Y-%m-%d"],
                                error_messages={"invalid": gettext_lazy("Write the date as YYYY-MM-DD.")})
    ends_on = forms.DateField(required=False, input_formats=["%Y-%m-%d"],
                              error_messages={"invalid": gettext_lazy("Write the date as YYYY-MM-DD.")})
    listed_publicly = forms.TypedChoiceField(
        required=False, choices=[(value, value) for value in sorted(YES | NO)],
        coerce=lambda value: value in YES, empty_value=False,
        error_messages={"invalid_choice": gettext_lazy("Write yes or no.")},
    )

    class Meta:
        model = Membership
        fields = COLUMNS

    def __init__(self, data, **kwargs):
        data = {**data, "role": choice_code(data.get("role") or Role.MEMBER, Role),
                "sector": choice_code(data.get("sector", ""), Sector),
                "listed_publicly": (data.get("listed_publicly") or "").lower()}
        super().__init__(data, **kwargs)
        for name, choices in (("role", Role), ("sector", Sector)):
            self.fields[name].error_messages["invalid_choice"] = _(
                "Unknown %(column)s “%(value)s”: use one of %(choices)s."
            ) % {"column": name, "value": "%(value)s", "choices": ", ".join(choices.values)}


@dataclass
class Row:
    number: int
    values: dict
    problems: list[str] = field(default_factory=list)
    membership: Membership | None = None

    @property
    def valid(self) -> bool:
        return not self.problems


def read_rows(text: str) -> list[tuple[int, dict]]:
    """The rows of the file (numbered as a spreadsheet does) as dicts of the known columns; the first row
    names the columns, empty rows are skipped."""
    lines = csv_rows(text)
    header = [name.strip().lower().replace(" ", "_") for name in (lines[0] if lines else [])]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise UnreadableFile(_("The first row must name the columns; missing: %(columns)s.") % {
            "columns": ", ".join(missing)})
    rows = [
        (number, {name: value.strip() for name, value in zip(header, cells, strict=False) if name in COLUMNS})
        for number, cells in enumerate(lines[1:], start=2) if any(cell.strip() for cell in cells)
    ]
    if not rows:
        raise UnreadableFile(_("The file has no rows under its first row."))
    if len(rows) > MAX_ROWS:
        raise UnreadableFile(_("The file has %(count)d rows; import at most %(max)d at a time.") % {
            "count": len(rows), "max": MAX_ROWS})
    return rows


def check_rows(group: MirrorGroup, text: str) -> list[Row]:
    """Every row with its problems: its own, and those it has with the group and the rest of the file."""
    rows = []
    existing = {email.lower() for email in group.memberships.values_list("email", flat=True)}
    for number, values in read_rows(text):
        form = MemberRow(values, instance=Membership(group=group))
        row = Row(number, values)
        if form.is_valid():
            row.membership = form.instance
        else:
            row.problems = [f"{name}: {message}" if name != "__all__" else message
                            for name, messages in form.errors.items() for message in messages]
        rows.append(row)
    for row in rows:
        if row.membership is not None:
            _check_with_others(group, row, rows, existing)
    return rows


def _check_with_others(group, row: Row, rows: list[Row], existing: set[str]) -> None:
    membership = row.membership
    if membership.email in existing:
        row.problems.append(_("%(email)s is already in the group.") % {"email": membership.email})
    earlier = [other for other in rows if other.number < row.number and other.membership is not None]
    for other in earlier:
        if other.membership.email == membership.email:
            row.problems.append(_("The address is also on row %(row)d.") % {"row": other.number})
            break
    if membership.role in MANAGING_ROLES:
        holder = role_holder(group, membership.role, membership.starts_on, membership.ends_on)
        if holder is not None:
            row.problems.append(role_taken_message(holder))
        for other in earlier:
            if other.membership.role == membership.role and periods_meet(
                other.membership.starts_on, other.membership.ends_on,
                membership.starts_on, membership.ends_on,
            ):
                row.problems.append(_("Row %(row)d names a %(role)s for the same time.") % {
                    "row": other.number, "role": membership.get_role_display()})
                break


@transaction.atomic
def save_rows(group: MirrorGroup, text: str, *, all_or_nothing: bool) -> tuple[list[Row], list[Row]] | None:
    """Save the valid rows (or all rows, when none has a problem); None when all_or_nothing refuses.

    The file is checked again, against the group as it is now, within the transaction that saves it.
    """
    MirrorGroup.objects.select_for_update().get(pk=group.pk)  # one import a group at a time
    rows = check_rows(group, text)
    valid = [row for row in rows if row.valid]
    if all_or_nothing and len(valid) < len(rows):
        return None
    for row in valid:
        row.membership.save()
        welcome_member(row.membership)
    return valid, [row for row in rows if not row.valid]
