"""Coordinators manage topics, list the subscribers and import a list with its consent basis."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsletters import services
from newsletters.models import Consent, Subscriber
from tests.factories import (
    ErasedAddressFactory,
    NewsletterConsentFactory,
    NewsletterIssuePageFactory,
    SubscriberFactory,
    editor,
)
from tests.newsletters.helpers import send_now
from tests.services import queued_mail

pytestmark = pytest.mark.django_db
IMPORT = "/admin/newsletter/subscribers/import/"


def upload(client, text, prior=False, basis="Signed up at the 2025 annual meeting"):
    data = {"file": SimpleUploadedFile("list.csv", text.encode(), content_type="text/csv"), "basis": basis}
    if prior:
        data["prior_confirmed_consent"] = "on"
    return client.post(IMPORT, data, follow=True)


def test_an_import_without_prior_consent_asks_everyone_to_confirm(client, coordinator_client, topics):
    response = upload(client, "email,topics\nAna@Example.org,Rare diseases;cancer\nrui@example.org,\n")
    assert "0 subscribed, 2 asked to confirm by email" in response.text
    ana = Subscriber.objects.get(email="ana@example.org")
    assert ana.status == Subscriber.Status.UNCONFIRMED
    assert {t.slug for t in ana.topics.all()} == {"rare-diseases", "cancer"}
    assert [t.slug for t in Subscriber.objects.get(email="rui@example.org").topics.all()] == ["general"]
    consent = ana.consents.get()
    assert (consent.source, consent.basis) == (Consent.Source.IMPORT, "Signed up at the 2025 annual meeting")
    assert sorted(m.to[0] for m in queued_mail()) == ["ana@example.org", "rui@example.org"]


def test_an_import_with_prior_confirmed_consent_sends_no_mail(client, coordinator_client, topics):
    left = SubscriberFactory(email="left@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    ErasedAddressFactory(address="gone@example.org")
    response = upload(client, "ana@example.org,general\nleft@example.org,general\ngone@example.org,general\n",
                      prior=True)
    assert "1 subscribed, 0 asked to confirm by email, 0 already subscribed (topics added), 2 left" in (
        response.text)
    ana = Subscriber.objects.get(email="ana@example.org")
    assert ana.status == Subscriber.Status.CONFIRMED and ana.confirmed_at
    assert ana.consents.get().source == Consent.Source.IMPORT
    left.refresh_from_db()
    assert left.status == Subscriber.Status.UNSUBSCRIBED
    assert not Subscriber.objects.filter(email="gone@example.org").exists()
    assert not queued_mail()


def test_a_bad_row_imports_nothing_and_says_where(client, coordinator_client, topics):
    response = upload(client, "ana@example.org,general\nnot-an-address,general\nrui@example.org,Knitting\n")
    assert "Nothing was imported" in response.text
    assert "“not-an-address” is not an email address." in response.text
    assert "No topic is called “Knitting”." in response.text
    assert not Subscriber.objects.exists() and not queued_mail()


def test_the_basis_is_required(client, coordinator_client, topics):
    response = upload(client, "ana@example.org,general\n", basis="")
    assert response.status_code == 200 and not Subscriber.objects.exists()


def test_coordinators_list_and_filter_subscribers(client, coordinator_client, topics):
    SubscriberFactory(email="ana@example.org", status=Subscriber.Status.CONFIRMED)
    SubscriberFactory(email="rui@example.org", status=Subscriber.Status.BOUNCED)
    page = client.get("/admin/newsletter/subscribers/?status=bounced").text
    assert "rui@example.org" in page and "ana@example.org" not in page
    assert client.get("/admin/snippets/newsletters/topic/").status_code == 200


def test_editors_see_no_subscriber(client, topics):
    client.force_login(editor())
    SubscriberFactory(email="ana@example.org")
    assert client.get("/admin/newsletter/subscribers/").status_code in (302, 403)
    assert client.get(IMPORT).status_code in (302, 403)


def test_coordinators_see_a_subscribers_consent_history_and_deliveries(
        client, coordinator_client, topics, smtp_server):
    ana = services.subscribe("ana@example.org", topics[:1], source=Consent.Source.FORM,
                             text_version="newsletter-form-1")
    services.confirm(ana)
    send_now(NewsletterIssuePageFactory(title="Issue 7: rare diseases"), topics[:1])
    services.unsubscribe(ana, source=Consent.Source.EMAIL)

    page = client.get(f"/admin/newsletter/subscribers/inspect/{ana.pk}/")

    assert page.status_code == 200
    history, sent = page.text.split("Consent history", 1)[1].split("Newsletters sent", 1)
    rows = history.split("<tr>")[2:]  # the newest first, after the heading row
    assert len(rows) == 3
    assert "Consent withdrawn" in rows[0] and "Email to the unsubscribe address" in rows[0]
    assert "Consent given" in rows[1] and "Confirmation link" in rows[1]
    assert "Consent given" in rows[2] and "Subscription form" in rows[2] and "newsletter-form-1" in rows[2]
    [delivery] = sent.split("<tr>")[2:]
    assert "Issue 7: rare diseases" in delivery and "<td>Sent</td>" in delivery


def test_editors_cannot_see_a_subscribers_history(client, topics):
    ana = SubscriberFactory(email="ana@example.org")
    NewsletterConsentFactory(subscriber=ana)
    client.force_login(editor())

    page = client.get(f"/admin/newsletter/subscribers/inspect/{ana.pk}/")

    assert page.status_code in (302, 403)
    assert "newsletter-form-1" not in page.text
