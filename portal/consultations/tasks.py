"""The consultations' periodic work (CELERY_BEAT_SCHEDULE; `make run` runs it too): rounds whose opening
time came are frozen and their participants invited; a reminder goes REMINDER_BEFORE a round closes to those
who have not taken part yet; once the review has closed, a person whose comments are all answered (or, at the
latest, when the validation opens, whatever is answered) gets one summary. Each notice goes once."""

from datetime import timedelta

from celery import shared_task
from django.db.models import Exists, OuterRef
from django.utils import timezone

from . import notifications, services
from .models import Comment, Consultation, Notice, Round, Verdict

REMINDER_BEFORE = timedelta(days=2)


def _opening_field(round_: int) -> str:
    return "review_opens_at" if round_ == Round.REVIEW else "validation_opens_at"


def _closing_field(round_: int) -> str:
    return "review_closes_at" if round_ == Round.REVIEW else "validation_closes_at"


@shared_task
def send_consultation_notices() -> int:
    now = timezone.now()
    sent = 0
    for round_ in Round.values:
        open_now = Consultation.objects.filter(**{f"{_opening_field(round_)}__lte": now,
                                                  f"{_closing_field(round_)}__gt": now})
        for consultation in open_now:
            services.opened_version(consultation, round_)
            invited = set(Notice.objects.filter(consultation=consultation, round=round_,
                                                kind=Notice.Kind.INVITATION).values_list("user", flat=True))
            for person in services.participants(consultation, round_).exclude(pk__in=invited):
                sent += notifications.send_once(consultation, person, round_, Notice.Kind.INVITATION)
            if consultation.closes_at(round_) - REMINDER_BEFORE <= now:
                sent += _remind(consultation, round_)
    return sent + _send_answer_summaries(now)


def _remind(consultation: Consultation, round_: int) -> int:
    if round_ == Round.REVIEW:
        done = Comment.objects.filter(section__version__consultation=consultation).values("author")
    else:
        done = Verdict.objects.filter(version__consultation=consultation, voter__isnull=False).values("voter")
    reminded = Notice.objects.filter(consultation=consultation, round=round_, kind=Notice.Kind.REMINDER)
    sent = 0
    for person in (services.participants(consultation, round_).exclude(pk__in=done)
                   .exclude(pk__in=reminded.values("user"))):
        sent += notifications.send_once(consultation, person, round_, Notice.Kind.REMINDER)
    return sent


def _send_answer_summaries(now) -> int:
    summarised = Notice.objects.filter(kind=Notice.Kind.ANSWERS, user=OuterRef("author"),
                                       consultation=OuterRef("section__version__consultation"))
    waiting = (Comment.objects.filter(section__version__consultation__review_closes_at__lte=now,
                                      author__isnull=False)
               .exclude(Exists(summarised))
               .select_related("section__version__consultation", "author").order_by("section__number", "pk"))
    groups: dict = {}
    for comment in waiting:
        groups.setdefault((comment.section.version.consultation, comment.author), []).append(comment)
    sent = 0
    for (consultation, author), comments in groups.items():
        opens = consultation.validation_opens_at
        validation_opened = opens is not None and opens <= now
        answered = [comment for comment in comments if comment.answered_at]
        if answered and (len(answered) == len(comments) or validation_opened):
            sent += notifications.answered(consultation, author, answered, Round.REVIEW)
    return sent
