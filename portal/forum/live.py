"""What the Q&A board of a session shows, cached so that hundreds of attendees can poll it.

A poll's answer has a shared part, the same for everyone of one audience (attendees, or moderators, who
also see pending and hidden questions and the authors of anonymous ones), and a small personal part (the
person's votes and their own questions waiting for a moderator). Every change to a session's questions
moves the session's version, a number kept in the cache; the shared part is cached under the session,
audience, language and version, so no key ever holds a stale answer and nothing needs deleting. The ETag
names the version, the audience, the person and the order: a poll with nothing new reads the version and
answers 304.
"""

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from . import questions
from .models import Question, Session, Vote
from .questions import version

AUDIENCE, MODERATORS = "audience", "moderators"
SORTS = ("votes", "time")
PRESENT = "present"
# What a moderator may do with a question, and what they are told once it is done.
MODERATION = {
    "approve": gettext_lazy("The question is shown to the audience."),
    "show": gettext_lazy("The question is shown to the audience."),
    "hide": gettext_lazy("The question is hidden."),
    "answer": gettext_lazy("The question is marked answered."),
    "pin": gettext_lazy("The question is pinned."),
    "unpin": gettext_lazy("The question is no longer pinned."),
}
# The buttons of a moderator, in the order they show.
ACTION_LABELS = [
    ("approve", gettext_lazy("Approve")),
    ("show", gettext_lazy("Show again")),
    ("answer", gettext_lazy("Mark answered")),
    ("pin", gettext_lazy("Pin")),
    ("unpin", gettext_lazy("Unpin")),
    ("hide", gettext_lazy("Hide")),
]
# The row the page's template draws for its script to copy: every button, for question 0.
BLANK_ROW = {"id": 0, "text": "", "author": "", "votes": 0, "state": Question.State.SHOWN, "pinned": False,
             "anonymous": False, "actions": [action for action, _label in ACTION_LABELS]}
# The presenter view: the pinned question, then the most voted ones.
PRESENTED = 5
# Shared parts of versions no longer current are left to expire.
SHARED_SECONDS = 600


def audience_of(session: Session, user) -> str | None:
    """Who the person is to this session's Q&A; None for someone who may not follow it."""
    if questions.is_moderator(session, user):
        return MODERATORS
    if questions.is_attendee(session, user):
        return AUDIENCE
    return None


# What a moderator may do with a question in each state (the page and its script show these buttons).
ACTIONS = {
    Question.State.PENDING: ["approve", "hide"],
    Question.State.SHOWN: ["answer", "pin", "hide"],
    Question.State.HIDDEN: ["show"],
    Question.State.ANSWERED: ["show"],
}


def _row(question: Question, *, to_moderators: bool) -> dict:
    row = {
        "id": question.pk,
        "text": question.text,
        "author": questions.author_shown(question, to_moderator=to_moderators),
        "votes": question.votes,
        "state": question.state,
        "pinned": question.pinned,
        "asked_at": question.created_at.isoformat(),
    }
    if to_moderators:
        actions = ACTIONS[question.state]
        row |= {"anonymous": question.anonymous,
                "actions": ["unpin" if action == "pin" and question.pinned else action for action in actions]}
    return row


def shared(session: Session, audience: str) -> list[dict]:
    # The names shown for anonymous and erased askers are in the reader's language.
    key = f"forum:qa:{session.pk}:{audience}:{get_language()}:{version(session.pk)}"
    rows = cache.get(key)
    if rows is None:
        found = Question.objects.filter(session=session).select_related("author")
        if audience != MODERATORS:
            found = found.filter(state__in=questions.OPEN_STATES)
        rows = [_row(question, to_moderators=audience == MODERATORS) for question in found]
        cache.set(key, rows, SHARED_SECONDS)
    return rows


def personal(session: Session, user, audience: str) -> dict:
    """The person's votes, and (for an attendee) their own questions waiting for a moderator."""
    voted = list(Vote.objects.filter(question__session=session, voter=user)
                 .values_list("question_id", flat=True))
    waiting = []
    if audience != MODERATORS:
        own = Question.objects.filter(session=session, author=user, state=Question.State.PENDING)
        waiting = [_row(question, to_moderators=False) | {"author": _("You")} for question in own]
    return {"voted": voted, "waiting": waiting}


def etag(session: Session, user, audience: str, view: str) -> str:
    """`view`: a sort of the board, or "present" (the same for every moderator)."""
    person = "all" if view == PRESENT else user.pk
    name = f"{session.pk}:{audience}:{person}:{view}:{get_language()}:{version(session.pk)}"
    return '"' + hashlib.blake2b(name.encode(), digest_size=12).hexdigest() + '"'


def _ordered(rows: list[dict], sort: str) -> list[dict]:
    if sort == "time":
        return sorted(rows, key=lambda row: row["asked_at"], reverse=True)
    return sorted(rows, key=lambda row: (-row["votes"], row["asked_at"]))


def board(session: Session, user, audience: str, sort: str) -> dict:
    """What the page shows and its script receives: the questions in sections, each in order."""
    rows = shared(session, audience)
    mine = personal(session, user, audience)

    def having(state):
        return _ordered([row for row in rows if row["state"] == state and not row["pinned"]], sort)

    return {
        "moderator": audience == MODERATORS,
        "open": session.questions_open,
        "voted": mine["voted"],
        "sections": {
            "pinned": [row for row in rows if row["pinned"]],
            "asked": having(Question.State.SHOWN),
            "waiting": mine["waiting"] + having(Question.State.PENDING),
            "answered": having(Question.State.ANSWERED),
            "hidden": having(Question.State.HIDDEN),
        },
    }


def presented(session: Session) -> dict:
    """The presenter view: what every attendee sees, the pinned question and then the most voted."""
    rows = [row for row in shared(session, AUDIENCE) if row["state"] == Question.State.SHOWN]
    pinned = [row for row in rows if row["pinned"]]
    return {"questions": pinned + _ordered([row for row in rows if not row["pinned"]], "votes")[:PRESENTED]}
