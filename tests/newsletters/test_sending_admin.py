"""Coordinators in the admin: a test to themselves, the exact audience before sending, one send per
double click, the report's counts and the email preview."""

import pytest

from newsletters import sending, services
from newsletters.models import Delivery, Send, Subscriber
from tests.factories import NewsletterIssuePageFactory, TopicFactory, editor, subscribers
from tests.services import queued_mail

pytestmark = pytest.mark.django_db


def test_the_coordinator_sees_the_exact_audience_and_a_double_click_makes_one_send(coordinator_client):
    general, rare = TopicFactory(), TopicFactory(name="Rare diseases")
    subscribers(12, [general])
    subscribers(3, [general, rare], prefix="both")
    subscribers(2, [rare], status=Subscriber.Status.UNCONFIRMED, prefix="waiting")
    issue = NewsletterIssuePageFactory()
    url = f"/admin/newsletters/issue/{issue.pk}/send/"

    counted = coordinator_client.post(url, {"topics": [general.pk, rare.pk]})
    assert counted.status_code == 200
    assert counted.context["recipients"] == 15
    assert len(counted.context["sample"]) == 10
    assert set(counted.context["sample"]) <= {s.email for s in Subscriber.objects.all()}
    assert Send.objects.count() == 0  # counting sends nothing

    tomorrow = "2030-01-01T09:00"
    for _click in range(2):
        response = coordinator_client.post(url, {"topics": [general.pk, rare.pk], "send_at": tomorrow,
                                                 "confirm": "1"})
    send = Send.objects.get()
    assert response.url == f"/admin/newsletters/send/{send.pk}/"
    assert send.status == "scheduled" and send.requested_by.email == "coordinator@example.org"

    report = coordinator_client.get(response.url).content.decode()
    assert "Topics: General, Rare diseases" in report
    assert "Nothing is sent before 1 Jan 2030 09:00." in report and "15 subscribers today" in report


def test_the_send_time_is_read_in_the_coordinators_time_zone_and_says_which(coordinator_client):
    issue = NewsletterIssuePageFactory()
    page = coordinator_client.get(f"/admin/newsletters/issue/{issue.pk}/send/").content.decode()
    assert "Europe/Brussels time. Leave empty to send now." in page


def test_an_editor_without_the_permission_cannot_send(client):
    client.force_login(editor())
    issue = NewsletterIssuePageFactory()
    assert client.get(f"/admin/newsletters/issue/{issue.pk}/send/").status_code in (302, 403)


def test_a_test_copy_goes_to_the_coordinator_only(coordinator_client):
    issue = NewsletterIssuePageFactory()
    subscribers(5, [TopicFactory()])

    response = coordinator_client.post(f"/admin/newsletters/issue/{issue.pk}/test/")

    assert response.url == f"/admin/newsletters/issue/{issue.pk}/send/"  # back where it was asked from
    [copy] = queued_mail()  # through the outbox, relayed once the request commits
    assert copy.to == ["coordinator@example.org"] and copy.subject.startswith("[Test]")
    assert Delivery.objects.count() == 0


def test_the_report_counts_each_state_and_the_unsubscribed_since(coordinator_client, smtp_server):
    general = TopicFactory()
    readers = subscribers(4, [general])
    send, _ = sending.request_send(NewsletterIssuePageFactory(), [general])
    sending.start_send(send.pk)
    sending.send_batch(send.pk)
    Delivery.objects.filter(subscriber=readers[0]).update(status="failed", last_error="550 no such mailbox")
    services.mark_undeliverable([readers[1].email.upper()], Subscriber.Status.BOUNCED)  # a bounce report
    coordinator_client.post(f"/newsletter/unsubscribe/{readers[2].token}/")

    page = coordinator_client.get(f"/admin/newsletters/send/{send.pk}/")

    assert page.context["counts"] == {"queued": 0, "sent": 2, "failed": 1, "bounced": 1, "skipped": 0,
                                      "unsubscribed_since": 1}
    assert "550 no such mailbox" in page.content.decode()


def test_the_email_preview_mode_shows_the_issue_as_email(coordinator_client):
    issue = NewsletterIssuePageFactory()
    response = issue.make_preview_request(preview_mode="email")
    body = response.content.decode()
    assert 'style="' in body and "Survey results are out" in body and "/newsletter/unsubscribe/" in body
    assert coordinator_client.get(f"/admin/pages/{issue.pk}/edit/").status_code == 200


def test_a_scheduled_send_can_be_cancelled_until_its_time_comes(coordinator_client):
    from django.utils import timezone

    general = TopicFactory()
    subscribers(2, [general])
    issue = NewsletterIssuePageFactory()
    tomorrow = timezone.now() + timezone.timedelta(days=1)
    scheduled, _ = sending.request_send(issue, [general], send_at=tomorrow)
    report = f"/admin/newsletters/send/{scheduled.pk}/"
    assert "Cancel this send" in coordinator_client.get(report).content.decode()

    cancelled = coordinator_client.post(report, {"cancel": "1"}, follow=True)

    assert "nobody received anything" in cancelled.content.decode()
    assert "Cancel this send" not in cancelled.content.decode()
    scheduled.refresh_from_db()
    assert scheduled.status == Send.Status.CANCELLED
    assert not sending.start_send(scheduled.pk)  # its time never comes
    assert not Delivery.objects.filter(send=scheduled).exists()
    # A send already going out cannot be cancelled.
    now, _ = sending.request_send(issue, [general])
    assert sending.start_send(now.pk)
    refused = coordinator_client.post(f"/admin/newsletters/send/{now.pk}/", {"cancel": "1"}, follow=True)
    assert "can no longer be cancelled" in refused.content.decode()
    now.refresh_from_db()
    assert now.status != Send.Status.CANCELLED
