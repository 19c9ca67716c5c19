"""The people who enter the admin, seen for their second factor.

A proxy of the user model, so that resetting a second factor has a permission of its own (coordinators
hold it) and its log entries a type of their own: Wagtail shows a log entry in Reports › Site history to
whoever holds a permission on its model, so the resets are there for the coordinators and nobody else.
"""

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

RESET_PERMISSION = "admin_security.reset_second_factor"


class SecondFactor(User):
    class Meta:
        proxy = True
        default_permissions = ()
        permissions = [("reset_second_factor", "Can reset the second factor of others")]
        verbose_name = _("second factor")
        verbose_name_plural = _("second factors")
