"""A consultation from draft to report: an early reviewer comments on a section, a coordinator answers in the
admin and opens the validation, a validator objects with a reason (first forgetting it), and the published
report shows the comment, the answer and the tally."""

import re

import pytest
from playwright.sync_api import expect

from portal.consultations.models import Comment, Verdict
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, sign_in, sign_in_to_admin, watch_csp
from tests.factories import ConsultationFactory, approved_stakeholder, coordinator

COMMENT = "Say which industries: pharma, SMEs and device makers."
ANSWER = "Section 1 now names them."
REASON = "Public trust must come before industry joins."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_draft_reviewed_answered_validated_and_published(live_server, browser):
    consultation = ConsultationFactory(title="Involving industry", slug="involving-industry")
    approved_stakeholder(early_reviewer=True, user__email="ana@example.org")
    approved_stakeholder(validator=True, user__email="rui@example.org")
    boss = coordinator()
    draft = f"{live_server.url}/consultations/{consultation.slug}/"
    run = f"{live_server.url}/admin/consultations/{consultation.pk}/run/"

    contexts = [browser.new_context() for _ in range(3)]
    try:
        ana, admin, rui = (context.new_page() for context in contexts)
        violations = {page: watch_csp(page) for page in (ana, admin, rui)}
        for page in (ana, admin, rui):
            page.set_default_timeout(20_000)

        sign_in(ana, live_server.url, "ana@example.org")
        ana.goto(draft)
        section = ana.get_by_role("region", name="1. Industry in every mirror group")
        section.get_by_label("Passage you comment on (optional)").fill("adds industry")
        section.get_by_label("Your comment").fill(COMMENT)
        section.get_by_role("button", name="Send a comment on section 1").click()
        expect(ana.get_by_text("Thank you: your comment is recorded.")).to_be_visible()
        expect(ana.get_by_role("region", name="1. Industry in every mirror group")).to_contain_text(COMMENT)
        assert_accessible(ana)

        sign_in_to_admin(admin, live_server, boss)
        admin.goto(f"{live_server.url}/admin/consultations/{consultation.pk}/comments/")
        answering = admin.get_by_role("region", name=re.compile("Section 1"))
        answering.get_by_label("Decision").select_option("accepted")
        answering.get_by_label("Answer").fill(ANSWER)
        answering.get_by_role("button", name="Save the answer").click()
        expect(admin.get_by_text("The answer is saved.")).to_be_visible()
        admin.goto(run)
        admin.get_by_role("button", name="Open the validation now").click()
        expect(admin.get_by_text("The round is open")).to_be_visible()

        sign_in(rui, live_server.url, "rui@example.org")
        rui.goto(draft)
        whole = rui.get_by_role("region", name="The text as a whole")
        whole.get_by_label("Object").check()
        whole.get_by_role("button", name="Save my verdict on the whole text").click()
        whole = rui.get_by_role("region", name="The text as a whole")
        expect(whole.get_by_text("Say why you object.").first).to_be_visible()
        whole.get_by_label("Reason").fill(REASON)
        whole.get_by_role("button", name="Save my verdict on the whole text").click()
        expect(rui.get_by_text("Your verdict is recorded")).to_be_visible()
        assert_accessible(rui)

        admin.goto(run)
        expect(admin.get_by_role("table")).to_contain_text(REASON)
        admin.get_by_role("button", name="Close the validation now").click()
        admin.get_by_role("button", name="Publish the report").click()
        expect(admin.get_by_text("The report is published.")).to_be_visible()

        rui.goto(f"{live_server.url}/consultations/{consultation.slug}/report/")
        report = rui.locator("main")
        expect(report).to_contain_text(COMMENT)
        expect(report).to_contain_text(ANSWER)
        expect(report).to_contain_text(REASON)
        whole_row = report.get_by_role("row", name=re.compile("The text as a whole"))
        expect(whole_row.get_by_role("cell")).to_have_text(["0", "1", REASON])  # approvals, objections
        expect(report).not_to_contain_text("ana@example.org")
        assert_accessible(rui)
        for page, seen in violations.items():
            assert_no_csp_violation(page, seen)
    finally:
        for context in contexts:
            context.close()
    assert Comment.objects.get().decision == "accepted"
    assert Verdict.objects.get().reason == REASON
