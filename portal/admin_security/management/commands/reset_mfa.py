"""Reset the second factor of the account with this address (its authenticator app and recovery codes), for
the last coordinator locked out of the admin; anyone else is reset by a coordinator under Settings › Second
factors. The reset is logged in the site history with its reason and mailed to the person."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from portal.admin_security.recovery import reset_second_factor

KINDS = {"totp": "authenticator app", "recovery_codes": "recovery codes", "webauthn": "security key"}


def account_with_address(address: str):
    """The account whose address this is (any letter case): its own, or one allauth marks verified."""
    matches = list(get_user_model().objects.filter(
        Q(email__iexact=address) | Q(emailaddress__email__iexact=address, emailaddress__verified=True)
    ).distinct())
    if not matches:
        raise CommandError(f"No account has the address {address}.", returncode=os.EX_NOUSER)
    if len(matches) > 1:
        accounts = ", ".join(f"{user} (id {user.pk})" for user in matches)
        raise CommandError(f"More than one account has the address {address}: {accounts}",
                           returncode=os.EX_DATAERR)
    return matches[0]


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("email", help="The address of the account.")
        parser.add_argument("--reason", required=True,
                            help="Why (kept in the site history and sent to the person), e.g. "
                                 "\"Lost phone; asked in person on 5 May\".")

    def handle(self, *args, email, reason, **options):
        reason = reason.strip()
        if not reason:
            raise CommandError("Give the reason for the reset with --reason.", returncode=os.EX_USAGE)
        person = account_with_address(email.strip())
        removed = reset_second_factor(person, reason=reason)
        if not removed:
            self.stdout.write(f"{person} ({person.email}) has no second factor: nothing to reset.")
            return
        self.stdout.write(
            f"Reset the second factor of {person} ({person.email}): deleted their "
            + " and ".join(KINDS.get(kind, kind) for kind in removed)
            + ". They were told by email; the reset is in Reports › Site history. They set up an "
            "authenticator app again the next time they enter the admin."
        )
