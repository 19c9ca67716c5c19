"""What holds for every membership, however it is made (admin form, CSV import): one scientific coordinator
and one NCP at a time, an end after the start, one membership an address (in lower case)."""

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from .models import MANAGING_ROLES, Membership


def overlaps(starts_on: date | None, ends_on: date | None) -> Q:
    """Memberships whose period meets the period from starts_on to ends_on (open ends: no limit)."""
    condition = Q()
    if ends_on is not None:
        condition &= Q(starts_on__isnull=True) | Q(starts_on__lte=ends_on)
    if starts_on is not None:
        condition &= Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    return condition


def periods_meet(a_start, a_end, b_start, b_end) -> bool:
    return (a_end is None or b_start is None or b_start <= a_end) and (
        a_start is None or b_end is None or b_end >= a_start)


def role_holder(group, role, starts_on, ends_on, exclude_pk=None) -> Membership | None:
    """Who already holds a managing role in the group during the period, if anyone."""
    if role not in MANAGING_ROLES:
        return None
    return (group.memberships.filter(overlaps(starts_on, ends_on), role=role).exclude(pk=exclude_pk)
            .order_by("starts_on").first())


def role_taken_message(holder: Membership) -> str:
    return _("%(name)s is already the group's %(role)s at that time.") % {
        "role": holder.get_role_display(), "name": holder.name}


class MembershipChecks:
    """For a membership form, however the membership comes (admin form, a row of a CSV import): the
    address in lower case, and an end not before the start."""

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date is before the start date."))
        return cleaned
