"""The preferences page needs no login: topics, unsubscribe, and subscribing again with confirmation."""


import pytest

from newsletters.models import Consent, Subscriber
from tests.factories import NewsletterConsentFactory, SubscriberFactory
from tests.helpers import path_in
from tests.services import queued_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber(topics):
    subscriber = SubscriberFactory(email="ana@example.org", status=Subscriber.Status.CONFIRMED)
    subscriber.topics.set(topics[:1])
    NewsletterConsentFactory(subscriber=subscriber)
    return subscriber


def url(subscriber):
    return f"/newsletter/preferences/{subscriber.token}/"


def test_an_unknown_token_is_not_found(client, subscriber):
    assert client.get("/newsletter/preferences/not-a-token/").status_code == 404


def test_change_topics(client, subscriber, topics):
    response = client.post(url(subscriber), {"topics": [topics[1].pk, topics[2].pk]}, follow=True)
    assert "Your topics are saved." in response.text
    assert set(subscriber.topics.all()) == set(topics[1:])


def test_no_topic_is_an_error_that_changes_nothing(client, subscriber, topics):
    response = client.post(url(subscriber), {})
    assert "Choose at least one topic, or unsubscribe." in response.text
    assert list(subscriber.topics.all()) == topics[:1]


def test_unsubscribe_and_come_back_with_a_confirmation(client, subscriber, topics):
    client.post(url(subscriber), {"action": "unsubscribe"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED and subscriber.unsubscribed_at
    withdrawn = subscriber.consents.last()
    assert (withdrawn.given, withdrawn.source) == (False, Consent.Source.PREFERENCES)
    assert not queued_mail()

    response = client.post(url(subscriber), {"action": "resubscribe"}, follow=True)
    assert "follow its link to subscribe again" in response.text
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNCONFIRMED
    assert list(subscriber.topics.all()) == topics[:1]
    client.post(path_in(queued_mail()[0], "/newsletter/confirm/"))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert [c.source for c in subscriber.consents.all()][-2:] == [
        Consent.Source.PREFERENCES, Consent.Source.CONFIRMATION]
