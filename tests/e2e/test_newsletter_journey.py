"""Someone subscribes to the newsletter, confirms from the email that arrives by SMTP, changes their topics
and unsubscribes with one click on the preferences page, in Chromium against the live server."""

import pytest
from playwright.sync_api import expect

from newsletters.models import Consent, Subscriber
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, watch_csp
from tests.factories import newsletter_topics
from tests.helpers import link_in, wait_for_mail

EMAIL = "rosalind.franklin@example.org"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_subscribe_confirm_change_topics_and_unsubscribe(live_server, page, smtp_server):
    newsletter_topics()
    violations = watch_csp(page)
    page.goto(live_server.url + "/newsletter/")
    assert_accessible(page)
    # The general newsletter is chosen already.
    expect(page.get_by_label("General newsletter")).to_be_checked()
    page.get_by_label("Your email address").fill("Rosalind.Franklin@Example.org")
    page.get_by_label("Rare diseases").check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("alert")).to_contain_text("We can only send you the newsletter if you agree.")
    page.get_by_label("I agree to receive the B1MG stakeholder newsletter").check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

    [mail] = wait_for_mail(smtp_server, EMAIL, "Confirm your subscription")
    assert "List-Unsubscribe" not in mail
    page.goto(link_in(mail, "/newsletter/confirm/"))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_role("heading", name="You are subscribed")).to_be_visible()
    assert_accessible(page)
    subscriber = Subscriber.objects.get()
    # The confirmation link does not lead to the preferences; the link each newsletter ends with does.
    assert subscriber.token not in page.content()
    page.goto(f"{live_server.url}/newsletter/preferences/{subscriber.token}/")
    expect(page.get_by_label("Rare diseases")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Rare diseases").uncheck()
    page.get_by_label("Cancer").check()
    page.get_by_role("button", name="Save my topics").click()
    expect(page.get_by_role("status")).to_contain_text("Your topics are saved.")
    assert {topic.slug for topic in subscriber.topics.all()} == {"general", "cancer"}

    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("status")).to_contain_text("You are unsubscribed")
    expect(page.get_by_role("button", name="Subscribe again")).to_be_visible()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert [c.source for c in subscriber.consents.all()] == [
        Consent.Source.FORM, Consent.Source.CONFIRMATION, Consent.Source.PREFERENCES]
    assert_no_csp_violation(page, violations)
