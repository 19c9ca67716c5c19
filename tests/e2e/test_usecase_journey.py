"""A use case from draft to catalogue: a stakeholder saves a draft with an attachment, stops, comes back from
"My portal" and submits it; a coordinator assigns a reviewer in the admin, who declares no conflict, scores
every criterion and recommends; the coordinator moves it into review, accepts and publishes it; signed out,
its public part is in the catalogue and found by its search, its detailed part (reviewers only) nowhere."""

import re

import pytest
from playwright.sync_api import expect

from portal.usecases.models import Assignment, AuditEntry, Confidentiality, Score, State, UseCase
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, sign_in, sign_in_to_admin, watch_csp
from tests.factories import CriterionFactory, approved_stakeholder, coordinator, docx_bytes

TITLE = "Federated pharmacogenomics pilot"
ORGANISATION = "Helix Analytics SA"
SUMMARY = "Pharmacogenomic dosing advice computed beside each biobanking node."
CONFIDENTIAL = "Quillwort pricing model for the first three sites."


def step_heading(page, number, title):
    expect(page.get_by_role("heading", name=f"Step {number} of 4: {title}")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_use_case_drafted_reviewed_published_and_only_its_public_part_catalogued(
        live_server, browser, tmp_path):
    criteria = [CriterionFactory(name="Relevance to 1+MG"), CriterionFactory(name="Feasibility"),
                CriterionFactory(name="Safeguards")]
    submitter = approved_stakeholder(organisation=ORGANISATION, user__email="ana@example.org")
    reviewer = approved_stakeholder(user__email="rui@example.org")
    boss = coordinator()
    attachment = tmp_path / "pilot-plan.docx"
    attachment.write_bytes(docx_bytes())

    contexts = [browser.new_context() for _ in range(4)]
    try:
        ana, admin, rui, anonymous = (context.new_page() for context in contexts)
        violations = {page: watch_csp(page) for page in (ana, admin, rui, anonymous)}
        for page in violations:
            page.set_default_timeout(20_000)

        # A draft: the public part, then an attachment, and she stops there.
        sign_in(ana, live_server.url, "ana@example.org")
        ana.get_by_role("link", name="Submit a use case").click()
        step_heading(ana, 1, "The public part")
        ana.get_by_label("Organisation").fill(ORGANISATION)
        ana.get_by_label("Title").fill(TITLE)
        ana.get_by_label("Public summary").fill(SUMMARY)
        ana.get_by_role("group", name="Disease areas").get_by_role("checkbox").first.check()
        ana.get_by_role("group", name="Industry roles").get_by_role("checkbox").first.check()
        assert_accessible(ana)
        ana.get_by_role("button", name="Save and continue").click()
        step_heading(ana, 2, "The detailed part")
        steps = ana.get_by_role("navigation", name="Steps of the form")
        steps.get_by_role("link", name="Attachments").click()
        step_heading(ana, 4, "Attachments")
        ana.get_by_label("Add an attachment").set_input_files(attachment)
        ana.get_by_role("button", name="Save and stop here").click()
        expect(ana.get_by_text("“pilot-plan.docx” is attached.")).to_be_visible()
        expect(ana.get_by_text("Before submitting, fill in:")).to_be_visible()
        use_case = UseCase.objects.get(title=TITLE)
        assert use_case.state == State.DRAFT and use_case.attachments.count() == 1

        # Back from "My portal": the remaining steps, then submitting.
        ana.goto(live_server.url + "/my/")
        ana.get_by_role("region", name="Industry use cases").get_by_role("link", name="continue").click()
        step_heading(ana, 1, "The public part")
        expect(ana.get_by_label("Public summary")).to_have_value(SUMMARY)
        ana.get_by_role("button", name="Save and continue").click()
        step_heading(ana, 2, "The detailed part")
        ana.get_by_label("Detailed description").fill(CONFIDENTIAL)
        ana.get_by_label("What it offers the initiative").fill("Dosing software and training.")
        ana.get_by_label("What the company seeks").fill("Two pilot hospitals.")
        ana.get_by_label("The assigned reviewers only").check()
        assert_accessible(ana)
        ana.get_by_role("button", name="Save and continue").click()
        step_heading(ana, 3, "Countries and time frame")
        ana.get_by_role("group", name="Countries involved").get_by_role("checkbox").first.check()
        ana.get_by_label("Time frame").fill("2031-2032")
        ana.get_by_role("button", name="Save and continue").click()
        step_heading(ana, 4, "Attachments")
        expect(ana.get_by_role("link", name="pilot-plan.docx")).to_be_visible()
        assert_accessible(ana)
        ana.get_by_role("button", name="Save and continue").click()
        ana.get_by_role("button", name="Submit the use case").click()
        expect(ana.get_by_text("The use case is now “Submitted”.")).to_be_visible()

        # The coordinator assigns a reviewer and takes the use case into review.
        sign_in_to_admin(admin, live_server, boss)
        admin.goto(live_server.url + "/admin/use-case-reviewers/new/")
        admin.get_by_role("combobox", name="Use case").select_option(label=TITLE)
        admin.get_by_role("combobox", name="Reviewer").select_option(label=str(reviewer))
        admin.get_by_role("button", name="Create").click()
        expect(admin.get_by_text(f"Reviewer assignment '{reviewer} → {TITLE}' created.")).to_be_visible()
        coordinator_move(admin, live_server, use_case, "In review")

        # The reviewer: title and organisation only until they declare no conflict.
        sign_in(rui, live_server.url, "rui@example.org")
        rui.get_by_role("link", name="Your reviews").click()
        rui.get_by_role("link", name=TITLE).click()
        expect(rui.get_by_role("heading", name=TITLE)).to_be_visible()
        expect(rui.locator("main")).to_contain_text(ORGANISATION)
        expect(rui.locator("main")).not_to_contain_text(SUMMARY)
        expect(rui.locator("main")).not_to_contain_text(CONFIDENTIAL)
        rui.get_by_label("No, I have none").check()
        rui.get_by_role("button", name="Declare").click()
        expect(rui.locator("main")).to_contain_text(CONFIDENTIAL)
        expect(rui.get_by_role("link", name="pilot-plan.docx")).to_be_visible()
        for criterion, value in zip(criteria, ("5", "4", "4"), strict=True):
            rui.get_by_role("group", name=criterion.name).get_by_label(value, exact=True).check()
        rui.get_by_role("group", name="Your recommendation").get_by_label("Accept", exact=True).check()
        rui.get_by_label("Comment to the coordinators").fill("Sound and well guarded.")
        assert_accessible(rui)
        rui.get_by_role("button", name="Save the review").click()
        expect(rui.get_by_text("Your review is saved.")).to_be_visible()

        # The coordinator reads the scores, accepts and publishes.
        admin.goto(live_server.url + "/admin/use-cases/scores/")
        expect(admin.get_by_role("row", name=re.compile(re.escape(str(reviewer))))).to_contain_text("Accept")
        coordinator_move(admin, live_server, use_case, "Accepted")
        coordinator_move(admin, live_server, use_case, "Published")

        # Signed out: the public part is catalogued and searched, the detailed part nowhere.
        catalogue = live_server.url + "/use-cases/"
        anonymous.goto(catalogue)
        expect(anonymous.get_by_role("link", name=TITLE)).to_be_visible()
        expect(anonymous.locator("main")).to_contain_text(SUMMARY)
        expect(anonymous.locator("main")).not_to_contain_text(CONFIDENTIAL)
        assert_accessible(anonymous)
        anonymous.get_by_label("Words").fill("biobanking")
        anonymous.get_by_role("button", name="Filter").click()
        expect(anonymous.get_by_text("1 use case matches “biobanking”")).to_be_visible()
        expect(anonymous.get_by_role("link", name=TITLE)).to_be_visible()
        anonymous.goto(catalogue + "?q=Quillwort")
        expect(anonymous.get_by_text("0 use cases match “Quillwort”")).to_be_visible()
        expect(anonymous.get_by_role("link", name=TITLE)).to_have_count(0)
        anonymous.goto(catalogue)
        anonymous.get_by_role("link", name=TITLE).click()
        expect(anonymous.get_by_role("heading", name=TITLE)).to_be_visible()
        expect(anonymous.locator("main")).to_contain_text(SUMMARY)
        expect(anonymous.locator("main")).not_to_contain_text(CONFIDENTIAL)
        expect(anonymous.get_by_role("link", name="pilot-plan.docx")).to_have_count(0)
        feed = anonymous.request.get(catalogue + "feed.atom").text()
        assert TITLE in feed and "Quillwort" not in feed
        for page, seen in violations.items():
            assert_no_csp_violation(page, seen)
    finally:
        for context in contexts:
            context.close()

    use_case.refresh_from_db()
    assert use_case.state == State.PUBLISHED and use_case.published_at is not None
    assert use_case.confidentiality == Confidentiality.REVIEWERS
    assert use_case.description == CONFIDENTIAL
    log = AuditEntry.objects.filter(use_case=use_case)
    assert [(entry.from_state, entry.to_state, entry.by) for entry in log] == [
        (State.DRAFT, State.SUBMITTED, submitter), (State.SUBMITTED, State.IN_REVIEW, boss),
        (State.IN_REVIEW, State.ACCEPTED, boss), (State.ACCEPTED, State.PUBLISHED, boss)]
    assignment = Assignment.objects.get(use_case=use_case)
    assert (assignment.reviewer, assignment.assigned_by) == (reviewer, boss)
    assert assignment.conflict == Assignment.Conflict.NONE
    assert assignment.recommendation == Assignment.Recommendation.ACCEPT
    assert sorted((score.criterion.name, score.value) for score in Score.objects.filter(
        assignment=assignment).select_related("criterion")) == [
        ("Feasibility", 4), ("Relevance to 1+MG", 5), ("Safeguards", 4)]
    assert use_case.attachments.get().file.name == "pilot-plan.docx"


def coordinator_move(admin, live_server, use_case, state):
    """A coordinator's move, made on the use case's "edit" view in the admin."""
    admin.goto(f"{live_server.url}/admin/use-cases/edit/{use_case.pk}/")
    admin.get_by_role("combobox", name="Move to").select_option(label=state)
    admin.get_by_role("button", name="Save").click()
    expect(admin.get_by_text(f"“{TITLE}” is now “{state}”.")).to_be_visible()
