"""Registered stakeholders: the profile's newsletter consent asks them to confirm; My portal shows it."""


import pytest

from newsletters import services
from newsletters.models import Consent, Subscriber, Topic
from portal.stakeholders.consents import has_newsletter_consent, record_consent
from portal.stakeholders.models import Consent as StakeholderConsent
from portal.stakeholders.models import StakeholderProfile
from tests.factories import ClusterFactory, CountryFactory, ProfileFactory, TopicFactory
from tests.helpers import path_in
from tests.services import queued_mail
from tests.stakeholders.test_profile import profile_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client, topics):
    profile = ProfileFactory(status=StakeholderProfile.Status.APPROVED, user__email="ana@example.org")
    client.force_login(profile.user)
    return profile


def confirmations():
    return [m for m in queued_mail() if "/newsletter/confirm/" in m.body]


def test_the_profile_opt_in_asks_to_confirm_with_the_members_topics(client, member, topics):
    cluster = ClusterFactory(slug="academics", name="Academics")
    cluster_topic = TopicFactory(slug="academia", name="Academia", cluster=cluster)
    response = client.post("/my/profile/", {
        "first_name": "Ana", "last_name": "Silva", "organisation": "INSA", "role": "Researcher",
        "country": CountryFactory().pk, "clusters": [cluster.pk], "consent_newsletter": "on",
    })
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.user, subscriber.status) == (
        "ana@example.org", member.user, Subscriber.Status.UNCONFIRMED)
    assert set(subscriber.topics.all()) == {topics[0], cluster_topic}
    consent = subscriber.consents.get()
    assert (consent.source, consent.text_version) == (Consent.Source.REGISTRATION, "newsletter-1")
    [mail] = confirmations()
    assert mail.to == ["ana@example.org"]
    client.post(path_in(mail, "/newsletter/confirm/"))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_my_portal_shows_and_changes_the_subscription(client, member, topics):
    page = client.get("/my/").text
    assert "Stakeholder newsletter" in page and "You do not receive the newsletter." in page

    client.post("/newsletter/my/subscribe/")
    assert has_newsletter_consent(member.user)
    subscriber = Subscriber.objects.get(user=member.user)
    assert "We wait for you to confirm" in client.get("/my/").text
    [mail] = confirmations()
    client.post(path_in(mail, "/newsletter/confirm/"))

    page = client.get("/my/").text
    assert "You receive the newsletter at ana@example.org on: General newsletter." in page
    assert f"/newsletter/preferences/{subscriber.token}/" in page

    client.post(f"/newsletter/preferences/{subscriber.token}/", {"action": "unsubscribe"})
    assert not has_newsletter_consent(member.user)
    assert "You do not receive the newsletter." in client.get("/my/").text


def test_resending_the_confirmation_from_my_portal(client, member, topics):
    client.post("/newsletter/my/subscribe/")
    client.post("/newsletter/my/subscribe/")
    assert len(confirmations()) == 2
    assert Subscriber.objects.count() == 1


def test_withdrawing_the_consent_on_the_profile_unsubscribes(client, member, topics):
    client.post("/newsletter/my/subscribe/")
    client.post(path_in(confirmations()[0], "/newsletter/confirm/"))
    client.post("/my/profile/", profile_data())
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_subscribing_needs_a_signed_in_member(client):
    response = client.post("/newsletter/my/subscribe/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Subscriber.objects.exists()


def test_a_subscription_is_linked_to_an_account_only_through_a_verified_address(topics):
    from newsletters import services
    from tests.factories import UserFactory

    typed = UserFactory(email="typist@example.org", verified=False)
    owner = UserFactory(email="owner@example.org")
    for user, address in ((typed, "typist@example.org"), (owner, "owner@example.org")):
        services.subscribe(address, Topic.objects.all(), source=Consent.Source.REGISTRATION,
                           text_version="newsletter-1", user=user)

    assert Subscriber.objects.get(email="typist@example.org").user is None
    assert Subscriber.objects.get(email="owner@example.org").user == owner


def ledger_rows(user):
    return list(Consent.objects.filter(subscriber__user=user).order_by("recorded_at", "pk")
                .values_list("given", "source", "text_version"))


def ticked_on_the_profile(client) -> bool:
    return client.get("/my/profile/").context["form"]["consent_newsletter"].value()


def test_the_profile_subscribes_and_unsubscribes_through_the_newsletter_ledger(client, member, topics):
    client.post("/my/profile/", profile_data(consent_newsletter="on"))
    client.post(path_in(confirmations()[0], "/newsletter/confirm/"))
    assert ticked_on_the_profile(client)
    client.post("/my/profile/", profile_data(consent_newsletter="on", role="Director"))  # no change to it

    client.post("/my/profile/", profile_data())
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    assert not ticked_on_the_profile(client)
    client.post("/my/profile/", profile_data())

    client.post("/my/profile/", profile_data(consent_newsletter="on"))
    assert Subscriber.objects.get().status == Subscriber.Status.UNCONFIRMED
    assert len(confirmations()) == 2

    assert ledger_rows(member.user) == [
        (True, Consent.Source.REGISTRATION, "newsletter-1"),
        (True, Consent.Source.CONFIRMATION, "newsletter-1"),
        (False, Consent.Source.REGISTRATION, "newsletter-1"),
        (True, Consent.Source.REGISTRATION, "newsletter-1"),
    ]
    assert not member.user.consents.filter(purpose=StakeholderConsent.Purpose.NEWSLETTER).exists()


def test_the_profile_shows_what_the_newsletter_ledger_holds(client, member, topics):
    assert not ticked_on_the_profile(client)
    # Subscribed with her own verified address through the public form, not through the profile.
    services.subscribe("ana@example.org", topics[:1], source=Consent.Source.FORM,
                       text_version=services.FORM_CONSENT_VERSION)
    assert ticked_on_the_profile(client)
    client.post(path_in(confirmations()[0], "/newsletter/confirm/"))
    services.unsubscribe(Subscriber.objects.get(), source=Consent.Source.UNSUBSCRIBE)
    assert not ticked_on_the_profile(client)
    assert "The stakeholder newsletter: not given" in client.get("/my/data/").text


def test_the_newsletter_purpose_is_no_longer_recorded_by_the_stakeholders_app(member):
    with pytest.raises(ValueError):
        record_consent(member.user, StakeholderConsent.Purpose.NEWSLETTER, True,
                       StakeholderConsent.Source.PROFILE)
