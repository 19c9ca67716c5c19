"""The forum's public addresses outside its pages: the iCalendar files of live, public events."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from . import calendar
from .models import Session


def _ics(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


def feed(request):
    return _ics(calendar.feed_ics(calendar.coming_events()), "stakeholder-forum")


def event_programme(request, page_id: int):
    event = get_object_or_404(calendar.public_events(), pk=page_id)
    return _ics(calendar.programme_ics(event, Session.objects.filter(event=event)), event.slug)


def session(request, session_id: int):
    found = get_object_or_404(Session.objects.select_related("event"), pk=session_id,
                              event__in=calendar.public_events())
    return _ics(calendar.session_ics(found), f"session-{found.pk}")
