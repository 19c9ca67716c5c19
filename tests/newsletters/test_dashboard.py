"""The dashboard's panel of newsletter sends that may need someone: scheduled, under way, or finished in
the last seven days with failed deliveries. For those who send newsletters (coordinators), not editors."""

import datetime

import pytest
from django.utils import timezone

from newsletters.admin.dashboard import NewsletterSendsPanel
from newsletters.models import Delivery, Send
from tests.dashboard import dashboard, panel, panel_queries
from tests.factories import NewsletterIssuePageFactory, TopicFactory, coordinator, editor, subscribers

pytestmark = pytest.mark.django_db

NAME = "newsletter-sends"


def send(issue, status, *, days=0, deliveries=()):
    """A send of `issue` whose time is `days` from now, with a delivery of each status given."""
    when = timezone.now() + datetime.timedelta(days=days)
    made = Send.objects.create(issue=issue, status=status, send_at=when,
                               finished_at=when if status == Send.Status.DONE else None)
    general = TopicFactory(slug="general", name="General")
    readers = subscribers(len(deliveries), [general], prefix=f"send{made.pk}-")
    Delivery.objects.bulk_create([Delivery(send=made, subscriber=reader, status=state)
                                  for reader, state in zip(readers, deliveries, strict=True)])
    return made


@pytest.fixture
def issues():
    return [NewsletterIssuePageFactory(title=f"Issue {number}") for number in range(1, 5)]


def test_coordinators_see_the_sends_that_may_need_them(client, issues):
    failed_last_week = send(issues[0], Send.Status.DONE, days=-2,
                            deliveries=[Delivery.Status.SENT, Delivery.Status.FAILED, Delivery.Status.FAILED])
    sending = send(issues[1], Send.Status.SENDING, deliveries=[Delivery.Status.SENT, Delivery.Status.QUEUED])
    scheduled = send(issues[2], Send.Status.SCHEDULED, days=3)
    send(issues[3], Send.Status.DONE, days=-1, deliveries=[Delivery.Status.SENT, Delivery.Status.BOUNCED])
    send(issues[3], Send.Status.DONE, days=-10, deliveries=[Delivery.Status.FAILED])  # weeks ago
    send(issues[3], Send.Status.CANCELLED, days=-1)

    shown = panel(dashboard(client, coordinator()), NAME)

    assert "Newsletter sends" in shown
    assert "3 sends are scheduled, under way or have failed deliveries." in shown
    assert shown.index("Issue 1") < shown.index("Issue 2") < shown.index("Issue 3")
    assert "Issue 4" not in shown
    assert "; 2 deliveries failed" in shown
    assert "Being sent: 1 of 2 so far" in shown
    assert "Scheduled for " in shown
    for made in (failed_last_week, sending, scheduled):
        assert f'href="/admin/newsletters/send/{made.pk}/"' in shown


def test_editors_do_not_see_the_panel(client, issues):
    send(issues[0], Send.Status.SCHEDULED, days=1)

    assert panel(dashboard(client, editor()), NAME) is None


def test_all_clear_when_every_send_is_done_without_failures(client, issues):
    send(issues[0], Send.Status.DONE, days=-1, deliveries=[Delivery.Status.SENT, Delivery.Status.SKIPPED])

    shown = panel(dashboard(client, coordinator()), NAME)

    assert "No newsletter is scheduled or being sent, and no delivery failed in the last 7 days." in shown
    assert "<table" not in shown


def test_the_queries_do_not_grow_with_the_sends_or_the_deliveries(issues):
    user = coordinator()
    send(issues[0], Send.Status.SCHEDULED, days=1)
    few = panel_queries(NewsletterSendsPanel, user)
    for issue in issues:
        send(issue, Send.Status.DONE, days=-1,
             deliveries=[Delivery.Status.FAILED] * 5 + [Delivery.Status.SENT] * 20)
        send(issue, Send.Status.SENDING, deliveries=[Delivery.Status.QUEUED] * 10)

    assert panel_queries(NewsletterSendsPanel, user) == few
