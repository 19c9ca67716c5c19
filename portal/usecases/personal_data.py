"""Use cases, co-authorships and audit entries in the personal-data export and erasure.

A published use case is the company's public record: it stays, under its organisation's name, no longer
linked to the person who submitted it. Their drafts and unpublished use cases go with them. Invitations to
co-author go; the moves they made stay in the logs, by nobody. A reviewer's assignments (declarations, scores,
notes) go with them; who assigned one is forgotten."""

from portal.core.personal_data import register

from .models import Assignment, AuditEntry, CoAuthor, State, UseCase


def _export_use_cases(owner) -> list[dict]:
    return [
        {"title": use_case.title, "organisation": use_case.organisation,
         "state": use_case.get_state_display(),
         "summary": use_case.summary, "description": use_case.description, "offers": use_case.offers,
         "seeks": use_case.seeks, "data_needed": use_case.data_needed, "safeguards": use_case.safeguards,
         "confidentiality": use_case.get_confidentiality_display(), "time_frame": use_case.time_frame,
         "created_at": use_case.created_at.isoformat()}
        for use_case in UseCase.objects.filter(submitter=owner.user).order_by("created_at", "pk")
    ]


def _erase_use_cases(owner) -> None:
    submitted = UseCase.objects.filter(submitter=owner.user)
    submitted.exclude(state=State.PUBLISHED).delete()
    submitted.update(submitter=None)


def _co_authorships(owner):
    return CoAuthor.objects.filter(owner.rows("user"))


def _export_co_authorships(owner) -> list[dict]:
    return [{"use_case": invitation.use_case.title, "address": invitation.email,
             "invited_at": invitation.invited_at.isoformat(),
             "accepted_at": invitation.accepted_at.isoformat() if invitation.accepted_at else None}
            for invitation in _co_authorships(owner).select_related("use_case")]


def _export_moves(owner) -> list[dict]:
    return [{"use_case": entry.use_case.title, "from": entry.get_from_state_display(),
             "to": entry.get_to_state_display(), "at": entry.at.isoformat(), "comment": entry.comment}
            for entry in AuditEntry.objects.filter(by=owner.user).select_related("use_case")]


def _export_reviews(owner) -> list[dict]:
    return [{"use_case": assignment.use_case.title, "assigned_at": assignment.assigned_at.isoformat(),
             "conflict": assignment.get_conflict_display(), "conflict_note": assignment.conflict_note,
             "scores": {str(score.criterion): score.value for score in assignment.scores.all()},
             "recommendation": assignment.get_recommendation_display(), "comment": assignment.comment,
             "internal_note": assignment.internal_note}
            for assignment in Assignment.objects.filter(reviewer=owner.user).select_related("use_case")
            .prefetch_related("scores__criterion")]


def _erase_reviews(owner) -> None:
    Assignment.objects.filter(reviewer=owner.user).delete()
    Assignment.objects.filter(assigned_by=owner.user).update(assigned_by=None)


def register_personal_data() -> None:
    register(UseCase, label="use_cases", export=_export_use_cases, erase=_erase_use_cases)
    register(CoAuthor, label="use_case_co_authorships", export=_export_co_authorships,
             erase=lambda owner: _co_authorships(owner).delete())
    register(AuditEntry, label="use_case_moves", export=_export_moves,
             erase=lambda owner: AuditEntry.objects.filter(by=owner.user).update(by=None))
    register(Assignment, label="use_case_reviews", export=_export_reviews, erase=_erase_reviews)
