"""Behind a reverse proxy, rate limits per client address count each client, not the proxy."""

import pytest

from tests import helpers
from tests.factories import coordinator

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # every request reaches the portal from the proxy
TOO_MANY = "Too many failed login attempts"


def guess_passwords(client, **headers):
    """allauth's limit: 10 failed sign-ins a minute per client address (others' addresses: no key limit)."""
    for n in range(10):
        client.post("/accounts/login/", {"login": f"guess{n}@example.org", "password": "wrong"},
                    REMOTE_ADDR=PROXY, **headers)


def sign_in(client, user, **headers):
    return helpers.sign_in(client, user, REMOTE_ADDR=PROXY, **headers)


def test_two_clients_behind_one_proxy_are_counted_apart(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    guess_passwords(client, HTTP_X_FORWARDED_FOR="198.51.100.7")

    guesser = sign_in(client, coordinator(), HTTP_X_FORWARDED_FOR="198.51.100.7")
    # A forged first entry changes nothing: only the address the proxy added is trusted.
    forged = sign_in(client, coordinator(), HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    neighbour = sign_in(client, coordinator(), HTTP_X_FORWARDED_FOR="198.51.100.8")

    assert TOO_MANY in guesser.text and TOO_MANY in forged.text
    assert neighbour.status_code == 302


def test_a_header_the_proxy_sets_may_name_the_client(client, settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    guess_passwords(client, HTTP_X_REAL_IP="198.51.100.7")

    assert TOO_MANY in sign_in(client, coordinator(), HTTP_X_REAL_IP="198.51.100.7").text
    assert sign_in(client, coordinator(), HTTP_X_REAL_IP="198.51.100.8").status_code == 302


def test_without_the_setting_the_forwarded_address_is_not_believed(client, settings):
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0 and settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER is None
    guess_passwords(client, HTTP_X_FORWARDED_FOR="198.51.100.7")

    # Anyone could write any address there: everyone behind the proxy shares the proxy's count.
    assert TOO_MANY in sign_in(client, coordinator(), HTTP_X_FORWARDED_FOR="198.51.100.8").text
