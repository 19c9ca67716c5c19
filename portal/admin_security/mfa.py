"""allauth's MFA adapter for the portal: TOTP secrets and recovery seeds are stored encrypted, and an
admin cannot remove their last factor while one is required.

The key (`MFA_ENCRYPTION_KEYS`, Fernet keys, the first encrypts and every one decrypts, so that a key can
be changed) comes from the environment; without it one is derived from the secret key, which then must
not change (README, Security)."""

import base64
import hashlib

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .access import can_enter_admin


def _fernet() -> MultiFernet:
    keys = settings.MFA_ENCRYPTION_KEYS or [
        base64.urlsafe_b64encode(hashlib.sha256(f"mfa:{settings.SECRET_KEY}".encode()).digest()).decode()
    ]
    return MultiFernet([Fernet(key) for key in keys])


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "You can enter the admin, which needs a second factor: this one stays until a coordinator "
            "resets it."),
    }

    def encrypt(self, text: str) -> str:
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _fernet().decrypt(encrypted_text.encode()).decode()

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Not the last TOTP of someone who may enter the admin, while the admin requires one (recovery
        codes are no factor on their own: allauth removes them with the last one)."""
        if not (settings.ADMIN_MFA_REQUIRED and can_enter_admin(authenticator.user)):
            return True
        return (authenticator.type != Authenticator.Type.TOTP
                or Authenticator.objects.filter(user_id=authenticator.user_id, type=Authenticator.Type.TOTP)
                .exclude(pk=authenticator.pk).exists())
