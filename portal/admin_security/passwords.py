"""Passwords of people who can enter the admin meet today's rules (AUTH_PASSWORD_VALIDATORS: 12 characters
at least). A password is only known in clear while signing in: one that today's rules would refuse is
noted in the session then, and its owner is sent to change it before any admin page answers."""

from urllib.parse import urlencode

from allauth.account.signals import password_changed, password_reset, password_set
from django.contrib import messages
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .access import can_enter_admin, is_admin_path

MUST_CHANGE = "admin_security_password_must_change"


def note_password_at_sign_in(request, user, password: str | None) -> None:
    """Called by the account adapter when a password signs someone in."""
    if password is None:
        return
    try:
        validate_password(password, user)
    except ValidationError:
        request.session[MUST_CHANGE] = user.pk
    else:
        request.session.pop(MUST_CHANGE, None)


@receiver(password_changed)
@receiver(password_set)
@receiver(password_reset)
def forget_the_old_password(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session.pop(MUST_CHANGE, None)


class PasswordChangeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (is_admin_path(request.path) and request.user.is_authenticated
                and request.session.get(MUST_CHANGE) == request.user.pk and can_enter_admin(request.user)):
            messages.warning(request, _(
                "Your password is shorter or weaker than the admin now requires. Please choose a new one "
                "before you go on."))
            target = reverse("account_change_password")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)
