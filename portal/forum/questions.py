"""Asking, voting and moderating audience questions (the views and the live updates come on top of this).

Who may ask and vote: the people holding a place at the event. Who moderates: coordinators (the change
permission on questions) and the session's chair and co-chair when linked to an account. A moderator always
knows who asked; other attendees see an anonymous question without its author.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Question, Registration, Session, Speaker, Vote
from .models.registrations import HOLDS_A_PLACE


class Refused(Exception):
    pass


def is_attendee(session: Session, user) -> bool:
    return user.is_authenticated and Registration.objects.filter(
        event_id=session.event_id, user=user, status__in=HOLDS_A_PLACE).exists()


def is_moderator(session: Session, user) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_perm("forum.change_question"):
        return True
    return Speaker.objects.filter(session=session, user=user,
                                  role__in=[Speaker.Role.CHAIR, Speaker.Role.CO_CHAIR]).exists()


def ask(session: Session, user, text: str, *, anonymous: bool = False) -> Question:
    if not session.questions_open:
        raise Refused(_("Questions are closed for this session."))
    if not (is_attendee(session, user) or is_moderator(session, user)):
        raise Refused(_("Questions are for the people registered for the event."))
    text = " ".join(text.split())
    if not text:
        raise Refused(_("Write your question."))
    state = Question.State.PENDING if session.questions_moderated else Question.State.SHOWN
    return Question.objects.create(session=session, author=user, text=text, anonymous=anonymous, state=state)


def upvote(question: Question, user) -> bool:
    """One vote a person: True when this one counted, False when they had voted already."""
    if question.state != Question.State.SHOWN:
        raise Refused(_("Only questions shown to the audience take votes."))
    if not is_attendee(question.session, user):
        raise Refused(_("Votes are for the people registered for the event."))
    try:
        with transaction.atomic():
            Vote.objects.create(question=question, voter=user)
    except IntegrityError:
        return False
    Question.objects.filter(pk=question.pk).update(votes=F("votes") + 1, changed_at=timezone.now())
    return True


def moderate(question: Question, user, action: str) -> None:
    """`action`: show, hide, answer, pin or unpin (one pinned question a session)."""
    if not is_moderator(question.session, user):
        raise Refused(_("Only the session's moderators do that."))
    now = timezone.now()
    states = {"show": Question.State.SHOWN, "hide": Question.State.HIDDEN, "answer": Question.State.ANSWERED}
    with transaction.atomic():
        if action in states:
            Question.objects.filter(pk=question.pk).update(state=states[action], changed_at=now)
        elif action in ("pin", "unpin"):
            pinned = Question.objects.filter(session=question.session, pinned=True)
            pinned.update(pinned=False, changed_at=now)
            if action == "pin":
                Question.objects.filter(pk=question.pk).update(pinned=True, state=Question.State.SHOWN,
                                                               changed_at=now)
        else:
            raise ValueError(action)
    question.refresh_from_db()


def visible_questions(session: Session, user):
    """What this person sees: shown and answered questions; their own pending ones; everything for a
    moderator. Authors of anonymous questions are theirs to know only when they moderate (`show_author`)."""
    questions = Question.objects.filter(session=session).select_related("author")
    if is_moderator(session, user):
        return questions, True
    open_states = [Question.State.SHOWN, Question.State.ANSWERED]
    mine = questions.filter(author=user, state=Question.State.PENDING) if user.is_authenticated else None
    shown = questions.filter(state__in=open_states)
    return (shown | mine if mine is not None else shown), False


def author_shown(question: Question, *, to_moderator: bool) -> str:
    """The name other people see beside a question."""
    if question.author is None:
        return _("A participant")
    if question.anonymous and not to_moderator:
        return _("Anonymous")
    return question.author.get_full_name() or _("A participant")
