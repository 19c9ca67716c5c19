"""The newsletter_bounces command marks addresses bounced or complained; they receive nothing again."""

import io

import pytest
from django.core.management import CommandError, call_command

from newsletters.models import Subscriber
from tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribers():
    return [SubscriberFactory(email=email, status=Subscriber.Status.CONFIRMED)
            for email in ("ana@example.org", "rui@example.org", "eva@example.org")]


def status_of(email):
    return Subscriber.objects.get(email=email).status


def test_bounced_addresses_from_a_file(tmp_path, subscribers):
    report = tmp_path / "bounces.csv"
    report.write_text(
        "email,reason\nANA@Example.org,550 no such user\nnobody@example.org,550\nnot-an-address\n"
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("newsletter_bounces", str(report), stdout=out, stderr=err)
    assert status_of("ana@example.org") == Subscriber.Status.BOUNCED
    assert status_of("rui@example.org") == Subscriber.Status.CONFIRMED
    assert "1 subscriber(s) marked bounced of 2 address(es) read." in out.getvalue()
    assert "not-an-address" in err.getvalue()
    assert not Subscriber.objects.filter(email="nobody@example.org").exists()


def test_complaints_from_standard_input(monkeypatch, subscribers):
    monkeypatch.setattr("sys.stdin", io.StringIO("rui@example.org\neva@example.org\n"))
    call_command("newsletter_bounces", "--complained", stdout=io.StringIO())
    assert status_of("rui@example.org") == status_of("eva@example.org") == Subscriber.Status.COMPLAINED
    assert status_of("ana@example.org") == Subscriber.Status.CONFIRMED


def test_a_missing_file_is_a_clear_error(subscribers):
    with pytest.raises(CommandError, match="Cannot read /no/such/file"):
        call_command("newsletter_bounces", "/no/such/file")
