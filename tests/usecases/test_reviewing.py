"""Reviewing on the portal's pages: coordinators assign in the admin (the reviewer is emailed), the reviewer
declares conflicts before reading more than the title, scores and recommends; a conflict takes them off;
the scores side by side and their export; attachments on the steps, refused when disguised or oversize,
gone with their use case."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.core import mail

from portal.core.models import PrivateFile
from portal.core.private_files import DEFAULT_MAX_BYTES
from portal.usecases import access, services
from portal.usecases.models import Assignment, Attachment, AuditEntry, Confidentiality, State
from tests.factories import (
    AssignmentFactory,
    AttachmentFactory,
    AuditEntryFactory,
    CriterionFactory,
    ScoreFactory,
    UseCaseFactory,
    WorkingGroupMembershipFactory,
    approved_stakeholder,
    coordinator,
    docx_bytes,
    upload,
)
from tests.factories.core import PDF
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

SECRET = "Our unreleased assay pricing"


def test_a_coordinator_assigns_a_reviewer_who_declares_no_conflict_scores_and_recommends(
        client, django_capture_on_commit_callbacks):
    relevance, feasibility = CriterionFactory(name="Relevance"), CriterionFactory(name="Feasibility")
    CriterionFactory(name="Retired", active=False)
    use_case = UseCaseFactory(state=State.IN_REVIEW, description=SECRET, title="Federated pilot")
    reviewer = approved_stakeholder()
    client.force_login(coordinator())
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/use-case-reviewers/new/", {"use_case": use_case.pk, "reviewer": reviewer.pk})
    assignment = Assignment.objects.get(use_case=use_case, reviewer=reviewer)
    assert [message.to for message in mail.outbox] == [[reviewer.email]]
    assert "Federated pilot" in mail.outbox[0].body and SECRET not in mail.outbox[0].body

    client.force_login(reviewer)
    page = client.get(f"/use-cases/reviews/{assignment.pk}/").text
    assert "Federated pilot" in page and use_case.organisation in page and SECRET not in page
    assert client.get(f"/use-cases/{use_case.pk}/").status_code == 404

    client.post(f"/use-cases/reviews/{assignment.pk}/declare/", {"conflict": "no"})
    page = client.get(f"/use-cases/reviews/{assignment.pk}/").text
    assert SECRET in page and "Retired" not in page
    response = client.post(f"/use-cases/reviews/{assignment.pk}/", {
        f"criterion_{relevance.pk}": "5", f"criterion_{feasibility.pk}": "3", "recommendation": "accept",
        "comment": "Worth a pilot.", "internal_note": "Strong on safeguards."})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.recommendation == "accept" and assignment.submitted_at
    assert {score.criterion.name: score.value for score in assignment.scores.all()} == {
        "Relevance": 5, "Feasibility": 3}

    # The internal note is the coordinators': never on the authors' page.
    client.force_login(use_case.submitter)
    assert "Strong on safeguards." not in client.get(f"/use-cases/{use_case.pk}/").text


def test_a_score_out_of_range_or_a_criterion_left_out_is_refused(client):
    criterion = CriterionFactory()
    CriterionFactory()
    assignment = AssignmentFactory(conflict=Assignment.Conflict.NONE)
    client.force_login(assignment.reviewer)
    response = client.post(f"/use-cases/reviews/{assignment.pk}/", {
        f"criterion_{criterion.pk}": "6", "recommendation": "accept"})
    assert response.status_code == 200 and not assignment.scores.exists()


def test_a_declared_conflict_takes_the_reviewer_off_and_the_coordinators_see_it(client):
    assignment = AssignmentFactory(use_case__description=SECRET)
    client.force_login(assignment.reviewer)
    client.post(f"/use-cases/reviews/{assignment.pk}/declare/",
                {"conflict": "yes", "note": "I consult for this company."})
    assert client.get(f"/use-cases/reviews/{assignment.pk}/").status_code == 404
    assert client.get(f"/use-cases/{assignment.use_case.pk}/").status_code == 404
    assert "Federated" not in client.get("/use-cases/reviews/").text
    # Declared once: not taken back.
    assert client.post(f"/use-cases/reviews/{assignment.pk}/declare/",
                       {"conflict": "no"}).status_code == 404

    client.force_login(coordinator())
    page = client.get("/admin/use-cases/scores/").text
    assert "Conflict of interest declared" in page and "I consult for this company." in page


def test_a_reviewer_cannot_be_an_author_nor_assigned_to_a_draft():
    use_case = UseCaseFactory(state=State.SUBMITTED)
    with pytest.raises(services.Refused):
        services.assign(use_case, coordinator(), use_case.submitter)
    with pytest.raises(services.Refused):
        services.assign(UseCaseFactory(), coordinator(), approved_stakeholder())
    with pytest.raises(services.Refused):
        services.assign(use_case, approved_stakeholder(), approved_stakeholder())


def test_wg7_members_read_what_is_marked_for_them_once_submitted():
    member = WorkingGroupMembershipFactory(user=approved_stakeholder()).user
    marked = UseCaseFactory(state=State.SUBMITTED, confidentiality=Confidentiality.REVIEWERS_AND_WG7)
    draft = UseCaseFactory(confidentiality=Confidentiality.REVIEWERS_AND_WG7)
    reviewers_only = UseCaseFactory(state=State.SUBMITTED)
    assert access.may_see_detailed(marked, member)
    assert not access.may_see_detailed(draft, member)
    assert not access.may_see_detailed(reviewers_only, member)
    assert list(access.visible_to(member)) == [marked]
    assert not access.may_see_log(marked, member)


def test_the_scores_side_by_side_and_their_export(client):
    relevance = CriterionFactory(name="Relevance")
    first = ScoreFactory(criterion=relevance, value=5, assignment__comment="Worth a pilot.")
    use_case = first.assignment.use_case
    ScoreFactory(criterion=relevance, value=2, assignment__use_case=use_case,
                 assignment__internal_note="=HYPERLINK(1)")
    client.force_login(coordinator())
    page = client.get("/admin/use-cases/scores/").text
    assert use_case.title in page and "3.5" in page

    rows = list(csv.reader(io.StringIO(client.get("/admin/use-cases/scores/export/csv/").text)))
    assert rows[0][5] == "Relevance" and [row[5] for row in rows[1:]] == ["5", "2"]
    assert rows[2][9] == "'=HYPERLINK(1)"
    book = openpyxl.load_workbook(io.BytesIO(client.get("/admin/use-cases/scores/export/xlsx/").content))
    assert [row[5] for row in book.active.iter_rows(min_row=2, values_only=True)] == [5, 2]

    client.force_login(approved_stakeholder())
    assert client.get("/admin/use-cases/scores/export/csv/").status_code in (302, 403)


def test_the_scores_page_runs_the_same_queries_however_many_use_cases(client):
    criteria = [CriterionFactory(), CriterionFactory()]
    client.force_login(coordinator())

    def add(count):
        for _ in range(count):
            assignment = AssignmentFactory(conflict=Assignment.Conflict.NONE)
            for criterion in criteria:
                ScoreFactory(assignment=assignment, criterion=criterion)

    assert_queries_do_not_grow(client, "/admin/use-cases/scores/", add, few=1, more=12)


def test_the_reviewers_list_runs_the_same_queries_however_many_assignments(client):
    reviewer = approved_stakeholder()
    client.force_login(reviewer)
    response = assert_queries_do_not_grow(
        client, "/use-cases/reviews/",
        lambda count: [AssignmentFactory(reviewer=reviewer) for _ in range(count)], few=1, more=25)
    assert response.context["assignments"].paginator.num_pages == 2


def test_the_author_attaches_and_removes_files_on_the_steps(client, django_capture_on_commit_callbacks):
    use_case = UseCaseFactory()
    client.force_login(use_case.submitter)
    response = client.post(f"/use-cases/{use_case.pk}/edit/attachments/",
                           {"file": upload("plan.docx", docx_bytes())})
    assert response.url == f"/use-cases/{use_case.pk}/edit/attachments/"
    attachment = Attachment.objects.get(use_case=use_case)
    assert attachment.file.name == "plan.docx" and attachment.file.uploaded_by == use_case.submitter
    download = client.get(f"/use-cases/{use_case.pk}/attachments/{attachment.pk}/")
    assert b"".join(download.streaming_content) == docx_bytes()

    stored = Path(attachment.file.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/use-cases/{use_case.pk}/attachments/{attachment.pk}/remove/")
    assert not Attachment.objects.exists() and not PrivateFile.objects.exists()
    assert not stored.exists()


@pytest.mark.parametrize("sent", [upload("plan.pdf", b"<html><script>alert(1)</script></html>"),
                                  upload("big.pdf", PDF + b"0" * DEFAULT_MAX_BYTES)],
                         ids=["disguised", "oversize"])
def test_a_disguised_or_oversize_upload_is_refused_next_to_the_field(client, sent):
    use_case = UseCaseFactory()
    client.force_login(use_case.submitter)
    response = client.post(f"/use-cases/{use_case.pk}/edit/attachments/", {"file": sent})
    assert response.status_code == 200
    assert response.context["form"].errors["file"][0].startswith("This file")
    assert not Attachment.objects.exists() and not PrivateFile.objects.exists()


def test_a_deleted_use_case_takes_its_files_along(django_capture_on_commit_callbacks):
    attachment = AttachmentFactory()
    stored = Path(attachment.file.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        attachment.use_case.delete()
    assert not PrivateFile.objects.exists() and not stored.exists()


def test_reviewers_see_internal_notes_of_the_log_and_authors_do_not():
    assignment = AssignmentFactory(conflict=Assignment.Conflict.NONE, use_case__state=State.IN_REVIEW)
    AuditEntryFactory(use_case=assignment.use_case, internal=True, comment="Check the data holder.")
    assert [entry.comment for entry in access.visible_log(assignment.use_case, assignment.reviewer)] == [
        "Check the data holder."]
    assert not access.visible_log(assignment.use_case, assignment.use_case.submitter).exists()
    assert AuditEntry.objects.count() == 1
