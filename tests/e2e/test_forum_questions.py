"""The audience Q&A as a room uses it: one attendee asks, the chair approves, another attendee sees the
question arrive without reloading and votes for it, and the presenter view puts it on top."""

import pytest
from playwright.sync_api import expect

from portal.forum.models import Question, Speaker
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, sign_in, watch_csp
from tests.factories import (
    ForumEventPageFactory,
    QuestionFactory,
    RegistrationFactory,
    SessionFactory,
    SpeakerFactory,
    approved_stakeholder,
)

ASKED = "Will citizens see who used their genome?"
# The board asks every 5 seconds: what another person did shows within two polls.
TWO_POLLS = 12_000


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_question_asked_approved_and_voted_for_reaches_the_presenter_view_on_top(live_server, browser):
    event = ForumEventPageFactory(title="Stakeholder Forum 2031")
    session = SessionFactory(event=event, title="Genomics in healthcare", questions_open=True,
                             questions_moderated=True)
    earlier = QuestionFactory(session=session, text="What does the pilot cost?")
    people = {}
    for email in ("ana@example.org", "rui@example.org"):
        people[email] = approved_stakeholder(user__email=email)
        RegistrationFactory(event=event, user=people[email])
    chair = approved_stakeholder(user__email="chair@example.org")
    SpeakerFactory(session=session, user=chair, role=Speaker.Role.CHAIR, name="Chair Person")
    board = f"{live_server.url}/forum/sessions/{session.pk}/questions/"

    contexts = [browser.new_context() for _ in range(3)]
    try:
        ana, rui, moderator = (context.new_page() for context in contexts)
        violations = {page: watch_csp(page) for page in (ana, rui, moderator)}
        signing_in = ((ana, "ana@example.org"), (rui, "rui@example.org"), (moderator, "chair@example.org"))
        for page, email in signing_in:
            page.set_default_timeout(20_000)
            sign_in(page, live_server.url, email)
            page.goto(board)
            # Set on the page as loaded: still there later means the page was never reloaded.
            page.evaluate("window.loadedOnce = true")

        ana.get_by_role("textbox", name="Your question").fill(ASKED)
        ana.get_by_label("Ask anonymously").check()
        ana.get_by_role("button", name="Ask").click()
        expect(ana.get_by_text("Your question waits for a moderator")).to_be_visible()
        expect(rui.get_by_role("region", name="Questions")).not_to_contain_text(ASKED)

        waiting = moderator.get_by_role("region", name="Waiting for a moderator")
        expect(waiting).to_contain_text(ASKED, timeout=TWO_POLLS)
        expect(waiting).to_contain_text("asked anonymously")
        waiting.get_by_role("listitem").filter(has_text=ASKED).get_by_role("button", name="Approve").click()

        asked = rui.get_by_role("region", name="Questions").get_by_role("listitem").filter(has_text=ASKED)
        expect(asked).to_be_visible(timeout=TWO_POLLS)
        expect(asked).to_contain_text("Anonymous")
        asked.get_by_role("button", name="Vote for this question").click()
        expect(asked.get_by_role("button", name="You voted")).to_be_visible()
        expect(asked).to_contain_text("Votes: 1")
        assert rui.evaluate("window.loadedOnce") is True and moderator.evaluate("window.loadedOnce") is True
        assert_accessible(rui)

        moderator.get_by_role("link", name="Presenter view").click()
        shown = moderator.locator("main").get_by_role("listitem")
        expect(shown.first).to_contain_text(ASKED)
        expect(shown.nth(1)).to_contain_text(earlier.text)
        expect(moderator.locator("main")).not_to_contain_text(people["ana@example.org"].last_name)
        for page, seen in violations.items():
            assert_no_csp_violation(page, seen)
    finally:
        for context in contexts:
            context.close()
    question = Question.objects.get(text=ASKED)
    assert (question.author, question.anonymous, question.votes) == (people["ana@example.org"], True, 1)
