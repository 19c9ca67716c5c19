"""Followed recommendations and the status changes a person made, in the personal-data export and
erasure."""

from portal.core.personal_data import register

from .models import Follow, StatusChange


def _export_follows(owner) -> list[dict]:
    return [{"recommendation": follow.recommendation.title, "followed_since": follow.created_at.isoformat()}
            for follow in Follow.objects.filter(user=owner.user).select_related("recommendation")]


def _export_changes(owner) -> list[dict]:
    return [
        {"recommendation": change.recommendation.title, "status": change.get_status_display(),
         "date": change.date.isoformat(), "as": change.changed_as, "note": change.note}
        for change in StatusChange.objects.filter(changed_by=owner.user)
        .select_related("recommendation", "working_group")
    ]


def register_personal_data() -> None:
    register(Follow, label="followed_recommendations", export=_export_follows,
             erase=lambda owner: Follow.objects.filter(user=owner.user).delete())
    # A status change is the tracker's public record, shown by role, never by name: it stays, no longer
    # linked to the account.
    register(StatusChange, label="recommendation_status_changes", export=_export_changes,
             erase=lambda owner: StatusChange.objects.filter(changed_by=owner.user).update(changed_by=None))
