"""Invitations when a round opens, a reminder before it closes and the summary of answered comments, each
sent once; the published report and its exports; erasure of a commenter and of a validator; the admin's
answering, opening and publishing; lists whose queries do not grow."""

import csv
import datetime
import io

import pytest
import time_machine
from openpyxl import load_workbook

from portal.consultations import services
from portal.consultations.models import Comment, Consultation, Notice, Round, Verdict
from portal.consultations.tasks import send_consultation_notices
from portal.stakeholders.services import account_erase
from tests.factories import (
    ClusterFactory,
    CommentFactory,
    ConsultationFactory,
    CountryFactory,
    NoticeFactory,
    VerdictFactory,
    approved_stakeholder,
    opened,
)
from tests.queries import assert_queries_do_not_grow
from tests.services import queued_mail

pytestmark = pytest.mark.django_db


def subjects_to(user) -> list[str]:
    return [message.subject for message in queued_mail() if user.email in message.to]


def test_invitations_and_reminders_go_once_to_each_rounds_participants():
    consultation = ConsultationFactory(title="Industry draft")
    early, both, neither = (approved_stakeholder(early_reviewer=True),
                            approved_stakeholder(early_reviewer=True, validator=True), approved_stakeholder())
    send_consultation_notices()
    send_consultation_notices()
    assert subjects_to(early) == subjects_to(both) == ["Your review of “Industry draft” is invited"]
    assert subjects_to(neither) == []

    services.comment(opened(consultation).sections.get(number=1), early, text="Name the industries.")
    with time_machine.travel(consultation.review_closes_at - datetime.timedelta(days=1)):
        send_consultation_notices()
        send_consultation_notices()
    assert subjects_to(early) == ["Your review of “Industry draft” is invited"]  # took part: no reminder
    assert subjects_to(both)[-1] == "Reminder: “Industry draft” closes soon"

    with time_machine.travel(consultation.validation_opens_at + datetime.timedelta(minutes=1)):
        send_consultation_notices()
    assert subjects_to(both)[-1] == "Your validation of “Industry draft” is invited"
    assert len(subjects_to(both)) == 3 and len(subjects_to(early)) == 1
    assert Notice.objects.filter(user=both).count() == 3


def test_a_commenter_is_told_once_when_all_their_comments_are_answered():
    consultation = ConsultationFactory(title="Industry draft")
    person = approved_stakeholder(early_reviewer=True)
    review = opened(consultation)
    first = services.comment(review.sections.get(number=1), person, text="Name the industries.")
    second = services.comment(review.sections.get(number=2), person, text="Add COVID-19.")
    after_closing = consultation.review_closes_at + datetime.timedelta(hours=1)
    services.answer(first, decision=Comment.Decision.ACCEPTED, answer_text="Named in section 1.")
    with time_machine.travel(after_closing):
        send_consultation_notices()
        assert not any("answered" in subject for subject in subjects_to(person))
        services.answer(second, decision=Comment.Decision.NOT_ACCEPTED, answer_text="Out of scope here.")
        send_consultation_notices()
        send_consultation_notices()
    answered = [m for m in queued_mail() if person.email in m.to and "answered" in m.subject]
    assert len(answered) == 1
    assert "Named in section 1." in answered[0].body and "Out of scope here." in answered[0].body


def closed_consultation_with_results():
    patients, portugal = ClusterFactory(slug="patient-organisations"), CountryFactory(iso_code="PT")
    consultation = ConsultationFactory(title="Industry draft")
    commenter = approved_stakeholder(early_reviewer=True, clusters=[patients], country=portugal)
    named = approved_stakeholder(early_reviewer=True, user__first_name="Ana", user__last_name="Silva")
    checker = approved_stakeholder(validator=True)
    review = opened(consultation)
    anonymous = services.comment(review.sections.get(number=1), commenter, text="=Name the industries.",
                                 quote="adds industry")
    services.answer(anonymous, decision=Comment.Decision.PARTLY, answer_text="SMEs are named now.")
    services.comment(review.sections.get(number=2), named, text="Add COVID-19.", named=True)
    with time_machine.travel(consultation.validation_opens_at + datetime.timedelta(hours=1)):
        validation = services.opened_version(consultation, Round.VALIDATION)
        services.give_verdict(validation, checker, section=None, choice="object", reason="Trust comes first.")
        first = validation.sections.get(number=1)
        services.give_verdict(validation, checker, section=first, choice="approve")
    with time_machine.travel(consultation.validation_closes_at + datetime.timedelta(hours=1)):
        services.publish_report(consultation)
    return consultation, commenter, checker


def test_the_published_report_shows_the_versions_comments_answers_and_tally(client):
    consultation = ConsultationFactory()
    assert client.get(f"/consultations/{consultation.slug}/report/").status_code == 404
    with pytest.raises(services.Refused):
        services.publish_report(consultation)  # the validation has not closed

    consultation, commenter, _checker = closed_consultation_with_results()
    page = client.get(f"/consultations/{consultation.slug}/report/")
    assert page.status_code == 200
    text = page.content.decode()
    for shown in ("Round 1: the text reviewed", "Round 2: the text validated", "=Name the industries.",
                  "Partly accepted", "SMEs are named now.", "Trust comes first.", "Ana Silva",
                  "a stakeholder from Patient Organisations, Portugal"):
        assert shown in text, shown
    assert commenter.last_name not in text

    rows = list(csv.reader(io.StringIO(client.get(f"/consultations/{consultation.slug}/report.csv")
                                       .content.decode())))
    assert rows[0][:3] == ["Round", "Section", "Heading"]
    commented = next(row for row in rows if row[6].endswith("Name the industries."))
    assert [commented[4], commented[6], commented[8]] == [
        "a stakeholder from Patient Organisations, Portugal", "'=Name the industries.", "Partly accepted"]
    whole = next(row for row in rows if row[2] == "The text as a whole")
    assert whole[10:] == ["0", "1", "Trust comes first."]
    sheet = load_workbook(io.BytesIO(client.get(f"/consultations/{consultation.slug}/report.xlsx")
                                     .content)).active
    cell = next(cell for row in sheet.iter_rows() for cell in row if cell.value == "=Name the industries.")
    assert cell.data_type == "s"


def test_erasing_a_commenter_keeps_the_comment_by_a_stakeholder_and_a_validator_keeps_counting(client):
    consultation, commenter, checker = closed_consultation_with_results()
    account_erase(commenter)
    account_erase(checker)
    comment = Comment.objects.get(text="=Name the industries.")
    assert comment.author is None and services.author_shown(comment) == "a stakeholder"
    verdicts = Verdict.objects.filter(version__consultation=consultation)
    assert verdicts.count() == 2 and not verdicts.filter(voter__isnull=False).exists()
    text = client.get(f"/consultations/{consultation.slug}/report/").content.decode()
    assert "From a stakeholder:" in text and "Patient Organisations, Portugal" not in text
    assert "Trust comes first." in text


def test_the_admin_answers_a_comment_opens_the_validation_and_publishes(coordinator_client):
    consultation = ConsultationFactory()
    comment = CommentFactory(section=opened(consultation).sections.get(number=1))
    comments_url = f"/admin/consultations/{consultation.pk}/comments/"
    kept = coordinator_client.post(comments_url,
                                   {"comment": comment.pk, f"comment-{comment.pk}-answer": "Kept"})
    assert kept.status_code == 200 and "Kept" in kept.content.decode()
    response = coordinator_client.post(comments_url, {
        "comment": comment.pk, f"comment-{comment.pk}-decision": "accepted",
        f"comment-{comment.pk}-answer": "Done in section 1."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.decision, comment.answer) == ("accepted", "Done in section 1.")

    run_url = f"/admin/consultations/{consultation.pk}/run/"
    coordinator_client.post(run_url, {"action": "publish"})
    consultation.refresh_from_db()
    assert consultation.report_published_at is None
    coordinator_client.post(run_url, {"action": "open_validation"})
    assert consultation.versions.filter(round=Round.VALIDATION).exists()
    assert "Tally" in coordinator_client.get(run_url).content.decode()


def test_a_stakeholder_cannot_reach_the_consultation_admin(client):
    consultation = ConsultationFactory()
    client.force_login(approved_stakeholder(early_reviewer=True))
    assert client.get(f"/admin/consultations/{consultation.pk}/run/").status_code in (302, 403)


def test_the_admins_comments_list_queries_do_not_grow(coordinator_client):
    review = opened(ConsultationFactory())
    assert_queries_do_not_grow(
        coordinator_client, f"/admin/consultations/{review.consultation_id}/comments/",
        lambda n: CommentFactory.create_batch(n, section=review.sections.get(number=1)))


def test_the_public_list_queries_do_not_grow(client):
    person = approved_stakeholder(early_reviewer=True)
    client.force_login(person)

    def add(n):
        for _ in range(n):
            consultation = ConsultationFactory()
            if _ % 2:
                consultation.report_published_at = consultation.validation_closes_at
                consultation.save()
    assert_queries_do_not_grow(client, "/consultations/", add)


def test_my_portal_lists_comments_with_answers_and_verdicts_and_its_queries_do_not_grow(client):
    person = approved_stakeholder(early_reviewer=True, validator=True)
    client.force_login(person)

    def add(n):
        for _ in range(n):
            review = opened(ConsultationFactory())
            comment = CommentFactory(section=review.sections.get(number=1), author=person)
            services.answer(comment, decision=Comment.Decision.ACCEPTED, answer_text="Thank you, done.")
            VerdictFactory(voter=person, choice=Verdict.Choice.OBJECT, reason="Needs a date.")
            NoticeFactory(user=person)
    response = assert_queries_do_not_grow(client, "/my/", add)
    text = response.content.decode()
    assert "Thank you, done." in text and "Needs a date." in text and "Your verdicts" in text


def test_the_notices_are_on_the_schedule_make_run_runs():
    from django.conf import settings

    from portal.celery import app

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "portal.consultations.tasks.send_consultation_notices" in tasks
    app.loader.import_default_modules()
    assert tasks <= set(app.tasks)


def test_a_coordinator_writes_a_draft_in_sections_and_a_round_must_close_after_it_opens(coordinator_client):
    data = {
        "title": "Industry draft", "slug": "industry-draft", "introduction": "", "audience": "all",
        "review_opens_at": "2030-01-10 09:00", "review_closes_at": "2030-01-05 09:00",
        "named_participants-TOTAL_FORMS": "0", "named_participants-INITIAL_FORMS": "0",
        "named_participants-MIN_NUM_FORMS": "0", "named_participants-MAX_NUM_FORMS": "1000",
        "sections-TOTAL_FORMS": "2", "sections-INITIAL_FORMS": "0", "sections-MIN_NUM_FORMS": "1",
        "sections-MAX_NUM_FORMS": "1000",
        "sections-0-heading": "Scope", "sections-0-text": "Industry takes part.", "sections-0-ORDER": "1",
        "sections-1-heading": "Trust", "sections-1-text": "Build trust.", "sections-1-ORDER": "2",
    }
    refused = coordinator_client.post("/admin/consultations/new/", data)
    assert refused.status_code == 200 and "A round closes after it opens." in refused.content.decode()
    data["review_closes_at"] = "2030-01-20 09:00"
    response = coordinator_client.post("/admin/consultations/new/", data)
    assert response.status_code == 302
    consultation = Consultation.objects.get(slug="industry-draft")
    assert [section.heading for section in consultation.sections.all()] == ["Scope", "Trust"]


def test_a_recommendation_and_the_consultation_that_shaped_it_lead_to_each_other(client):
    from tests.factories import RecommendationFactory, tracker

    page = tracker()
    consultation = ConsultationFactory(title="Industry in 1+MG")
    produced = RecommendationFactory(title="Add industry to every mirror group", consultation=consultation)
    RecommendationFactory(title="Another recommendation")
    recommendation_page = f"{page.url}{produced.pk}/"

    before = client.get(recommendation_page).content.decode()
    assert "Industry in 1+MG" in before and "its report is not published yet" in before
    assert f"/consultations/{consultation.slug}/report/" not in before

    consultation, _commenter, _checker = closed_consultation_with_results()
    produced.consultation = consultation
    produced.save()
    report = client.get(f"/consultations/{consultation.slug}/report/").content.decode()
    assert f'<a href="{recommendation_page}">Add industry to every mirror group</a>' in report
    assert "Another recommendation" not in report
    after = client.get(recommendation_page).content.decode()
    assert f'href="/consultations/{consultation.slug}/report/"' in after
