"""The programme as iCalendar (the `icalendar` package): an event's sessions, one session, and the feed of
coming events. Public calendars: the online link is never in them."""

import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import ForumEventPage, Session


def public_events():
    return ForumEventPage.objects.live().public()


def coming_events():
    return public_events().filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")


def _uid(kind: str, pk: int) -> str:
    return f"forum-{kind}-{pk}@{urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname}"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//1+MG stakeholder portal//Stakeholder Forum//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _place(event: ForumEventPage) -> str:
    return event.venue or _("Online")


def _entry(uid: str, summary: str, starts_at, ends_at, zone: str, location: str, url: str = "",
           description: str = "") -> Event:
    tz = zoneinfo.ZoneInfo(zone)
    entry = Event()
    entry.add("uid", uid)
    entry.add("dtstamp", timezone.now())
    entry.add("summary", summary)
    entry.add("dtstart", starts_at.astimezone(tz))
    entry.add("dtend", ends_at.astimezone(tz))
    entry.add("location", location)
    if url:
        entry.add("url", url)
    if description:
        entry.add("description", description)
    return entry


def _session_entry(session: Session, event: ForumEventPage, url: str) -> Event:
    location = ", ".join(part for part in (session.track, _place(event)) if part)
    return _entry(_uid("session", session.pk), f"{session.title} ({event.title})", session.starts_at,
                  session.ends_at, event.time_zone, location, url, session.description)


def _finish(calendar: Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def programme_ics(event: ForumEventPage, sessions) -> bytes:
    url = event.full_url or ""
    calendar = _calendar(event.title)
    for session in sessions:
        calendar.add_component(_session_entry(session, event, url))
    return _finish(calendar)


def session_ics(session: Session) -> bytes:
    event = session.event
    calendar = _calendar(session.title)
    calendar.add_component(_session_entry(session, event, event.full_url or ""))
    return _finish(calendar)


def feed_ics(events) -> bytes:
    calendar = _calendar(_("Stakeholder Forum: coming events"))
    for event in events:
        calendar.add_component(_entry(_uid("event", event.pk), event.title, event.starts_at, event.ends_at,
                                      event.time_zone, _place(event), event.full_url or "", event.summary))
    return _finish(calendar)
