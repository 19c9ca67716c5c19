"""No consent row is ever deleted in ordinary use, and the newsletter consents the stakeholders app recorded
before the newsletter's ledger held them are carried into that ledger (migration 0007)."""

import json
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from newsletters.models import Consent, Subscriber
from newsletters.stakeholders import carry_profile_consents
from portal.stakeholders.models import Consent as StakeholderConsent
from portal.stakeholders.models import StakeholderProfile
from tests.factories import ProfileFactory, UserFactory
from tests.helpers import path_in
from tests.services import queued_mail
from tests.stakeholders.test_profile import profile_data

pytestmark = pytest.mark.django_db
NEWSLETTER = StakeholderConsent.Purpose.NEWSLETTER
MIGRATION = import_module("newsletters.migrations.0007_carry_profile_consents")


def profile_row(user, given, at, source=StakeholderConsent.Source.PROFILE):
    return StakeholderConsent.objects.create(user=user, purpose=NEWSLETTER, given=given, source=source,
                                             text_version="newsletter-1", recorded_at=at)


def ledger_row(subscriber, given, at, source):
    return Consent.objects.create(subscriber=subscriber, given=given, source=source,
                                  text_version="newsletter-1", recorded_at=at)


def history(subscriber):
    return list(subscriber.consents.order_by("recorded_at", "pk")
                .values_list("given", "source", "text_version", "recorded_at"))


def every_consent_row():
    return (set(StakeholderConsent.objects.values_list("pk", flat=True)),
            set(Consent.objects.values_list("pk", flat=True)))


@pytest.fixture
def member_from_before(client, topics):
    """A member whose profile said yes, then no, to the newsletter before the ledger held it; carried."""
    member = ProfileFactory(status=StakeholderProfile.Status.APPROVED, user__email="ana@example.org")
    client.force_login(member.user)
    start = timezone.now() - timedelta(days=200)
    profile_row(member.user, True, start)
    profile_row(member.user, False, start + timedelta(days=10))
    carry_profile_consents()
    return member, start


def test_unsubscribing_changing_the_profile_and_subscribing_again_delete_no_consent_row(
    client, member_from_before
):
    subscriber = Subscriber.objects.get()

    def confirm():
        client.post(path_in(queued_mail()[-1], "/newsletter/confirm/"))

    steps = [
        lambda: client.post("/my/profile/", profile_data(consent_newsletter="on")),
        confirm,
        lambda: client.post(f"/newsletter/preferences/{subscriber.token}/", {"action": "unsubscribe"}),
        lambda: client.post("/my/profile/", profile_data(role="Director")),
        lambda: client.post(f"/newsletter/preferences/{subscriber.token}/", {"action": "resubscribe"}),
        confirm,
        lambda: client.post("/my/profile/", profile_data()),
        lambda: client.post("/newsletter/my/subscribe/"),
        lambda: client.post(f"/newsletter/unsubscribe/{subscriber.token}/"),
    ]
    for step in steps:
        before = every_consent_row()
        step()
        after = every_consent_row()
        assert before[0] <= after[0] and before[1] <= after[1]
        assert len(after[0]) >= len(before[0]) and len(after[1]) >= len(before[1])

    assert StakeholderConsent.objects.filter(purpose=NEWSLETTER).count() == 2
    assert [given for given, *_ in history(subscriber)] == [
        True, False, True, True, False, True, True, False, True, False]


def test_carrying_copies_what_the_ledger_lacks_and_keeps_the_old_rows():
    start = timezone.now() - timedelta(days=300)
    day = timedelta(days=1)
    moment = timedelta(milliseconds=200)

    # Ana subscribed on her profile (the signal wrote the ledger's row in the same request), confirmed,
    # left through the preferences (the signal wrote the profile's row), and the profile withdrew again
    # while she was out: only that last row is new to the ledger.
    ana = UserFactory(email="ana@example.org")
    ana_subscriber = Subscriber.objects.create(email="ana@example.org", user=ana,
                                               status=Subscriber.Status.UNSUBSCRIBED)
    profile_row(ana, True, start)
    ledger_row(ana_subscriber, True, start + moment, Consent.Source.REGISTRATION)
    ledger_row(ana_subscriber, True, start + day, Consent.Source.CONFIRMATION)
    ledger_row(ana_subscriber, False, start + 2 * day, Consent.Source.PREFERENCES)
    profile_row(ana, False, start + 2 * day + moment)
    profile_row(ana, True, start + 3 * day)
    ledger_row(ana_subscriber, True, start + 3 * day + moment, Consent.Source.REGISTRATION)
    ledger_row(ana_subscriber, False, start + 4 * day, Consent.Source.UNSUBSCRIBE)
    profile_row(ana, False, start + 4 * day + moment)
    profile_row(ana, False, start + 5 * day)
    ana_before = history(ana_subscriber)

    # Bea's address was never subscribed (an erased address then, say), her profile said yes, no, yes.
    bea = UserFactory(email="bea@example.org")
    profile_row(bea, True, start, StakeholderConsent.Source.REGISTRATION)
    profile_row(bea, False, start + day)
    profile_row(bea, True, start + 2 * day, StakeholderConsent.Source.IMPORT)

    # Carl only ever declined, Dan's address is not verified, Eve subscribed through the public form with
    # her verified address before her account knew of it.
    carl = UserFactory(email="carl@example.org")
    profile_row(carl, False, start)
    dan = UserFactory(email="dan@example.org", verified=False)
    profile_row(dan, True, start)
    eve = UserFactory(email="eve@example.org")
    eve_subscriber = Subscriber.objects.create(email="Eve@example.org", status=Subscriber.Status.CONFIRMED)
    ledger_row(eve_subscriber, True, start, Consent.Source.FORM)
    profile_row(eve, False, start + day)
    old_rows = set(StakeholderConsent.objects.values_list("pk", "user", "given", "recorded_at"))

    assert carry_profile_consents() == 5

    assert history(ana_subscriber) == sorted(
        [*ana_before, (False, Consent.Source.REGISTRATION, "newsletter-1", start + 5 * day)],
        key=lambda row: row[3])
    bea_subscriber = Subscriber.objects.get(user=bea)
    assert (bea_subscriber.email, bea_subscriber.status, bea_subscriber.created_at) == (
        "bea@example.org", Subscriber.Status.UNCONFIRMED, start)
    assert history(bea_subscriber) == [
        (True, Consent.Source.REGISTRATION, "newsletter-1", start),
        (False, Consent.Source.REGISTRATION, "newsletter-1", start + day),
        (True, Consent.Source.IMPORT, "newsletter-1", start + 2 * day),
    ]
    assert not Subscriber.objects.filter(email__in=["carl@example.org", "dan@example.org"]).exists()
    eve_subscriber.refresh_from_db()
    assert (eve_subscriber.user, eve_subscriber.status) == (None, Subscriber.Status.CONFIRMED)
    assert [row[:2] for row in history(eve_subscriber)] == [
        (True, Consent.Source.FORM), (False, Consent.Source.REGISTRATION)]
    assert set(StakeholderConsent.objects.values_list("pk", "user", "given", "recorded_at")) == old_rows

    # The migration's own function, run again, copies nothing more.
    rows = Consent.objects.count()
    MIGRATION.carry(apps, None)
    assert Consent.objects.count() == rows


def test_someone_who_last_withdrew_gets_an_unsubscribed_subscription():
    """Run with the models as the migration sees them."""
    migration_apps = MigrationLoader(connection).project_state(
        ("newsletters", "0007_carry_profile_consents")).apps
    start = timezone.now() - timedelta(days=100)
    fay = UserFactory(email="fay@example.org")
    profile_row(fay, True, start)
    profile_row(fay, False, start + timedelta(days=1))

    MIGRATION.carry(migration_apps, None)

    subscriber = Subscriber.objects.get(user=fay)
    assert (subscriber.status, subscriber.unsubscribed_at) == (
        Subscriber.Status.UNSUBSCRIBED, start + timedelta(days=1))
    assert [row[0] for row in history(subscriber)] == [True, False]


def test_the_export_shows_the_whole_newsletter_consent_history(client, member_from_before):
    _member, start = member_from_before
    client.post("/my/profile/", profile_data(consent_newsletter="on"))

    data = json.loads(client.get("/my/data/export/").content)

    [subscription] = data["newsletter_subscriptions"]
    assert [(c["given"], c["how"], c["when"]) for c in subscription["consents"]] == [
        (True, "Registration or profile", start.isoformat()),
        (False, "Registration or profile", (start + timedelta(days=10)).isoformat()),
        (True, "Registration or profile", subscription["consents"][2]["when"]),
    ]
    assert sorted((c["given"], c["recorded"]) for c in data["consents"]
                  if c["purpose"] == "The stakeholder newsletter") == [
        (False, (start + timedelta(days=10)).isoformat()), (True, start.isoformat())]
