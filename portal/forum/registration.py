"""Places at an event and in its workshops: who holds one, who waits, who is offered a freed place.

A registration holds an event place or waits for one; each workshop chosen holds a place in that workshop or
waits, in a queue of its own, so a person can hold an event place while waiting for a workshop. Only people
with an event place take workshop places. When a place frees, the first in the queue is offered it until a
deadline (the event's `offer_hours`); an offered place counts against capacity; past the deadline it lapses
and the next person is offered it.

Every change locks the row whose places it counts (the event, a workshop) with SELECT ... FOR UPDATE, so two
people asking for the last place at once are served one after the other and never over-fill it.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.stakeholders.members import is_member

from . import notifications
from .models import ForumEventPage, Registration, Session, WorkshopChoice
from .models.registrations import HOLDS_A_PLACE, Status


class Refused(Exception):
    """Why a person cannot register (or take an offer): a sentence to show them."""


def refusal(event: ForumEventPage, user, now=None) -> str:
    """Why `user` may not register for `event` now, or an empty string."""
    now = now or timezone.now()
    if not is_member(user):
        return _("Registration is for approved stakeholders: it opens to you once a coordinator has "
                 "approved your registration on the portal.")
    if not event.registration_open or (event.registration_closes_at and event.registration_closes_at <= now):
        return _("Registration for this event is closed.")
    if event.ends_at <= now:
        return _("This event is over.")
    return ""


def register(event: ForumEventPage, user, *, workshops=(), accessibility_needs: str = "",
             listed: bool = False, now=None) -> Registration:
    """Register `user` (again, if they had cancelled) with one workshop per parallel slot at most."""
    now = now or timezone.now()
    reason = refusal(event, user, now)
    if reason:
        raise Refused(reason)
    workshops = _checked_workshops(event, workshops)
    with transaction.atomic():
        event = _locked_event(event)
        registration = Registration.objects.filter(event=event, user=user).first()
        if registration is not None and registration.status != Status.CANCELLED:
            raise Refused(_("You are registered for this event already."))
        status = Status.REGISTERED if _has_room(event) else Status.WAITING
        if registration is None:
            registration = Registration(event=event, user=user)
        else:
            registration.workshops.all().delete()  # a cancelled registration's choices: chosen afresh
            registration.created_at = now  # to the end of the queue
        registration.status, registration.changed_at, registration.offered_until = status, now, None
        registration.accessibility_needs, registration.listed = accessibility_needs, listed
        registration.save()
        for session in workshops:
            _choose(registration, session, now)
        notifications.registration_received(registration)
    return registration


def cancel(registration: Registration, *, now=None, notify: bool = True) -> None:
    """The person gives up their place (or their place in the queue, or an offer), and their workshops;
    the places they free are offered on (`notify=False` when their account is being erased)."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked_event(registration.event)
        registration.refresh_from_db()
        if registration.status in (Status.CANCELLED, Status.ATTENDED):
            return
        registration.status, registration.changed_at, registration.offered_until = Status.CANCELLED, now, None
        registration.save(update_fields=["status", "changed_at", "offered_until"])
        choices = list(registration.workshops.exclude(status=Status.CANCELLED).select_related("session"))
        for choice in choices:
            choice.status, choice.changed_at, choice.offered_until = Status.CANCELLED, now, None
            choice.save(update_fields=["status", "changed_at", "offered_until"])
        if notify:
            notifications.registration_cancelled(registration)
        _offer_freed_places(event, now)
        for choice in choices:
            _offer_freed_workshop_places(choice.session, now)


def cancel_workshop(choice: WorkshopChoice, *, now=None) -> None:
    """The person leaves a workshop (or its queue) and keeps their event place."""
    now = now or timezone.now()
    with transaction.atomic():
        session = _locked_session(choice.session)
        choice.refresh_from_db()
        if choice.status == Status.CANCELLED:
            return
        choice.status, choice.changed_at, choice.offered_until = Status.CANCELLED, now, None
        choice.save(update_fields=["status", "changed_at", "offered_until"])
        _offer_freed_workshop_places(session, now)


def accept(offer: Registration | WorkshopChoice, *, now=None) -> None:
    """Take up an offered place (of the event, or of a workshop) before its deadline."""
    now = now or timezone.now()
    with transaction.atomic():
        if isinstance(offer, Registration):
            _locked_event(offer.event)
        else:
            _locked_session(offer.session)
        offer.refresh_from_db()
        if offer.status != Status.OFFERED:
            raise Refused(_("There is no place on offer for you here any more."))
        if offer.offered_until and offer.offered_until < now:
            raise Refused(_("The time to take up this place has passed."))
        offer.status, offer.changed_at, offer.offered_until = Status.REGISTERED, now, None
        offer.save(update_fields=["status", "changed_at", "offered_until"])
        if isinstance(offer, Registration):
            # With an event place, the person joins the workshops they wait for in their queue's order.
            for choice in offer.workshops.filter(status=Status.WAITING).select_related("session"):
                _offer_freed_workshop_places(_locked_session(choice.session), now)
        notifications.offer_accepted(offer)


def lapse_offers(now=None) -> int:
    """Offers past their deadline lapse and the next in each queue is offered the place (a periodic task)."""
    now = now or timezone.now()
    lapsed = 0
    for event_id in (Registration.objects.filter(status=Status.OFFERED, offered_until__lt=now)
                     .values_list("event_id", flat=True).distinct()):
        with transaction.atomic():
            event = _locked_event(ForumEventPage(pk=event_id))
            for registration in Registration.objects.filter(event=event, status=Status.OFFERED,
                                                            offered_until__lt=now):
                registration.status, registration.changed_at = Status.CANCELLED, now
                registration.save(update_fields=["status", "changed_at"])
                registration.workshops.update(status=Status.CANCELLED, changed_at=now, offered_until=None)
                notifications.offer_lapsed(registration)
                lapsed += 1
            _offer_freed_places(event, now)
    for session_id in (WorkshopChoice.objects.filter(status=Status.OFFERED, offered_until__lt=now)
                       .values_list("session_id", flat=True).distinct()):
        with transaction.atomic():
            session = _locked_session(Session(pk=session_id))
            for choice in WorkshopChoice.objects.filter(session=session, status=Status.OFFERED,
                                                        offered_until__lt=now).select_related("registration"):
                choice.status, choice.changed_at = Status.CANCELLED, now
                choice.save(update_fields=["status", "changed_at"])
                notifications.offer_lapsed(choice)
                lapsed += 1
            _offer_freed_workshop_places(session, now)
    return lapsed


def places_taken(queryset) -> int:
    return queryset.filter(status__in=HOLDS_A_PLACE).count()


def _locked_event(event) -> ForumEventPage:
    return ForumEventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def _locked_session(session) -> Session:
    return Session.objects.select_for_update().select_related("event").get(pk=session.pk)


def _has_room(event) -> bool:
    waiting = event.registrations.filter(status=Status.WAITING).exists()
    return not waiting and (event.capacity is None or places_taken(event.registrations) < event.capacity)


def _workshop_has_room(session) -> bool:
    return session.capacity is None or places_taken(session.choices) < session.capacity


def _checked_workshops(event, workshops) -> list[Session]:
    workshops = list(workshops)
    if any(session.event_id != event.pk or not session.is_workshop for session in workshops):
        raise Refused(_("Choose among this event's workshops."))
    slots = [session.starts_at for session in workshops]
    if len(slots) != len(set(slots)):
        raise Refused(_("Choose one workshop in each parallel slot."))
    return sorted(workshops, key=lambda session: session.pk)  # locks taken in one order: no deadlock


def _choose(registration: Registration, session: Session, now) -> WorkshopChoice:
    session = _locked_session(session)
    ahead = session.choices.filter(status=Status.WAITING, registration__status__in=HOLDS_A_PLACE).exists()
    takes_place = registration.status == Status.REGISTERED and not ahead and _workshop_has_room(session)
    return WorkshopChoice.objects.create(
        registration=registration, session=session, created_at=now, changed_at=now,
        status=Status.REGISTERED if takes_place else Status.WAITING)


def _offer_freed_places(event, now) -> None:
    deadline = now + timedelta(hours=event.offer_hours)
    while event.capacity is None or places_taken(event.registrations) < event.capacity:
        first = event.registrations.filter(status=Status.WAITING).order_by("created_at", "pk").first()
        if first is None:
            return
        first.status, first.changed_at, first.offered_until = Status.OFFERED, now, deadline
        first.save(update_fields=["status", "changed_at", "offered_until"])
        notifications.place_offered(first)


def _offer_freed_workshop_places(session, now) -> None:
    deadline = now + timedelta(hours=session.event.offer_hours)
    while _workshop_has_room(session):
        first = (session.choices.filter(status=Status.WAITING, registration__status__in=HOLDS_A_PLACE)
                 .select_related("registration").order_by("created_at", "pk").first())
        if first is None:
            return
        first.status, first.changed_at, first.offered_until = Status.OFFERED, now, deadline
        first.save(update_fields=["status", "changed_at", "offered_until"])
        notifications.place_offered(first)
