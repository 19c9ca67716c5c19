"""The changes to recommendations that the admin and the tracker make: a status change (by a coordinator,
or a contact of a working group it is addressed to), and following."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from portal.core.working_groups import contact_group_ids
from portal.initiative.models import WorkingGroup

from . import notifications
from .models.recommendations import Follow, Recommendation, StatusChange

COORDINATING = "recommendations.change_recommendation"


def acting_role(user, recommendation: Recommendation) -> tuple[str, WorkingGroup | None] | None:
    """The role `user` changes the status in: a contact of one of the groups it is addressed to (the
    lowest numbered), else a coordinator; None when they may not."""
    if not user.is_authenticated or not user.is_active:
        return None
    addressed = contact_group_ids(user) & set(recommendation.working_groups.values_list("pk", flat=True))
    if addressed:
        return StatusChange.Role.CONTACT, WorkingGroup.objects.filter(pk__in=addressed).order_by("number")[0]
    if user.has_perm(COORDINATING):
        return StatusChange.Role.COORDINATOR, None
    return None


def change_status(recommendation: Recommendation, *, status: str, by, note: str = "",
                  date: datetime.date | None = None, evidence_url: str = "",
                  evidence_document=None) -> StatusChange:
    """Adds a step to the history and mails the followers (through the outbox, with the change). The
    recommendation's status is its latest step by date, so a step dated in the past changes the history,
    not the status."""
    role = acting_role(by, recommendation)
    if role is None:
        raise PermissionDenied
    with transaction.atomic():
        locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        change = StatusChange.objects.create(
            recommendation=locked, status=status, date=date or datetime.date.today(), changed_by=by,
            role=role[0], working_group=role[1], note=note, evidence_url=evidence_url,
            evidence_document=evidence_document)
        latest = locked.changes.order_by("-date", "-created_at", "-pk").first()
        if locked.status != latest.status:
            locked.status = latest.status
            locked.save(update_fields=["status"])
        recommendation.status = locked.status
        notifications.status_changed(change)
    return change


def follow(user, recommendation: Recommendation) -> None:
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(user=user, recommendation=recommendation)
    except IntegrityError:  # followed at the same moment from another tab
        pass


def unfollow(user, recommendation: Recommendation) -> None:
    Follow.objects.filter(user=user, recommendation=recommendation).delete()
