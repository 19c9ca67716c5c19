"""Shorter sessions for everyone who can enter the admin: signed out after ADMIN_SESSION_IDLE_SECONDS
without activity and ADMIN_SESSION_MAX_SECONDS after signing in. Stakeholders keep the long session."""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from .access import can_enter_admin

SIGNED_IN_AT = "admin_security_signed_in_at"
ACTIVE_AT = "admin_security_active_at"
# Activity is written to the session at most this often: pages that poll must not save it each time.
STAMP_EVERY_SECONDS = 60
# Requests pages send by themselves, not a person's doing: the admin's editing-session ping, the poll of a
# forum session's Q&A board (which must never write the session).
BACKGROUND_NAMESPACES = {"wagtailadmin_editing_sessions"}
BACKGROUND_VIEWS = {"forum:questions_poll"}


@receiver(user_logged_in)
def note_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[ACTIVE_AT] = int(time.time())


def _expiry_message(session, now: int) -> str | None:
    signed_in_at = session.get(SIGNED_IN_AT)
    # A session without the stamp began before sessions were timed: it counts as too old.
    if signed_in_at is None or now - signed_in_at >= settings.ADMIN_SESSION_MAX_SECONDS:
        return _("You were signed out: accounts that can enter the admin stay signed in for at most "
                 "%(period)s. Please sign in again.") % {
            "period": _period(settings.ADMIN_SESSION_MAX_SECONDS)}
    if now - session.get(ACTIVE_AT, signed_in_at) >= settings.ADMIN_SESSION_IDLE_SECONDS:
        return _("You were signed out after %(period)s without activity. Please sign in again.") % {
            "period": _period(settings.ADMIN_SESSION_IDLE_SECONDS)}
    return None


def _period(seconds: int) -> str:
    now = timezone.now()
    return timesince(now - timedelta(seconds=seconds), now)


def _is_background(request) -> bool:
    match = request.resolver_match
    return match is not None and (bool(BACKGROUND_NAMESPACES & set(match.namespaces))
                                  or match.view_name in BACKGROUND_VIEWS)


class AdminSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not can_enter_admin(request.user):
            return self.get_response(request)
        now = int(time.time())
        message = _expiry_message(request.session, now)
        if message is not None:
            logout(request)
            messages.warning(request, message)
            if request.method == "GET":
                return redirect_to_login(request.get_full_path())
            return redirect(settings.LOGIN_URL)
        response = self.get_response(request)
        active_at = request.session.get(ACTIVE_AT)
        if (request.user.is_authenticated and not _is_background(request)
                and (active_at is None or now - active_at >= STAMP_EVERY_SECONDS)):
            request.session[ACTIVE_AT] = now
        return response
