"""Consultation comments, verdicts and the notices sent, in the personal-data export and erasure."""

from portal.core.personal_data import register

from .models import Comment, NamedParticipant, Notice, Verdict


def _export_comments(owner) -> list[dict]:
    return [
        {"consultation": comment.section.version.consultation.title, "round": comment.section.version.round,
         "section": str(comment.section), "quote": comment.quote, "comment": comment.text,
         "proposed_wording": comment.proposed_wording, "named_in_the_report": comment.named,
         "sent_at": comment.created_at.isoformat(), "decision": comment.get_decision_display(),
         "answer": comment.answer}
        for comment in Comment.objects.filter(author=owner.user).select_related(
            "section__version__consultation")
    ]


def _export_verdicts(owner) -> list[dict]:
    return [
        {"consultation": verdict.version.consultation.title,
         "section": str(verdict.section) if verdict.section else "the text as a whole",
         "verdict": verdict.get_choice_display(), "reason": verdict.reason,
         "changed_at": verdict.changed_at.isoformat()}
        for verdict in Verdict.objects.filter(voter=owner.user).select_related(
            "version__consultation", "section")
    ]


def _export_notices(owner) -> list[dict]:
    return [{"consultation": notice.consultation.title, "round": notice.round,
             "email": notice.get_kind_display(), "sent_at": notice.sent_at.isoformat()}
            for notice in Notice.objects.filter(user=owner.user).select_related("consultation")]


def _export_named(owner) -> list[dict]:
    return [{"consultation": named.consultation.title, "takes_part_in": named.get_rounds_display()}
            for named in NamedParticipant.objects.filter(user=owner.user).select_related("consultation")]


def register_personal_data() -> None:
    # A comment's text stays in the consultation's record, by "a stakeholder": nothing says who any more.
    register(Comment, label="consultation_comments", export=_export_comments,
             erase=lambda owner: Comment.objects.filter(author=owner.user).update(
                 author=None, author_cluster="", author_country="", named=False))
    # Verdicts stay counted in the tally, without the person.
    register(Verdict, label="consultation_verdicts", export=_export_verdicts,
             erase=lambda owner: Verdict.objects.filter(voter=owner.user).update(voter=None))
    register(Notice, label="consultation_notices", export=_export_notices,
             erase=lambda owner: Notice.objects.filter(user=owner.user).delete())
    register(NamedParticipant, label="consultation_invitations", export=_export_named,
             erase=lambda owner: NamedParticipant.objects.filter(user=owner.user).delete())
