
import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from portal.outbox.models import OutboxMessage
from portal.stakeholders.models import Consent, PrivacyStatement, StakeholderProfile
from tests.factories import UserFactory
from tests.helpers import path_in, sign_in
from tests.services import queued_mail

pytestmark = pytest.mark.django_db
User = get_user_model()

SIGNUP = {
    "first_name": "Ana",
    "last_name": "Silva",
    "email": "ana.silva@example.org",
    "password1": "genomes-for-europe-2026",
    "password2": "genomes-for-europe-2026",
    "privacy_consent": "on",
}


def sign_up(client, **changes):
    return client.post("/accounts/signup/", {**SIGNUP, **changes})


def test_sign_up_creates_a_pending_account_with_consent_and_sends_the_verification(client):
    response = sign_up(client)

    assert response.status_code == 302
    user = User.objects.get(email="ana.silva@example.org")
    assert user.get_full_name() == "Ana Silva"
    profile = user.stakeholder_profile
    assert profile.status == StakeholderProfile.Status.INCOMPLETE
    [consent] = user.consents.all()
    assert consent.purpose == Consent.Purpose.MEMBERSHIP and consent.given
    assert consent.privacy_statement == PrivacyStatement.current()
    assert consent.text_version == PrivacyStatement.current().version
    assert consent.recorded_at is not None
    [verification] = queued_mail()
    assert verification.to == ["ana.silva@example.org"]
    assert "/accounts/confirm-email/" in verification.body
    assert verification.alternatives[0][1] == "text/html"


def test_an_unverified_address_cannot_sign_in(client):
    sign_up(client)
    client.logout()

    response = sign_in(client, SIGNUP["email"], SIGNUP["password1"])

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("email", ["known@example.org", "KNOWN@Example.ORG"])
def test_a_known_address_in_any_case_makes_no_second_account_and_is_not_revealed(client, email):
    UserFactory(email="known@example.org")
    fresh = sign_up(client, email="new.person@example.org")
    client.logout()
    OutboxMessage.objects.all().delete()

    response = sign_up(client, email=email)

    assert User.objects.filter(email__iexact="known@example.org").count() == 1
    # Same answer as for a new address...
    assert response.status_code == fresh.status_code
    assert response["Location"] == fresh["Location"]
    # ...and the owner of the address is told by email instead.
    [notice] = queued_mail()
    assert notice.to[0].lower() == "known@example.org"
    assert "already" in notice.subject


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"privacy_consent": ""}, "privacy_consent", "You must agree to the privacy statement"),
        ({"first_name": "<b>Ana</b>"}, "first_name", "remove the HTML tags"),
        ({"last_name": "<script>alert(1)</script>"}, "last_name", "remove the HTML tags"),
        ({"first_name": "A" * 151}, "first_name", "at most 150 characters"),
        ({"email": "a" * 300 + "@example.org"}, "email", "at most 254 characters"),
    ],
)
def test_bad_sign_up_gets_a_clear_message_keeps_the_input_and_creates_nothing(
    client, changes, field, message
):
    response = sign_up(client, **changes)

    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    if field != "email":
        assert 'value="ana.silva@example.org"' in response.text
    assert message in response.text
    assert not User.objects.filter(email="ana.silva@example.org").exists()
    assert StakeholderProfile.objects.count() == 0
    assert queued_mail() == []


def confirm_and_sign_in(client):
    sign_up(client)
    return client.post(path_in(queued_mail()[-1], "/accounts/confirm-email/"))


def test_confirming_signs_in_and_leads_to_the_profile(client):
    response = confirm_and_sign_in(client)

    assert response.status_code == 302
    assert response["Location"] == "/my/profile/"
    assert "Complete your profile" in client.get(response["Location"]).text
    assert EmailAddress.objects.get(email="ana.silva@example.org").verified


def test_a_confirmation_link_used_twice_is_refused_clearly(client):
    sign_up(client)
    path = path_in(queued_mail()[-1], "/accounts/confirm-email/")
    client.post(path)
    client.logout()

    again = client.get(path)

    assert again.status_code in (200, 404)
    assert "expired or is invalid" in again.text or "already been confirmed" in again.text


def test_password_reset_mails_a_link_for_known_and_says_the_same_for_unknown(client):
    UserFactory(email="known@example.org")

    known = client.post("/accounts/password/reset/", {"email": "KNOWN@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in queued_mail()] == [["known@example.org"], ["nobody@example.org"]]
    assert "/accounts/password/reset/key/" in queued_mail()[0].body


def test_an_address_stored_in_mixed_case_is_known_in_any_case(client):
    User.objects.create_user(username="jane", email="Jane.Doe@Org.eu", password="x")
    assert User.objects.get(username="jane").email == "jane.doe@org.eu"

    sign_up(client, email="jane.doe@org.eu")

    assert User.objects.filter(email__iexact="jane.doe@org.eu").count() == 1


def test_a_signup_racing_another_for_the_same_address_makes_one_account(rf):
    from allauth.core.exceptions import ImmediateHttpResponse
    from django.contrib.sessions.middleware import SessionMiddleware

    from portal.stakeholders.forms import SignupForm

    request = rf.post("/accounts/signup/")
    SessionMiddleware(lambda r: None).process_request(request)
    form = SignupForm(data=SIGNUP)
    assert form.is_valid()
    UserFactory(email="ana.silva@example.org")  # the other request commits first

    with pytest.raises(ImmediateHttpResponse) as answer:
        form.try_save(request)

    assert answer.value.response["Location"] == "/accounts/confirm-email/"
    assert User.objects.filter(email="ana.silva@example.org").count() == 1


def test_two_people_with_the_same_name_both_get_an_account(client):
    sign_up(client, email="ana.one@example.org")
    client.logout()
    sign_up(client, email="ana.two@example.org")
    usernames = set(User.objects.filter(first_name="Ana").values_list("username", flat=True))
    assert len(usernames) == 2 and not any("ana" in name for name in usernames)


def test_logout_signs_out(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
