"""Everyone who can enter the admin enrols a second factor before anything under /admin/ answers; the
last one cannot be removed; TOTP secrets are stored encrypted."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from portal.admin_security.mfa import MFAAdapter
from portal.mirror_groups.models import Role
from tests.factories import KNOWN_SECRET as SECRET
from tests.factories import (
    MembershipFactory,
    MirrorGroupFactory,
    ProfileFactory,
    coordinator,
    editor,
    totp_code,
    with_totp,
)
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

ENROL = "/accounts/2fa/totp/activate/"


def confirm_password(client) -> None:
    """allauth asks for the password again before a factor is added or removed."""
    response = client.post("/accounts/reauthenticate/", {"password": "a-long-test-password"})
    assert response.status_code == 302, response.text


@pytest.fixture
def required(settings):
    settings.ADMIN_MFA_REQUIRED = True


@pytest.mark.parametrize("make", [coordinator, editor], ids=["coordinator", "editor"])
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/reports/site-history/"])
def test_an_admin_without_a_second_factor_is_sent_to_enrol(client, required, make, path):
    client.force_login(make())

    response = client.get(path)

    assert (response.status_code, response["Location"]) == (302, ENROL)


def test_with_a_second_factor_the_admin_answers(client, required):
    user = coordinator()
    with_totp(user)
    client.force_login(user)

    assert client.get("/admin/").status_code == 200


def test_without_the_setting_the_admin_answers_with_a_password_alone(client, settings):
    settings.ADMIN_MFA_REQUIRED = False
    client.force_login(coordinator())

    assert client.get("/admin/").status_code == 200


def test_a_stakeholder_who_cannot_enter_the_admin_is_not_asked(client, required):
    client.force_login(ProfileFactory().user)

    assert client.get("/my/").status_code == 200
    assert client.get("/admin/").get("Location") != ENROL


def test_a_stakeholder_made_ncp_mid_session_is_sent_to_enrol_on_the_next_admin_request(client, required):
    user = ProfileFactory().user
    client.force_login(user)
    assert client.get("/admin/").get("Location") != ENROL

    MembershipFactory(group=MirrorGroupFactory(), user=user, role=Role.NATIONAL_CONTACT_POINT)

    response = client.get("/admin/mirror-groups/members/")
    assert (response.status_code, response["Location"]) == (302, ENROL)


def test_an_admin_enrols_with_a_code_from_the_shown_secret_and_the_admin_opens(client, required):
    user = coordinator()
    assert sign_in(client, user).status_code == 302
    assert client.get("/admin/")["Location"] == ENROL
    assert client.get(ENROL)["Location"].startswith("/accounts/reauthenticate/")
    confirm_password(client)

    page = client.get(ENROL)
    secret = page.context["form"].secret
    assert secret in page.text  # shown for typing into an app
    response = client.post(ENROL, {"code": totp_code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_an_admin_cannot_remove_the_last_factor(client, required):
    user = coordinator()
    authenticator = with_totp(user)
    assert sign_in(client, user).status_code == 302
    client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    confirm_password(client)

    response = client.post("/accounts/2fa/totp/deactivate/")

    assert response.status_code == 200
    assert "this one stays until a coordinator resets it" in response.text
    assert Authenticator.objects.filter(pk=authenticator.pk).exists()
    assert not MFAAdapter().can_delete_authenticator(authenticator)


def test_someone_who_cannot_enter_the_admin_may_remove_theirs(client, required):
    user = ProfileFactory().user
    authenticator = with_totp(user)

    assert MFAAdapter().can_delete_authenticator(authenticator)


def test_signing_in_asks_for_the_code_once_enrolled(client, required):
    user = coordinator(email="office@example.org")
    with_totp(user)

    response = sign_in(client, user)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # not signed in yet
    client.post("/accounts/2fa/authenticate/", {"code": totp_code()})

    assert client.get("/admin/").status_code == 200


def test_totp_secrets_are_stored_encrypted_with_the_configured_key(settings):
    from cryptography.fernet import Fernet

    settings.MFA_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    authenticator = with_totp(coordinator())
    stored = Authenticator.objects.get(pk=authenticator.pk).data["secret"]

    assert SECRET not in stored
    assert MFAAdapter().decrypt(stored) == SECRET
    settings.MFA_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), settings.MFA_ENCRYPTION_KEYS[0]]
    assert MFAAdapter().decrypt(stored) == SECRET  # a new key first, the old one still reads
    assert TOTP(authenticator).validate_code(totp_code())
