"""The forum's emails, each through the outbox: a registration received (with its place or its place in the
queue), a place offered, an offer lapsed, a registration cancelled."""

from django.urls import reverse

from portal.core.mail import absolute_url, send_templated_mail

from . import calendar
from .models import Registration, Session, WorkshopChoice


def _send(name: str, registration: Registration, attachments=(), **context) -> None:
    user = registration.user
    send_templated_mail(
        f"forum/{name}", [user.email],
        {"registration": registration, "event": registration.event, "person": user.get_full_name(),
         "event_url": absolute_url(registration.event.url or "/"),
         "portal_url": absolute_url(reverse("stakeholders:my_portal")),
         "cancel_url": absolute_url(reverse("forum:cancel", args=[registration.token])), **context},
        concerning=[user.email], attachments=attachments)


def registration_received(registration: Registration) -> None:
    """With the programme as an .ics file once the person holds a place."""
    event = registration.event
    attachments = []
    if registration.status == Registration.Status.REGISTERED:
        programme = calendar.programme_ics(event, Session.objects.filter(event=event))
        attachments.append((f"{event.slug}.ics", programme, "text/calendar"))
    _send("registration_received", registration, attachments=attachments,
          workshops=list(registration.workshops.select_related("session")))


def place_offered(offer: Registration | WorkshopChoice) -> None:
    registration = offer if isinstance(offer, Registration) else offer.registration
    _send("place_offered", registration, offer=offer,
          workshop=None if isinstance(offer, Registration) else offer.session)


def offer_accepted(offer: Registration | WorkshopChoice) -> None:
    registration_received(offer if isinstance(offer, Registration) else offer.registration)


def offer_lapsed(offer: Registration | WorkshopChoice) -> None:
    registration = offer if isinstance(offer, Registration) else offer.registration
    _send("offer_lapsed", registration, workshop=None if isinstance(offer, Registration) else offer.session)


def reminder(registration: Registration) -> None:
    """With the joining link of an online event: the person holds a place."""
    _send("reminder", registration, online_link=registration.event.online_link)


def message_from_coordinators(registration: Registration, subject: str, text: str) -> None:
    _send("message", registration, subject=subject, text=text)


def registration_cancelled(registration: Registration) -> None:
    _send("registration_cancelled", registration)
