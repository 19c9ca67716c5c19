"""Nothing under /admin/ answers someone who may enter the admin until they have a second factor."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .access import can_enter_admin, is_admin_path

# Signing out needs no second factor.
OPEN_ADMIN_PATHS = ("/admin/logout/",)


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (settings.ADMIN_MFA_REQUIRED and is_admin_path(request.path)
                and not request.path.startswith(OPEN_ADMIN_PATHS)
                and can_enter_admin(request.user)
                and not is_mfa_enabled(request.user, [Authenticator.Type.TOTP])):
            messages.info(request, _(
                "The admin needs a second factor: set up an authenticator app on your phone, then open the "
                "admin again."))
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
