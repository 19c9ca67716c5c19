"""Forum registrations and speaker roles in the personal-data export and erasure."""

from portal.core.personal_data import register

from .models import Question, Registration, Speaker, Vote
from .questions import changed
from .registration import cancel


def _registrations(owner):
    return Registration.objects.filter(user=owner.user).select_related("event")


def _export_registrations(owner) -> list[dict]:
    return [
        {
            "event": registration.event.title,
            "status": registration.get_status_display(),
            "registered_at": registration.created_at.isoformat(),
            "accessibility_needs": registration.accessibility_needs,
            "on_the_attendee_list": registration.listed,
            "workshops": [{"workshop": choice.session.title, "status": choice.get_status_display()}
                          for choice in registration.workshops.all()],
        }
        for registration in _registrations(owner).prefetch_related("workshops__session")
    ]


def _erase_registrations(owner) -> None:
    """Places they hold go to the next people waiting, then their registrations go."""
    for registration in _registrations(owner):
        cancel(registration, notify=False)
    _registrations(owner).delete()


def _export_speaker_roles(owner) -> list[dict]:
    return [
        {"event": speaker.session.event.title, "session": speaker.session.title, "name": speaker.name,
         "role": speaker.get_role_display(), "affiliation": speaker.affiliation}
        for speaker in Speaker.objects.filter(user=owner.user).select_related("session__event")
    ]


def _export_questions(owner) -> list[dict]:
    return [
        {"event": question.session.event.title, "session": question.session.title, "question": question.text,
         "anonymous": question.anonymous, "state": question.get_state_display(),
         "asked_at": question.created_at.isoformat()}
        for question in Question.objects.filter(author=owner.user).select_related("session__event")
    ]


def _export_votes(owner) -> list[dict]:
    return [{"question": vote.question.text, "voted_at": vote.created_at.isoformat()}
            for vote in Vote.objects.filter(voter=owner.user).select_related("question")]


def _erase_questions(owner) -> None:
    asked = Question.objects.filter(author=owner.user)
    sessions = set(asked.values_list("session_id", flat=True))
    asked.update(author=None)
    changed(*sessions)


def register_personal_data() -> None:
    register(Registration, label="forum_registrations", export=_export_registrations,
             erase=_erase_registrations)
    # Questions stay in the session's record, asked by "a participant"; the vote counts stay, the votes go.
    register(Question, label="forum_questions", export=_export_questions,
             erase=_erase_questions)
    register(Vote, label="forum_votes", export=_export_votes,
             erase=lambda owner: Vote.objects.filter(voter=owner.user).delete())
    # The programme is the event's public record: the speaker stays in it, no longer linked to the account.
    register(Speaker, label="forum_speaker_roles", export=_export_speaker_roles,
             erase=lambda owner: Speaker.objects.filter(user=owner.user).update(user=None))
