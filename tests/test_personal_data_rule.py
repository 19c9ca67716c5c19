"""The personal-data rule: a person's data is what points at their account and what is linked to their
verified addresses, never what a merely typed address or another account leads to. Tried for every entry
of the registry with an attacker who added the victim's address under /accounts/email/ without
confirming it."""

import json

import pytest

from portal.core.personal_data import Owner, registered
from portal.outbox.models import OutboxMessage
from portal.stakeholders.services import (
    account_erase,
    forget_erasures_of_live_addresses,
    is_erased_address,
)
from tests.factories import EmailAddressFactory, ErasedAddressFactory, UserFactory
from tests.personal_data_samples import SAMPLES
from tests.services import queued_mail

pytestmark = pytest.mark.django_db

VICTIM = "victim@example.org"


@pytest.fixture
def victim():
    return UserFactory(email=VICTIM, first_name="Vera", last_name="Victim")


@pytest.fixture
def attacker():
    user = UserFactory(email="attacker@example.org")
    # Added under /accounts/email/ and never confirmed, in another letter case for good measure.
    EmailAddressFactory(user=user, email="Victim@Example.org", verified=False)
    return user


def as_stored(records) -> list:
    return [type(record).objects.filter(pk=record.pk).values().first() for record in records]


def test_every_entry_has_a_sample_of_someone_elses_record():
    missing = [entry.label for entry in registered() if entry.model not in SAMPLES]
    assert missing == [], "add a sample to tests/personal_data_samples.py for: " + ", ".join(missing)


@pytest.mark.parametrize("entry", registered(), ids=lambda entry: entry.label)
def test_no_entry_gives_a_typed_address_someone_elses_record(entry, victim, attacker):
    before = json.dumps(entry.export(Owner.of(attacker)), default=str, sort_keys=True)
    records = SAMPLES[entry.model](victim)
    stored = as_stored(records)

    assert entry.export(Owner.of(victim)), "the sample must be something the entry holds for the victim"
    after = json.dumps(entry.export(Owner.of(attacker)), default=str, sort_keys=True)
    assert after == before
    entry.erase(Owner.of(attacker))
    assert as_stored(records) == stored


def test_erasing_an_account_leaves_the_typed_address_and_its_owner_alone(victim, attacker):
    records = [record for make in SAMPLES.values() for record in make(victim)]
    stored = as_stored(records)

    account_erase(attacker)

    assert as_stored(records) == stored
    assert not is_erased_address(VICTIM)
    assert is_erased_address("attacker@example.org")
    from portal.core.mail import send_templated_mail

    send_templated_mail("stakeholders/approved", [VICTIM], {"profile": None, "message": "",
                                                           "portal_url": "/my/"})
    assert [message.to for message in queued_mail()][-1] == [VICTIM]


def test_a_second_verified_address_is_the_owners_too(victim):
    EmailAddressFactory(user=victim, email="vera@second.example.org")
    from portal.core.mail import send_templated_mail

    send_templated_mail("stakeholders/approved", ["vera@second.example.org"],
                        {"profile": None, "message": "", "portal_url": "/my/"})
    send_templated_mail("mirror_groups/contact", ["ncp@example.org"],
                        {"name": "Vera", "email": "vera@second.example.org", "message": "Hello",
                         "group": None, "topic": ""}, concerning=["Vera@Second.example.org"])

    account_erase(victim)

    assert not OutboxMessage.objects.filter(recipients__contains="vera@second.example.org").exists()
    assert not OutboxMessage.objects.filter(concerns__contains="vera@second.example.org").exists()
    assert is_erased_address("vera@second.example.org")


def test_mail_about_an_erased_person_is_emptied_once_sent_and_deleted_while_it_waits(victim):
    from portal.core.mail import send_templated_mail

    for status in (OutboxMessage.Status.SENT, OutboxMessage.Status.WAITING, OutboxMessage.Status.FAILED):
        send_templated_mail("mirror_groups/contact", ["ncp@example.org"],
                            {"name": "Vera Victim", "email": VICTIM, "message": "My motivation",
                             "group": None, "topic": ""}, concerning=[VICTIM])
        OutboxMessage.objects.filter(pk=OutboxMessage.objects.latest("pk").pk).update(status=status)

    account_erase(victim)

    left = OutboxMessage.objects.filter(recipients="ncp@example.org")
    assert [message.status for message in left] == [OutboxMessage.Status.SENT]
    assert "Vera" not in json.dumps(left[0].payload) and "My motivation" not in json.dumps(left[0].payload)
    assert left[0].subject == "(removed: about a person whose data was erased)"


def test_the_repair_forgets_erasures_of_addresses_that_live_accounts_verified(victim):

    for address in (VICTIM, "gone@example.org"):
        ErasedAddressFactory(address=address)
    UserFactory(email="typed@example.org", verified=False)
    ErasedAddressFactory(address="typed@example.org")

    assert forget_erasures_of_live_addresses() == 1

    assert not is_erased_address(VICTIM)
    assert is_erased_address("gone@example.org")
    assert is_erased_address("typed@example.org")  # nobody verified it: it stays suppressed
