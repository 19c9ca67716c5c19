"""People: accounts, their addresses, roles and second factors."""

import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Ana"
    last_name = factory.Sequence(lambda n: f"Silva{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            obj.save()
            EmailAddressFactory(user=obj, email=obj.email, primary=True)


class EmailAddressFactory(factory.django.DjangoModelFactory):
    """An address of an account, as allauth keeps it: confirmed unless told otherwise."""

    class Meta:
        model = EmailAddress

    user = factory.SubFactory(UserFactory, verified=False)
    email = factory.Sequence(lambda n: f"address{n}@example.org")
    verified = True


def coordinator(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


def editor(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


# The secret of every test's authenticator app (base32, as an app scans it from the QR code).
KNOWN_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def with_totp(user, secret: str = KNOWN_SECRET, *, recovery_codes: bool = False) -> Authenticator:
    """The person has set up an authenticator app with `secret` (and has recovery codes, as enrolling on the
    site gives, when asked); stored as allauth stores them (through the MFA adapter, so it keeps working
    once secrets are encrypted)."""
    app = TOTP.activate(user, secret).instance
    if recovery_codes:
        RecoveryCodes.activate(user)
    return app


def totp_code(secret: str = KNOWN_SECRET) -> str:
    """The code the app shows now (the middle of the counters allauth accepts). Near the end of a period
    it waits for the next one, so that the code is still good when the form that carries it arrives."""
    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < 5:
        time.sleep(left + 0.1)
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
