"""Subscribing with double opt-in: one subscriber an address, nothing revealed, signed expiring links."""

import base64
import re
import zlib
from urllib.parse import urlparse

import pytest
from django.core import signing
from django.db.models.functions import Lower

from newsletters import services
from newsletters.models import Consent, Subscriber
from tests.factories import ErasedAddressFactory, SubscriberFactory
from tests.helpers import link_in, path_in
from tests.services import queued_mail

pytestmark = pytest.mark.django_db


def subscribe(client, email, topics, consent=True):
    data = {"email": email, "topics": [topic.pk for topic in topics]}
    if consent:
        data["consent"] = "on"
    return client.post("/newsletter/", data)


def test_subscribing_asks_to_confirm_and_records_the_consent(client, topics):
    response = subscribe(client, "Ana.Silva@Example.org", topics[:2])
    assert response.status_code == 200
    assert "Check your email" in response.text
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ana.silva@example.org"
    assert subscriber.status == Subscriber.Status.UNCONFIRMED
    assert set(subscriber.topics.all()) == set(topics[:2])
    consent = subscriber.consents.get()
    assert (consent.source, consent.text_version, consent.given) == (
        Consent.Source.FORM, services.FORM_CONSENT_VERSION, True)
    [message] = queued_mail()
    assert message.to == ["ana.silva@example.org"]
    assert "List-Unsubscribe" not in message.extra_headers
    assert "List-Unsubscribe" not in message.message().as_string()


def test_no_consent_no_subscriber(client, topics):
    response = subscribe(client, "ana@example.org", topics[:1], consent=False)
    assert "We can only send you the newsletter if you agree." in response.text
    assert not Subscriber.objects.exists() and not queued_mail()


def test_any_letter_case_makes_one_subscriber(client, topics):
    for email in ("ana@example.org", "ANA@example.org", " Ana@Example.Org "):
        subscribe(client, email, topics[:1])
    assert Subscriber.objects.annotate(low=Lower("email")).filter(low="ana@example.org").count() == 1
    assert Subscriber.objects.count() == 1


def test_the_race_between_two_first_subscriptions_is_handled(topics):
    # The other request created the row between our lookup and our insert.
    SubscriberFactory(email="ana@example.org")
    assert services._subscriber_for("ANA@example.org") == Subscriber.objects.get()


def test_the_answer_reveals_nothing(client, topics):
    fresh = subscribe(client, "new@example.org", topics[:1])
    confirmed = SubscriberFactory(email="known@example.org", status=Subscriber.Status.CONFIRMED)
    known = subscribe(client, "known@example.org", topics[:1])
    ErasedAddressFactory(address="gone@example.org")
    erased = subscribe(client, "gone@example.org", topics[:1])

    assert fresh.status_code == known.status_code == erased.status_code == 200
    pages = [
        re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.text.replace(email, "ADDRESS"))
        for response, email in ((fresh, "new@example.org"), (known, "known@example.org"),
                                (erased, "gone@example.org"))
    ]
    assert pages[0] == pages[1] == pages[2]  # the same page but for the per-request CSRF token
    assert confirmed.topics.count() == 0  # a confirmed subscriber's topics are not changed by anyone


def test_a_confirmed_subscriber_is_told_and_nothing_changes(client, topics):
    subscriber = SubscriberFactory(email="known@example.org", status=Subscriber.Status.CONFIRMED)
    subscriber.topics.set(topics[:1])
    subscribe(client, "KNOWN@example.org", topics[1:])
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert list(subscriber.topics.all()) == topics[:1]
    [message] = queued_mail()
    assert "already subscribed" in message.subject
    assert f"/newsletter/preferences/{subscriber.token}/" in message.body
    assert "/newsletter/confirm/" not in message.body


def test_an_erased_address_is_never_mailed(client, topics):
    ErasedAddressFactory(address="gone@example.org")
    subscribe(client, "Gone@Example.org", topics[:1])
    assert not queued_mail()
    assert not Subscriber.objects.exists()


def test_the_link_confirms_with_its_button(client, topics):
    subscribe(client, "ana@example.org", topics[:1])
    path = path_in(queued_mail()[0], "/newsletter/confirm/")
    # A mail scanner that follows the link confirms nothing: the page asks for the button.
    opened = client.get(path)
    assert opened.status_code == 200 and "Confirm my subscription" in opened.text
    assert Subscriber.objects.get().status == Subscriber.Status.UNCONFIRMED
    response = client.post(path)
    assert response.status_code == 200 and "You are subscribed" in response.text
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED and subscriber.confirmed_at
    assert [c.source for c in subscriber.consents.all()] == [Consent.Source.FORM, Consent.Source.CONFIRMATION]
    assert subscriber.consents.last().text_version == services.FORM_CONSENT_VERSION
    # Following it again says the same and records nothing more.
    assert "You are subscribed" in client.get(path_in(queued_mail()[0], "/newsletter/confirm/")).text
    assert subscriber.consents.count() == 2


def test_the_confirmation_link_does_not_open_the_preferences(client, topics):
    """The link is signed, not encrypted: it names a key of its own, never the preferences token."""
    subscribe(client, "ana@example.org", topics[:1])
    subscriber = Subscriber.objects.get()
    link = link_in(queued_mail()[0], "/newsletter/confirm/")
    signed = urlparse(link).path.split("/")[-2]

    assert subscriber.token not in link
    payload = signed.split(":")[0]
    readable = base64.urlsafe_b64decode(payload.lstrip(".") + "=" * (-len(payload.lstrip(".")) % 4))
    if payload.startswith("."):  # compressed
        readable = zlib.decompress(readable)
    assert subscriber.token not in readable.decode()
    key = signing.loads(signed, salt=services.CONFIRMATION_SALT)
    assert key == subscriber.confirmation_key and len(key) >= 32 and key != subscriber.token
    opened, confirmed, again = client.get(link), client.post(link), client.get(link)
    assert "You are subscribed" in confirmed.text
    for page in (opened, confirmed, again):
        assert subscriber.token not in page.text and "/newsletter/preferences/" not in page.text
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_each_time_of_asking_has_a_key_of_its_own(client, topics):
    subscribe(client, "ana@example.org", topics[:1])
    subscribe(client, "ben@example.org", topics[:1])
    ana, ben = Subscriber.objects.order_by("email")
    assert ana.confirmation_key != ben.confirmation_key
    first = path_in(queued_mail()[0], "/newsletter/confirm/")
    subscribe(client, "ana@example.org", topics[:1])  # asked again while waiting: both mails confirm
    assert Subscriber.objects.get(pk=ana.pk).confirmation_key == ana.confirmation_key
    client.post(first)
    services.unsubscribe(ana)

    services.resubscribe(Subscriber.objects.get(pk=ana.pk))

    ana.refresh_from_db()
    assert ana.confirmation_key not in ("", ben.confirmation_key)
    assert client.post(first).status_code == 404  # the earlier link names nobody now
    assert Subscriber.objects.get(pk=ana.pk).status == Subscriber.Status.UNCONFIRMED
    client.post(path_in(queued_mail()[-1], "/newsletter/confirm/"))
    assert Subscriber.objects.get(pk=ana.pk).status == Subscriber.Status.CONFIRMED


def test_a_link_mailed_before_confirmation_keys_holds_until_it_expires(client, topics, settings):
    subscribe(client, "ana@example.org", topics[:1])
    Subscriber.objects.update(confirmation_key="")  # as before the migration
    subscriber = Subscriber.objects.get()
    old = f"/newsletter/confirm/{signing.dumps(subscriber.token, salt='newsletters.confirm', compress=True)}/"

    assert "Confirm my subscription" in client.get(old).text
    settings.NEWSLETTER_CONFIRMATION_MAX_AGE = -1
    assert client.post(old).status_code == 410
    settings.NEWSLETTER_CONFIRMATION_MAX_AGE = 3600
    assert "You are subscribed" in client.post(old).text
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_an_expired_link_says_so_and_offers_a_new_one(client, topics, settings):
    subscribe(client, "ana@example.org", topics[:1])
    path = path_in(queued_mail()[0], "/newsletter/confirm/")
    settings.NEWSLETTER_CONFIRMATION_MAX_AGE = -1
    response = client.get(path)
    assert response.status_code == 410
    assert "This link has expired" in response.text and 'href="/newsletter/"' in response.text
    assert Subscriber.objects.get().status == Subscriber.Status.UNCONFIRMED


def test_a_tampered_link_confirms_nobody(client, topics):
    subscribe(client, "ana@example.org", topics[:1])
    path = path_in(queued_mail()[0], "/newsletter/confirm/")
    signed = path.split("/")[-2]
    other = SubscriberFactory(email="other@example.org")
    forged = signed.replace(signed.split(":")[0], other.token)
    for bad in (signed[:-3] + "abc", forged, "nonsense"):
        response = client.get(f"/newsletter/confirm/{bad}/")
        assert response.status_code == 404
        assert "This link does not work" in response.text
    assert not Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).exists()


def test_a_link_from_before_unsubscribing_does_not_resubscribe(client, topics):
    subscribe(client, "ana@example.org", topics[:1])
    path = path_in(queued_mail()[0], "/newsletter/confirm/")
    client.post(path)
    subscriber = Subscriber.objects.get()
    services.unsubscribe(subscriber)
    assert client.get(path).status_code == 410
    assert client.post(path).status_code == 410
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_many_requests_for_one_address_are_refused_and_keep_the_form(client, topics, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "newsletter_subscribe": "20/h/ip,2/h/key"}
    for _ in range(2):
        subscribe(client, "ana@example.org", topics[:1])
    response = subscribe(client, "ANA@example.org", topics[:1])
    assert response.status_code == 429
    assert "Please try again in an hour." in response.text and 'value="ANA@example.org"' in response.text
    assert len(queued_mail()) == 2
