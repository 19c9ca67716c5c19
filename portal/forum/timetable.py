"""What the event page shows: the programme grouped into time slots (with each session's answered audience
questions), the attendance figures and who may see the online link. Each is a fixed number of queries, however
many sessions, speakers and questions there are."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Prefetch, Q
from wagtail.images import get_image_model

from .models import Material, Question, Registration, Session, Speaker
from .models.registrations import HOLDS_A_PLACE

PHOTO = "fill-120x120"


def programme(event):
    """The event's sessions with their disease area, speakers (and photos), materials and answered questions
    (`answered_questions`, the most voted first)."""
    photos = get_image_model().objects.prefetch_renditions(PHOTO)
    speakers = Speaker.objects.prefetch_related(Prefetch("photo", queryset=photos))
    # The public record: the question and its votes, never who asked (only attendees ever saw names).
    answered = Question.objects.filter(state=Question.State.ANSWERED).only("session_id", "text", "votes")
    return (Session.objects.filter(event=event).select_related("disease_area")
            .prefetch_related(Prefetch("speakers", queryset=speakers),
                              Prefetch("materials", queryset=Material.objects.select_related("document")),
                              Prefetch("questions", queryset=answered, to_attr="answered_questions")))


@dataclass
class Slot:
    starts_at: datetime
    sessions: list = field(default_factory=list)

    @property
    def parallel(self) -> bool:
        return len(self.sessions) > 1 and all(session.is_workshop for session in self.sessions)


def slots(sessions) -> list[Slot]:
    """Sessions grouped by their start: sessions starting together are one slot, shown side by side."""
    grouped: dict[datetime, Slot] = {}
    for session in sessions:
        lines = session.guiding_questions.splitlines()
        session.question_list = [line.strip() for line in lines if line.strip()]
        grouped.setdefault(session.starts_at, Slot(session.starts_at)).sessions.append(session)
    return list(grouped.values())


def attendance(event) -> dict:
    """The figures the record states, or else those counted from the registrations (one query)."""
    figures = {"registered": event.registered_count, "attended": event.attended_count}
    if None in figures.values():
        counted = Registration.objects.filter(event=event).aggregate(
            registered=Count("pk", filter=Q(status__in=[Registration.Status.REGISTERED,
                                                        Registration.Status.ATTENDED])),
            attended=Count("pk", filter=Q(status=Registration.Status.ATTENDED)))
        figures = {name: counted[name] if value is None else value for name, value in figures.items()}
    return figures


def may_join_online(event, user) -> bool:
    """Whether the person holds a place at the event: only they get its online link."""
    return bool(user.is_authenticated and Registration.objects.filter(
        event=event, user=user, status__in=HOLDS_A_PLACE).exists())


def attendee_list(event, user) -> list | None:
    """For a person holding a place: the other attendees who agreed to be listed (name and organisation);
    for anyone else, None (the list is not theirs to see)."""
    if not may_join_online(event, user):
        return None
    return list(Registration.objects.filter(event=event, status__in=HOLDS_A_PLACE, listed=True)
                .select_related("user__stakeholder_profile").order_by("user__last_name", "user__first_name"))
