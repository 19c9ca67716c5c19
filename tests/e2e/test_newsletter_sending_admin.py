"""A coordinator writes a newsletter issue in the Wagtail admin, previews it as email, sends a test to
themselves, then sends it to the subscribers of a topic (the exact count and a sample first) and
schedules a second send, in Chromium against the live server; mail reaches an SMTP server on loopback."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.models import HomePage
from newsletters.models import NewsletterIndexPage, Send, Subscriber
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, sign_in_to_admin, watch_csp
from tests.factories import coordinator, newsletter_topics, subscribers
from tests.helpers import wait_for_mail

COORDINATOR = "coordinator@example.org"
TITLE = "Issue 7: genomes across borders"
HEADING = "The data access pilot starts"
PARAGRAPH = "Twelve countries share their first genomes this spring."


def the_audience():
    """Three confirmed readers of rare diseases (one of them reads of cancer too), and those not counted."""
    general, rare, cancer = newsletter_topics()
    audience = subscribers(2, [rare], prefix="rare") + subscribers(1, [rare, cancer], prefix="both")
    subscribers(1, [rare], status=Subscriber.Status.UNCONFIRMED, prefix="waiting")
    subscribers(1, [rare], status=Subscriber.Status.UNSUBSCRIBED, prefix="gone")
    subscribers(1, [cancer], prefix="cancer")
    subscribers(1, [general], prefix="general")
    return sorted(s.email for s in audience)


def report_count(page, label):
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=label, exact=True))
    return row.get_by_role("cell")


def assert_accessible_once_shown(page):
    """axe, once Wagtail's messages have faded in: half faded, their contrast is too low."""
    expect(page.locator(".messages > ul")).to_have_css("opacity", "1")
    assert_accessible(page)


def write_the_issue(page, live_server, archive):
    page.goto(live_server.url + f"/admin/pages/{archive.pk}/")
    page.get_by_role("link", name="Add child page").click()
    expect(page.get_by_role("heading", name="New: Newsletter issue")).to_be_visible()
    page.get_by_role("textbox", name=re.compile(r"^Title")).fill(TITLE)
    page.get_by_role("textbox", name="Summary").fill("A pilot for data access, and the survey's results")
    page.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Heading").click()
    page.get_by_role("textbox", name=re.compile(r"^text")).fill(HEADING)
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Text").click()
    text_block = page.get_by_role("region", name=re.compile(r"^Text"))
    text_block.get_by_role("textbox").press_sequentially(PARAGRAPH)
    # Draftail writes the text into the form's field a moment after the typing stops.
    expect(text_block.locator("input[type=hidden]")).to_have_value(re.compile(PARAGRAPH))
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    # Created and published, or published only if the editor had saved a draft on its own already.
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(rf"Page '{TITLE}' (created and published|has been published)\."))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_coordinator_writes_previews_tests_and_sends_an_issue(live_server, page, smtp_server):
    archive = HomePage.objects.get().add_child(
        instance=NewsletterIndexPage(title="Newsletter archive", slug="newsletter-archive"))
    audience = the_audience()
    user = coordinator(email=COORDINATOR)
    violations = watch_csp(page)
    sign_in_to_admin(page, live_server, user)

    write_the_issue(page, live_server, archive)
    page.get_by_role("link", name=TITLE).click()

    # The preview panel shows the web page first, then the email as subscribers will get it.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.get_by_role("complementary", name="Preview")
    # Wagtail loads each preview in a new iframe and gives it this id once loaded.
    shown = preview.locator("#w-preview-iframe").content_frame
    expect(shown.get_by_role("heading", name=HEADING)).to_be_visible()
    expect(shown.get_by_role("link", name="Unsubscribe")).to_have_count(0)
    preview.get_by_label("Preview mode").select_option(label="Email")
    expect(shown.get_by_role("link", name="Unsubscribe")).to_be_visible()
    expect(shown.get_by_text("1+MG stakeholder newsletter", exact=True)).to_be_visible()
    expect(shown.get_by_role("heading", name=HEADING)).to_be_visible()
    expect(shown.get_by_text(PARAGRAPH)).to_be_visible()

    page.get_by_role("button", name="Actions").first.click()
    page.get_by_role("link", name="Send", exact=True).click()
    expect(page.get_by_role("heading", name="Send the newsletter")).to_be_visible()
    assert_accessible(page)

    # A test copy, to the coordinator only.
    page.get_by_role("button", name="Send a test to me").click()
    expect(page.get_by_text(f"A test copy is on its way to {COORDINATOR}.")).to_be_visible()
    expect(page.get_by_role("heading", name="Send the newsletter")).to_be_visible()
    [test_copy] = wait_for_mail(smtp_server, COORDINATOR, TITLE)
    assert test_copy["Subject"] == f"[Test] {TITLE}"
    assert HEADING in test_copy.get_body(preferencelist=("plain",)).get_content()
    assert [m["To"] for m in smtp_server.messages()] == [COORDINATOR]

    # The exact audience before anything goes out.
    page.get_by_label("Rare diseases").check()
    page.get_by_role("button", name="Count the recipients").click()
    expect(page.get_by_role("heading", name="3 recipients")).to_be_visible()
    sample = page.get_by_role("list", name="3 recipients").get_by_role("listitem")
    expect(sample).to_have_text(audience, use_inner_text=True)
    expect(page.get_by_label("Rare diseases")).to_be_checked()
    assert not Send.objects.exists()
    assert_accessible(page)

    page.get_by_role("button", name="Confirm and send").click()
    expect(page.get_by_text("The issue is on its way.")).to_be_visible()
    expect(report_count(page, "Sent")).to_have_text("3")
    for label in ["Queued", "Failed", "Bounced", "Unsubscribed since"]:
        expect(report_count(page, label)).to_have_text("0")
    assert_accessible_once_shown(page)
    newsletters = [m for m in smtp_server.messages() if m["To"] != COORDINATOR]
    assert sorted(m["To"] for m in newsletters) == audience
    assert {m["Subject"] for m in newsletters} == {TITLE}
    assert all(m["List-Unsubscribe"] for m in newsletters)

    # A second send, scheduled: the reader of both topics has the issue already and is not counted.
    page.get_by_role("link", name="Back to sending this issue").click()
    expect(page.get_by_role("link", name=re.compile(r": Sent$"))).to_be_visible()  # the sends so far
    page.get_by_label("Cancer").check()
    expect(page.get_by_label("Send at")).to_have_accessible_description(
        "Europe/Brussels time. Leave empty to send now.")
    page.get_by_label("Send at").fill("2020-01-01T09:00")
    page.get_by_role("button", name="Count the recipients").click()
    expect(page.get_by_text("Choose a time in the future, or leave it empty to send now.")).to_be_visible()
    later = timezone.localtime() + timedelta(days=30)
    page.get_by_label("Send at").fill(later.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Count the recipients").click()
    expect(page.get_by_role("heading", name="1 recipient", exact=True)).to_be_visible()
    expect(page.get_by_role("list", name="1 recipient").get_by_role("listitem")).to_have_text(
        ["cancer0@example.org"])
    page.get_by_role("button", name="Confirm and send").click()
    expect(page.get_by_text("The issue will be sent at the time chosen.")).to_be_visible()
    expect(page.get_by_text(f"Scheduled · {later:%-d %b %Y %H:%M}")).to_be_visible()
    expect(page.get_by_text("Topics: Cancer")).to_be_visible()
    expect(page.get_by_text(f"Nothing is sent before {later:%-d %b %Y %H:%M}.")).to_contain_text(
        "1 subscriber today")

    scheduled = Send.objects.get(topics__slug="cancer")
    assert scheduled.status == Send.Status.SCHEDULED and not scheduled.deliveries.exists()
    assert len(smtp_server.messages()) == 1 + len(audience)
    assert_no_csp_violation(page, violations)
