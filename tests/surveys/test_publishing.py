"""A breaking edit becomes the version respondents answer only once a coordinator confirmed it in the page
editor. A bulk publish or an approval in the moderation workflow keeps respondents on their version, says so
in the page's history and the editor, and mails the coordinators."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from portal.scheduling.management.commands.run_periodic import run_due_tasks
from surveys.definition import with_defaults
from surveys.models import Response
from surveys.publishing import CONFIRMED, HELD
from tests.factories import ResponseFactory, coordinator, editor, small_definition
from tests.services import queued_mail

from .test_changes import publish_in_admin

pytestmark = pytest.mark.django_db

HELD_WARNING = "Respondents still answer version 1 of “Test survey”"


def without_contact() -> dict:
    definition = small_definition()
    definition["sections"][1]["questions"].pop()
    return definition


@pytest.fixture
def answered(survey):
    """Two responses to version 1: one gave a contact address."""
    version = survey.current_version()
    ResponseFactory(survey=survey, version=version, status=Response.Status.SUBMITTED,
                    answers={"purpose": "clinical", "contact": "lab@example.org"})
    ResponseFactory(survey=survey, version=version, answers={"purpose": "research"})
    return survey


def versions(survey) -> list[int]:
    return list(survey.versions.values_list("number", flat=True))


def save_draft(survey, definition, user=None):
    survey.definition = definition
    return survey.save_revision(user=user)


def bulk_publish(client, survey):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    return client.post(f"{url}?id={survey.pk}&next=/admin/", {}, follow=True)


def new_respondent_version(client, survey) -> int:
    client.post(survey.url + "start/")
    return Response.objects.latest("pk").version.number


def test_a_bulk_publish_of_a_breaking_edit_keeps_respondents_on_their_version_and_tells_the_coordinators(
    client, answered
):
    client.force_login(coordinator(email="coordinator@example.org"))
    save_draft(answered, without_contact())

    reply = bulk_publish(client, answered)

    answered.refresh_from_db()
    assert answered.live and answered.definition == without_contact()  # the page is published ...
    assert versions(answered) == [1]  # ... but its questions stay those of version 1
    assert HELD_WARNING in reply.text
    assert "Question “5. Contact email” (contact) is removed (1 of 2 responses)" in reply.text
    entry = PageLogEntry.objects.get(page=answered, action=HELD)
    assert entry.data["version"] == 1 and entry.data["responses"] == 2
    (mail,) = [message for message in queued_mail() if "still answer the earlier version" in message.subject]
    assert mail.to == ["coordinator@example.org"]
    assert "(contact) is removed (1 of 2 responses)" in mail.body
    assert f"/admin/pages/{answered.pk}/edit/" in mail.body
    history = client.get(reverse("wagtailadmin_pages:history", args=[answered.pk]))
    assert "respondents still answer version 1" in history.text
    client.logout()
    assert new_respondent_version(client, answered) == 1


def test_the_editor_says_the_new_version_waits_and_starts_it_once_confirmed(client, answered):
    client.force_login(coordinator())
    save_draft(answered, without_contact())
    bulk_publish(client, answered)

    assert HELD_WARNING in client.get(f"/admin/pages/{answered.pk}/edit/").text
    refused = publish_in_admin(client, answered, without_contact())
    assert refused.status_code == 200 and versions(answered) == [1]

    confirmed = publish_in_admin(client, answered, without_contact(), accept_breaking_changes="on")

    assert confirmed.status_code == 302
    assert versions(answered) == [1, 2]
    entry = PageLogEntry.objects.get(page=answered, action=CONFIRMED)
    assert entry.user is not None and entry.data["version"] == 1
    assert HELD_WARNING not in client.get(f"/admin/pages/{answered.pk}/edit/").text
    assert new_respondent_version(client, answered) == 2


def submit_for_moderation(client, survey, definition):
    client.force_login(editor())
    reply = publish_in_admin(client, survey, definition, **{"action-submit": "submit", "action-publish": ""})
    assert reply.status_code == 302, reply.text
    survey.refresh_from_db()
    return survey.current_workflow_task_state


def test_approving_a_breaking_edit_on_the_dashboard_keeps_respondents_on_their_version(client, answered):
    task_state = submit_for_moderation(client, answered, without_contact())
    client.force_login(coordinator())

    reply = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(answered.pk, "approve", task_state.pk)),
        {"comment": ""},
    )

    assert reply.status_code == 302
    answered.refresh_from_db()
    assert answered.live and with_defaults(answered.definition) == with_defaults(without_contact())
    assert versions(answered) == [1]
    assert PageLogEntry.objects.filter(page=answered, action=HELD).exists()
    assert [m for m in queued_mail() if "still answer the earlier version" in m.subject]


def test_approving_in_the_editor_asks_for_the_confirmation_like_publishing(client, answered):
    submit_for_moderation(client, answered, without_contact())
    client.force_login(coordinator())
    approve = {"action-workflow-action": "true", "workflow-action-name": "approve", "action-publish": ""}

    refused = publish_in_admin(client, answered, without_contact(), **approve)
    assert refused.status_code == 200 and "Tick the box to publish anyway" in refused.text
    assert versions(answered) == [1]

    approved = publish_in_admin(client, answered, without_contact(), accept_breaking_changes="on", **approve)
    assert approved.status_code == 302
    assert versions(answered) == [1, 2]
    assert not PageLogEntry.objects.filter(page=answered, action=HELD).exists()


def test_safe_edits_and_surveys_nobody_answered_publish_at_once_in_bulk(client, survey):
    client.force_login(coordinator())
    save_draft(survey, without_contact())
    bulk_publish(client, survey)  # breaking, but no response was given
    assert versions(survey) == [1, 2]

    ResponseFactory(survey=survey, answers={"purpose": "clinical"})
    reworded = without_contact()
    reworded["sections"][0]["questions"][0]["label"] = "1. Main purpose?"
    save_draft(survey, reworded)
    reply = bulk_publish(client, survey)

    assert versions(survey) == [1, 2, 3]
    assert "Respondents still answer" not in reply.text
    assert not PageLogEntry.objects.filter(page=survey, action=HELD).exists()


def test_a_confirmed_edit_scheduled_for_later_starts_its_version_when_it_goes_live(client, answered):
    client.force_login(coordinator())
    go_live = timezone.localtime() + timedelta(hours=1)

    scheduled = publish_in_admin(client, answered, without_contact(), accept_breaking_changes="on",
                                 go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    assert scheduled.status_code == 302
    assert versions(answered) == [1]

    with time_machine.travel(go_live + timedelta(minutes=2)):
        run_due_tasks({}, now=0.0)

    answered.refresh_from_db()
    assert with_defaults(answered.definition) == with_defaults(without_contact())
    assert versions(answered) == [1, 2]
    assert not PageLogEntry.objects.filter(page=answered, action=HELD).exists()


def test_a_publish_from_code_needs_the_confirmation_too(answered):
    from surveys.publishing import confirm_breaking_edit

    save_draft(answered, without_contact()).publish()
    assert versions(answered) == [1]

    edit = confirm_breaking_edit(answered, without_contact())
    answered.save_revision().publish()

    assert edit.changes == ["Question “5. Contact email” (contact) is removed (1 of 2 responses)"]
    assert versions(answered) == [1, 2]
