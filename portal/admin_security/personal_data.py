"""A person's second factors in their data export (what kind, since when, last used; never the secret).
They go with the account (on_delete=CASCADE)."""

from allauth.mfa.models import Authenticator

from portal.core.personal_data import register


def _export(owner) -> list[dict]:
    return [
        {"kind": authenticator.get_type_display(), "added": authenticator.created_at.isoformat(),
         "last_used": authenticator.last_used_at and authenticator.last_used_at.isoformat()}
        for authenticator in Authenticator.objects.filter(user=owner.user).order_by("created_at")
    ]


def _deleted_with_the_account(owner) -> None:
    """The rows go when the user row is deleted."""


def register_personal_data() -> None:
    register(Authenticator, label="second_factors", export=_export, erase=_deleted_with_the_account)
