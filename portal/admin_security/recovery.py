"""A person who lost their second factor gets it reset: by a coordinator in the admin (Settings › Second
factors), or on the command line (`manage.py reset_mfa`) when the last coordinator is the one locked out.
Each reset deletes the person's authenticators (the app and the recovery codes), so that the admin asks
them to enrol again, is in the site history with its reason and who did it, and is mailed to the person.
"""

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from wagtail.log_actions import log

from portal.core.mail import absolute_url, send_templated_mail
from portal.mirror_groups.permissions import ADMIN_ACCESS, managing_memberships

from .models import SecondFactor

RESET_ACTION = "admin_security.reset_second_factor"
# Who reset it, in the log entry's data, when no coordinator did.
COMMAND_LINE = "command line"


def people_who_enter_the_admin():
    """Everyone `access.can_enter_admin` lets in, as one query: whoever holds the admin permission through
    a group or their own permissions, superusers (Django's ModelBackend), and the current scientific
    coordinators and NCPs of mirror groups (portal.mirror_groups.permissions.ManagerBackend)."""
    User = get_user_model()
    holders = User.objects.with_perm(ADMIN_ACCESS, backend="django.contrib.auth.backends.ModelBackend")
    authenticators = Authenticator.objects.filter(user=OuterRef("pk"))
    app = authenticators.filter(type=Authenticator.Type.TOTP)
    return SecondFactor.objects.filter(
        Q(pk__in=holders.values("pk")) | Q(pk__in=managing_memberships().values("user")), is_active=True,
    ).annotate(
        has_authenticators=Exists(authenticators),
        app_since=Subquery(app.values("created_at")[:1]),
        app_last_used=Subquery(app.values("last_used_at")[:1]),
    )


def setup_url(request=None) -> str:
    return absolute_url(reverse("mfa_index"), request)


@transaction.atomic
def reset_second_factor(person, *, reason: str, by=None, request=None) -> list[str]:
    """Delete the person's authenticators, log it and tell them; `by` is the coordinator, None for the
    command line. Returns the kinds deleted ("recovery_codes", "totp"): none (nothing logged, nobody
    mailed) when there was nothing to reset, e.g. another reset came first."""
    if by is not None and by.pk == person.pk:
        raise ValueError("People manage their own second factor under /accounts/2fa/, not by a reset.")
    # One reset at a time per person: a second one, made at the same moment, finds nothing left.
    person = SecondFactor.objects.select_for_update().get(pk=person.pk)
    authenticators = Authenticator.objects.filter(user=person)
    kinds = sorted(authenticators.values_list("type", flat=True))
    if not kinds:
        return []
    authenticators.delete()
    log(instance=person, action=RESET_ACTION, user=by, data={
        "reason": reason, "by": str(by) if by is not None else COMMAND_LINE, "removed": kinds,
    })
    if person.email:
        send_templated_mail("admin_security/second_factor_reset", [person.email], {
            "person": person, "by": by, "reason": reason, "setup_url": setup_url(request),
        })
    return kinds
