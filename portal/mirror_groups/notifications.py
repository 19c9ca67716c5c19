"""Email to the people a group's applications concern."""

from django.conf import settings
from django.urls import reverse

from portal.mail import send_templated_mail

from .models import MANAGING_ROLES


def notify_managers(application) -> None:
    """Tell the group's scientific coordinator and NCP that someone applied to join."""
    group = application.group
    recipients = sorted(set(
        group.current_memberships().filter(role__in=MANAGING_ROLES).values_list("email", flat=True)
    ))
    if recipients:
        send_templated_mail("mirror_groups/new_application", recipients, {
            "application": application, "group": group,
            "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_home"),
        })
