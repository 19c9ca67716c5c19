"""The dashboard's panel of outgoing email that failed for good: coordinators see how many, the latest
with their last error, and reach Settings › Outgoing email; editors do not see it."""

import datetime
import itertools

import pytest
from django.utils import timezone

from portal.outbox.admin.dashboard import FailedEmailPanel
from portal.outbox.models import OutboxMessage
from tests.dashboard import dashboard, panel, panel_queries
from tests.factories import coordinator, editor

pytestmark = pytest.mark.django_db

NAME = "failed-email"
_numbers = itertools.count()


def stored(subject, *, status=OutboxMessage.Status.FAILED, error="", days_ago=0):
    number = next(_numbers)
    return OutboxMessage.objects.create(
        subject=subject, status=status, last_error=error, message_id=f"<{number}@test>",
        from_email="portal@example.org", recipients="ana@example.org", payload={},
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def test_coordinators_see_the_failed_email_latest_first_with_its_last_error(client):
    older = stored("Confirm your address", error="550 5.1.1 mailbox unavailable", days_ago=2)
    stored("Your registration is approved", error="Connection refused", days_ago=1)
    stored("Welcome", status=OutboxMessage.Status.SENT)
    stored("Still trying", status=OutboxMessage.Status.WAITING, error="451 try again later")

    shown = panel(dashboard(client, coordinator()), NAME)

    assert "Outgoing email that failed" in shown
    assert "2 emails could not be sent." in shown
    assert shown.index("Your registration is approved") < shown.index("Confirm your address")
    assert "550 5.1.1 mailbox unavailable" in shown and "Connection refused" in shown
    assert f'href="/admin/outbox/inspect/{older.pk}/">Confirm your address</a>' in shown
    assert "/admin/outbox/?status=failed" in shown
    assert "Welcome" not in shown and "Still trying" not in shown


def test_a_long_error_is_cut_short(client):
    stored("Newsletter confirmation", error="refused " * 200)

    shown = panel(dashboard(client, coordinator()), NAME)

    assert "1 email could not be sent." in shown
    assert shown.count("refused") == 20


def test_editors_do_not_see_the_panel(client):
    stored("Confirm your address", error="Connection refused")
    page = dashboard(client, editor())

    assert panel(page, NAME) is None
    assert "Connection refused" not in page


def test_all_clear_when_nothing_failed(client):
    stored("Welcome", status=OutboxMessage.Status.SENT)

    shown = panel(dashboard(client, coordinator()), NAME)

    assert "No outgoing email has failed." in shown
    assert "<table" not in shown


def test_the_queries_do_not_grow_with_the_failed_email():
    user = coordinator()
    stored("First", error="Connection refused")
    few = panel_queries(FailedEmailPanel, user)
    for number in range(20):
        stored(f"Message {number}", error="Connection refused")

    assert panel_queries(FailedEmailPanel, user) == few
