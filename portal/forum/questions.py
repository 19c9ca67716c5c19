"""Asking, voting and moderating audience questions (live.py shows them, views.py takes what people send).

Who may ask and vote: the people holding a place at the event. Who moderates: coordinators (the change
permission on questions) and the session's chair and co-chair when linked to an account. A moderator always
knows who asked; other attendees see an anonymous question without its author.
"""

import time

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Question, Registration, Session, Speaker, Vote
from .models.registrations import HOLDS_A_PLACE

# What every attendee sees; pending and hidden questions are for moderators (a pending one also for its
# author).
OPEN_STATES = [Question.State.SHOWN, Question.State.ANSWERED]


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
    if not question.session.questions_open:
        raise Refused(_("Questions are closed for this session."))
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
    changed(question.session_id)
    return True


def moderate(question: Question, user, action: str) -> None:
    """`action`: approve (a pending question) or show, hide, answer, pin or unpin (one pinned question a
    session)."""
    if not is_moderator(question.session, user):
        raise Refused(_("Only the session's moderators do that."))
    now = timezone.now()
    states = {"approve": Question.State.SHOWN, "show": Question.State.SHOWN, "hide": Question.State.HIDDEN,
              "answer": Question.State.ANSWERED}
    with transaction.atomic():
        if action in states:
            # Only a shown question stays pinned: hiding or answering it moves the room on.
            unpin = {} if states[action] == Question.State.SHOWN else {"pinned": False}
            fields = {"state": states[action], "changed_at": now} | unpin
            Question.objects.filter(pk=question.pk).update(**fields)
        elif action in ("pin", "unpin"):
            pinned = Question.objects.filter(session=question.session, pinned=True)
            pinned.update(pinned=False, changed_at=now)
            if action == "pin":
                Question.objects.filter(pk=question.pk).update(pinned=True, state=Question.State.SHOWN,
                                                               changed_at=now)
        else:
            raise ValueError(action)
        changed(question.session_id)
    question.refresh_from_db()


def author_shown(question: Question, *, to_moderator: bool) -> str:
    """The name other people see beside a question."""
    if question.author is None:
        return _("A participant")
    if question.anonymous and not to_moderator:
        return _("Anonymous")
    return question.author.get_full_name() or _("A participant")


# The version of a session's questions, kept in the cache, moves with every change; the Q&A board
# (live.py) caches what it shows under it.

def _version_key(session_id: int) -> str:
    return f"forum:qa:{session_id}:version"


def version(session_id: int) -> int:
    key = _version_key(session_id)
    current = cache.get(key)
    if current is None:
        # A version lost with the cache starts again from the clock, never from a number handed out before.
        cache.add(key, time.time_ns(), timeout=None)
        current = cache.get(key) or time.time_ns()
    return current


def changed(*session_ids: int) -> None:
    """Move the versions once the change is committed (a poll before that must not cache the old rows
    under the new version)."""

    def move():
        for session_id in set(session_ids):
            try:
                cache.incr(_version_key(session_id))
            except ValueError:
                cache.set(_version_key(session_id), time.time_ns(), timeout=None)

    transaction.on_commit(move)


@receiver([post_save, post_delete], sender=Question)
def question_changed(sender, instance, **kwargs):
    changed(instance.session_id)


@receiver(post_save, sender=Session)
def session_changed(sender, instance, **kwargs):
    changed(instance.pk)
